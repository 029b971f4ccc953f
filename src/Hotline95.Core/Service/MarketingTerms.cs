using Hotline95.Core.Compliance;

namespace Hotline95.Core.Service;

/// <summary>
/// A 95 number serves non-marketing purposes only (DOMAIN.md). The words that make a purpose marketing are the red-line
/// lexicon's marketing category (Compliance/Data/lexicon.json), the one list that line purposes, dossier purposes and the
/// scanner all ask; its Advertising-Law absolute terms (最好, 第一…) are another matter and are not marketing.
/// </summary>
public static class MarketingTerms
{
    private static readonly Lazy<IReadOnlyList<string>> Terms = new(() =>
        [.. Lexicon.Default.Terms.Where(t => t.Category == TermCategory.Marketing).Select(t => t.Term).OrderByDescending(t => t.Length)]);

    /// <summary>The marketing term the text contains (as the lexicon writes it), or null.</summary>
    public static string? Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var normalized = TextNormalizer.Normalize(text);
        return Terms.Value.FirstOrDefault(t => normalized.Contains(t, StringComparison.Ordinal));
    }
}
