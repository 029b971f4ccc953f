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

    /// <summary>The items of a list written in one value (上海、江苏; 上海/江苏), split at list punctuation only: a name may contain 和 (呼和浩特) or a space.</summary>
    public static IReadOnlyList<string> ListItems(string text) =>
        ListSeparator().Split(Fold(text)).Select(x => x.Trim()).Where(x => x.Length > 0).ToList();

    /// <summary>
    /// Every cipher the text names, as algorithm and key length, the length written after the name, in brackets, after
    /// the mode or before the name: AES-256, AES256, AES 256, aes-256-gcm, AES-GCM-256, AES（256位）, 256位AES and
    /// 256-bit AES are all AES-256; ＳＭ４ and 国密SM4 are SM4; a bare 加密 or 国密 names none. Full-width characters and
    /// case are ignored.
    /// </summary>
    public static IReadOnlyList<Cipher> Ciphers(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        return CipherPattern().Matches(Fold(text))
            .Select(m => new Cipher(m.Groups["alg"].Value.ToUpperInvariant(),
                m.Groups["bits"].Success ? int.Parse(m.Groups["bits"].Value, CultureInfo.InvariantCulture) : null))
            .Distinct()
            .ToList();
    }

    /// <summary>
    /// The ciphers for data (not RSA, ECC, SM2 or SM3, which protect keys and signatures) the text names outside clauses
    /// about transport only: in "以 AES-128 加密存储，传输 TLS(AES-256)" AES-128 is the storage cipher, AES-256 a transport one.
    /// A clause runs to the next 。；，; or line; one naming transport (传输, TLS, HTTPS…) and not storage (存储, 保存…) is transport.
    /// </summary>
    public static IReadOnlyList<Cipher> StorageCiphers(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : ClauseSeparator().Split(Fold(text))
                .Where(clause => !TransportPattern().IsMatch(clause) || StoragePattern().IsMatch(clause))
                .SelectMany(Ciphers).Where(c => c.ForData).Distinct().ToList();

    /// <summary>The text says the records are kept for ever (永久保存, 长期保留, 不予删除, kept indefinitely), as opposed to deleted for ever (永久删除).</summary>
    public static bool KeptIndefinitely(string? text) => !string.IsNullOrWhiteSpace(text) && ForeverPattern().IsMatch(Fold(text));

    /// <summary>Days (working or not) given as the limit for responding to a complaint (3个工作日内响应): a response limit is counted in hours.</summary>
    public static int? ResponseDays(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var match = ResponseDaysPattern().Match(Fold(text));
        return match.Success ? Number(match.Groups["n"].Value) : null;
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

    /// <summary>
    /// Working days within which complaints are resolved; a limit in calendar days is read as that many working days or fewer.
    /// A limit followed by 响应 (3个工作日内响应) is a response limit, not this one.
    /// </summary>
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

    /// <summary>What makes a limit a response limit when it follows it (…内响应).</summary>
    private const string ThenRespond = "\\s*内?\\s*(?:予以|给予|作出|进行)?\\s*(?:响应|回应)";

    /// <summary>A limit starts a number (not in the middle of 十五) and is not the one a 响应时限为… gives.</summary>
    private const string NotAResponseLimit = "(?<![\\d零一二两三四五六七八九十])(?<!(?:响应|回应)(?:时限|时间|期限)?\\s*(?:为|是|不超过|[:：])?\\s*)";

    private const string Days = "\\s*(?:个)?\\s*(?:工作日|自然日|日|天)";

    [GeneratedRegex("[、,/;&+|]")]
    private static partial Regex ListSeparator();

    /// <summary>A key length: 256, 256位, 256 bits, 256-bit.</summary>
    private const string KeyBits = "(?<bits>\\d{3,4})\\s*(?:位|-?\\s*bits?)?";

    private const string CipherMode = "(?:[\\s\\-_]*(?:GCM|CBC|CTR|ECB|CCM|XTS|OFB|CFB))?";

    [GeneratedRegex("(?<![A-Za-z0-9])(?:" + KeyBits + "[\\s\\-_]*)?(?<alg>AES|SM[1-4]|3DES|TDES|DES|RC4|RSA|ECC)" + CipherMode + "(?:[\\s\\-_(]*" + KeyBits + "\\s*\\)?)?" + CipherMode + "(?![A-Za-z0-9])", RegexOptions.IgnoreCase)]
    private static partial Regex CipherPattern();

    [GeneratedRegex("[。；;，,\\n]")]
    private static partial Regex ClauseSeparator();

    [GeneratedRegex("传输|传送|通信|(?<![A-Za-z])(?:TLS|SSL|HTTPS|transport|transit|transmi)", RegexOptions.IgnoreCase)]
    private static partial Regex TransportPattern();

    [GeneratedRegex("存储|储存|存放|保存|落盘|数据库|(?<![A-Za-z])(?:at\\s+rest|stor)", RegexOptions.IgnoreCase)]
    private static partial Regex StoragePattern();

    [GeneratedRegex("(?:永久|长期|无限期|终身)\\s*(?:保存|保留|留存|存储|保管)|(?:保存|保留|留存|存储|保管)(?:期限|时间)?\\s*(?:为|是)?\\s*(?:永久|长期|无限期)|不(?:予|作)?删除|(?:kept|retained|stored)\\s+(?:permanently|indefinitely|forever)|(?:permanently|indefinitely)\\s+(?:kept|retained|stored)", RegexOptions.IgnoreCase)]
    private static partial Regex ForeverPattern();

    [GeneratedRegex(Numeral + Days + ThenRespond + "|(?:响应|回应)(?:时限|时间|期限)?\\s*(?:为|是|不超过|[:：])?\\s*" + Numeral + Days + "|respond\\w*\\s+within\\s+" + Numeral + "\\s*(?:working\\s*|business\\s*)?days?", RegexOptions.IgnoreCase)]
    private static partial Regex ResponseDaysPattern();

    [GeneratedRegex("(?:保存|保留|留存|存储|存放|保管|retain(?:ed)?|kept|keep|stored?)[^。；;.\\n]{0,24}?(?:(?<half>半年)|" + Numeral + "\\s*(?<unit>个月|月|年|months?|years?))", RegexOptions.IgnoreCase)]
    private static partial Regex RetentionPattern();

    [GeneratedRegex(Numeral + "\\s*(?:个)?\\s*(?:小时|h\\b|hours?)", RegexOptions.IgnoreCase)]
    private static partial Regex HoursPattern();

    [GeneratedRegex(NotAResponseLimit + Numeral + "\\s*(?:个)?\\s*(?:工作日|working\\s*days?|business\\s*days?)(?!" + ThenRespond + ")", RegexOptions.IgnoreCase)]
    private static partial Regex WorkingDaysPattern();

    // Only a limit ("7日内", "within 7 days"), never a date such as 5月1日.
    [GeneratedRegex(NotAResponseLimit + Numeral + "\\s*(?:个)?\\s*(?:日|天)\\s*内(?!\\s*(?:予以|给予|作出|进行)?\\s*(?:响应|回应))|within\\s+" + Numeral + "\\s*days?", RegexOptions.IgnoreCase)]
    private static partial Regex CalendarDaysPattern();
}

/// <summary>A cipher a text names: AES with 256 bits, SM4 (no length: the name says it).</summary>
public sealed record Cipher(string Algorithm, int? Bits)
{
    public string Name => Bits is { } bits ? $"{Algorithm}-{bits}" : Algorithm;

    /// <summary>This cipher is <paramref name="accepted"/>: the same algorithm, and the same key length when the accepted one names one.</summary>
    public bool IsA(Cipher accepted) => Algorithm == accepted.Algorithm && (accepted.Bits is null || Bits == accepted.Bits);

    /// <summary>A cipher for data, as opposed to one for keys, signatures or hashes (RSA, ECC, SM2, SM3).</summary>
    public bool ForData => Algorithm is not ("RSA" or "ECC" or "SM2" or "SM3");

    /// <summary>The same cipher as <paramref name="other"/>, or this one without the key length <paramref name="other"/> gives (AES beside AES-256).</summary>
    public bool Within(Cipher other) => Algorithm == other.Algorithm && (Bits is null || Bits == other.Bits);

    public override string ToString() => Name;
}
