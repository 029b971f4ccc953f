using Hotline95.Core.Common;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hotline95.Core.Compliance;

[JsonConverter(typeof(JsonStringEnumConverter<TermCategory>))]
public enum TermCategory
{
    [JsonStringEnumMemberName("superlative")] Superlative,
    [JsonStringEnumMemberName("rank")] Rank,
    [JsonStringEnumMemberName("grade")] Grade,
    [JsonStringEnumMemberName("uniqueness")] Uniqueness,
    [JsonStringEnumMemberName("guarantee")] Guarantee,
    [JsonStringEnumMemberName("leadership")] Leadership,
    [JsonStringEnumMemberName("endorsement")] Endorsement,
    /// <summary>Marketing language on a number approved for non-marketing service only.</summary>
    [JsonStringEnumMemberName("marketing")] Marketing,
}

[JsonConverter(typeof(JsonStringEnumConverter<TermSeverity>))]
public enum TermSeverity
{
    [JsonStringEnumMemberName("error")] Error,
    [JsonStringEnumMemberName("warning")] Warning,
}

/// <summary>A term the scanner looks for, with why it is a problem and what to write instead.</summary>
public sealed record LexiconTerm(string Term, TermCategory Category, TermSeverity Severity, string LegalBasis, string Rewrite);

/// <summary>
/// The words to find and the phrases that excuse them (ordinary speech such as 第一次, and the SAMR guideline's
/// exemptions: consumer tips, service attitude, standard grades, registered names). Terms and exceptions are
/// stored normalised (see <see cref="TextNormalizer"/>), so a lookup is a plain substring search.
/// </summary>
public sealed class Lexicon
{
    public Lexicon(IEnumerable<LexiconTerm> terms, IEnumerable<string> exceptions)
    {
        Terms = terms.Select(t => t with { Term = TextNormalizer.Normalize(t.Term) }).Where(t => t.Term.Length > 0)
            .GroupBy(t => t.Term, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        Exceptions = exceptions.Select(TextNormalizer.Normalize).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<LexiconTerm> Terms { get; }
    public IReadOnlyList<string> Exceptions { get; }

    public Lexicon With(IEnumerable<LexiconTerm> moreTerms, IEnumerable<string> moreExceptions) => new(Terms.Concat(moreTerms), Exceptions.Concat(moreExceptions));

    private static readonly Lazy<Lexicon> Shipped = new(() =>
    {
        var file = JsonSerializer.Deserialize<LexiconFile>(EmbeddedResources.ReadText("Hotline95.Compliance.lexicon.json"), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        return new Lexicon(file.Terms, file.Exceptions);
    });

    /// <summary>The lexicon shipped with the program (Compliance/Data/lexicon.json).</summary>
    public static Lexicon Default => Shipped.Value;

    private sealed record LexiconFile(List<LexiconTerm> Terms, List<string> Exceptions);
}
