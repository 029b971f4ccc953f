namespace Hotline95.Core.Service;

/// <summary>
/// A 95 number serves non-marketing purposes only (DOMAIN.md): words that make a purpose marketing.
/// The red-line scanner (issue 7) extends this into a full lexicon; this list guards configuration.
/// </summary>
public static class MarketingTerms
{
    private static readonly string[] Terms =
    [
        "营销", "促销", "推销", "广告", "优惠活动", "优惠", "推广", "宣传", "抢购", "限时", "电销", "外呼营销", "拉新", "办卡推荐", "推荐办理",
        "marketing", "promotion", "promotional", "advertis", "telemarketing", "sales campaign",
    ];

    /// <summary>The marketing term the text contains, or null.</summary>
    public static string? Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var folded = text.Replace(" ", "", StringComparison.Ordinal).Replace("\u3000", "", StringComparison.Ordinal);
        return Terms.FirstOrDefault(t => folded.Contains(t.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
    }
}
