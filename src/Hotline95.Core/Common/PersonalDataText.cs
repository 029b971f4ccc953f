using System.Text.RegularExpressions;

namespace Hotline95.Core.Common;

/// <summary>
/// What looks like personal data in free text: seven or more digits (a telephone, ID or card number, with spaces or
/// dashes), an ID number ending in X, an e-mail address. Texts that leave the platform as evidence are masked with it;
/// texts that must hold none (a filing's typical cases) are refused with it.
/// </summary>
public static partial class PersonalDataText
{
    public static string? Find(string text) => Pattern().Match(text) is { Success: true } m ? m.Value : null;

    /// <summary>Every match replaced by its first two and last two characters around stars.</summary>
    public static string Mask(string text) => Pattern().Replace(text, m => MaskOne(m.Value));

    public static string MaskOne(string value) => value.Length <= 4 ? "****" : value[..2] + new string('*', value.Length - 4) + value[^2..];

    [GeneratedRegex(@"\d(?:[\s-]?\d){6,}|\d{17}[Xx]|[\w.+-]+@[\w-]+\.[\w.]+")]
    private static partial Regex Pattern();
}
