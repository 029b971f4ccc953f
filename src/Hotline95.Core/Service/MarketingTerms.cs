using Hotline95.Core.Compliance;

namespace Hotline95.Core.Service;

/// <summary>
/// A 95 number serves non-marketing purposes only (DOMAIN.md). The words that make a purpose marketing are the red-line
/// lexicon's marketing category (Compliance/Data/lexicon.json), the one list that line purposes, dossier purposes and the
/// scanner all ask; its Advertising-Law absolute terms (最好, 第一…) are another matter and are not marketing.
/// </summary>
public static partial class MarketingTerms
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

        // A marketing word that is denied (非营销, 不用于营销, 不做推销…) says the opposite: it is taken out before looking.
        var normalized = Denied().Replace(TextNormalizer.Normalize(text), "");
        return Terms.Value.FirstOrDefault(t => normalized.Contains(t, StringComparison.Ordinal));
    }

    [System.Text.RegularExpressions.GeneratedRegex("(?:非|不得|不会|不做|不进行|不用于|不从事|不开展|禁止|严禁|杜绝|不|无)(?:任何)?(?:电话)?(?:营销|推销|促销|推广|销售)")]
    private static partial System.Text.RegularExpressions.Regex Denied();
}
