using System.Text;

namespace Hotline95.Core.Security;

/// <summary>
/// One canonical form per Chinese phone number, so "+86 138-0013-8000", "0086 13800138000" and
/// "138 0013 8000" find the same caller: full-width digits folded, punctuation removed, the country
/// code (+86, 0086, 86 before a mobile number) and a trunk 0 before an area code removed.
/// </summary>
public static class PhoneNumber
{
    public static string Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return "";
        }

        var digits = new StringBuilder(raw.Length);
        var leadingPlus = false;
        foreach (var c in raw.Trim())
        {
            var ascii = c is >= '０' and <= '９' ? (char)('0' + (c - '０')) : c;
            if (char.IsAsciiDigit(ascii))
            {
                digits.Append(ascii);
            }
            else if ((ascii is '+' or '＋') && digits.Length == 0)
            {
                leadingPlus = true;
            }
        }

        var number = digits.ToString();
        if (number.StartsWith("0086", StringComparison.Ordinal))
        {
            number = number[4..];
        }
        else if (leadingPlus && number.StartsWith("86", StringComparison.Ordinal))
        {
            number = number[2..];
        }
        else if (number.Length == 13 && number.StartsWith("861", StringComparison.Ordinal))
        {
            number = number[2..]; // 86 + an 11-digit mobile number written without the plus
        }

        return number.Length > 1 && number[0] == '0' ? number.TrimStart('0') : number;
    }

    /// <summary>Masked for display: 138****8000 (mobile); shorter numbers keep fewer digits.</summary>
    public static string Mask(string? raw)
    {
        var n = Normalize(raw);
        var (head, tail) = n.Length switch
        {
            >= 11 => (3, 4),
            >= 7 => (2, 2),
            _ => (0, Math.Min(2, n.Length)),
        };
        return n[..head] + new string('*', n.Length - head - tail) + n[(n.Length - tail)..];
    }

    /// <summary>A name masked to its first character: 王** .</summary>
    public static string MaskName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }

        var text = name.Trim();
        return (char.IsSurrogatePair(text, 0) ? text[..2] : text[..1]) + "**";
    }
}
