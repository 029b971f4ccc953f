using System.Text.RegularExpressions;

namespace Hotline95.Core.Licensing.Eligibility;

/// <summary>Whether stated service hours say when the line is staffed: round the clock, or a time range.</summary>
public static partial class ServiceHours
{
    public static bool IsConcrete(string hours) => Pattern().IsMatch(PolicyText.Fold(hours));

    [GeneratedRegex(@"7\s*[×xX*]\s*24|24\s*[×xX*]\s*7|24\s*(小时|h|hours)|全天候|全年无休|\d{1,2}\s*[:：点]\s*\d{0,2}\s*[-–—~～至到]\s*\d{1,2}\s*[:：点]?\s*\d{0,2}", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
