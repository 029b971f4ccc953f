using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Hotline95.Core.Licensing.Eligibility;

/// <summary>
/// Reads the key facts a security policy states in prose, for dossiers that give only the text:
/// the encryption method, retention periods and complaint limits. Full-width characters and Chinese
/// numerals are understood (２４小时, 七个工作日, 半年).
/// </summary>
public static partial class PolicyText
{
    public static string Fold(string text) => text.Normalize(NormalizationForm.FormKC);

    /// <summary>The first encryption method the text names (case and width ignored), as the policy spells it.</summary>
    public static string? EncryptionMethod(string? text, IEnumerable<string> methods)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var folded = Fold(text).Replace(" ", "", StringComparison.Ordinal);
        return methods.FirstOrDefault(m => folded.Contains(m.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Months of a retention period: the first period after a word for keeping (保存、保留、留存、retain, kept…).</summary>
    public static int? RetentionMonths(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        foreach (Match match in RetentionPattern().Matches(Fold(text)))
        {
            if (match.Groups["half"].Success)
            {
                return 6;
            }

            if (Number(match.Groups["n"].Value) is not { } n)
            {
                continue;
            }

            var unit = match.Groups["unit"].Value.ToLowerInvariant();
            return unit.StartsWith('年') || unit.StartsWith("year", StringComparison.Ordinal) ? n * 12 : n;
        }

        return null;
    }

    /// <summary>Hours within which complaints are answered (响应、答复、回复、respond).</summary>
    public static int? ResponseHours(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var match = HoursPattern().Match(Fold(text));
        return match.Success ? Number(match.Groups["n"].Value) : null;
    }

    /// <summary>Working days within which complaints are resolved; a limit in calendar days is read as that many working days or fewer.</summary>
    public static int? ResolutionWorkingDays(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var folded = Fold(text);
        var match = WorkingDaysPattern().Match(folded);
        if (!match.Success)
        {
            match = CalendarDaysPattern().Match(folded);
        }

        return match.Success ? Number(match.Groups["n"].Value) : null;
    }

    /// <summary>Arabic or Chinese numerals up to 99 (十二, 二十四, 两).</summary>
    public static int? Number(string token)
    {
        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        const string Digits = "零一二三四五六七八九";
        token = token.Replace('两', '二');
        var ten = token.IndexOf('十');
        if (ten < 0)
        {
            return token.Length == 1 && Digits.Contains(token[0]) ? Digits.IndexOf(token[0]) : null;
        }

        var tens = ten == 0 ? 1 : Digits.IndexOf(token[0]);
        var ones = ten == token.Length - 1 ? 0 : Digits.IndexOf(token[^1]);
        return tens < 0 || ones < 0 || token.Length > 3 ? null : tens * 10 + ones;
    }

    private const string Numeral = "(?<n>\\d{1,3}|[零一二两三四五六七八九十]{1,3})";

    [GeneratedRegex("(?:保存|保留|留存|存储|存放|保管|retain(?:ed)?|kept|keep|stored?)[^。；;.\\n]{0,24}?(?:(?<half>半年)|" + Numeral + "\\s*(?<unit>个月|月|年|months?|years?))", RegexOptions.IgnoreCase)]
    private static partial Regex RetentionPattern();

    [GeneratedRegex(Numeral + "\\s*(?:个)?\\s*(?:小时|h\\b|hours?)", RegexOptions.IgnoreCase)]
    private static partial Regex HoursPattern();

    [GeneratedRegex(Numeral + "\\s*(?:个)?\\s*(?:工作日|working\\s*days?|business\\s*days?)", RegexOptions.IgnoreCase)]
    private static partial Regex WorkingDaysPattern();

    // Only a limit ("7日内", "within 7 days"), never a date such as 5月1日.
    [GeneratedRegex(Numeral + "\\s*(?:个)?\\s*(?:日|天)\\s*内|within\\s+" + Numeral + "\\s*days?", RegexOptions.IgnoreCase)]
    private static partial Regex CalendarDaysPattern();
}
