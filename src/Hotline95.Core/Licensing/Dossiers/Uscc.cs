using Hotline95.Core.Common;

namespace Hotline95.Core.Licensing.Dossiers;

/// <summary>
/// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-symbol alphabet
/// (digits and capitals without I, O, S, V, Z); the last is a check character (weighted sum mod 31).
/// Characters 3–8 are the administrative division of the registering authority (31xxxx = Shanghai).
/// </summary>
public static class Uscc
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    /// <summary>Null when valid, else why not (a phrase of the server's catalog: uscc.length, uscc.character, uscc.check).</summary>
    public static Phrase? Fault(string code)
    {
        var value = Normalize(code);
        if (value.Length != 18)
        {
            return Phrase.Of("uscc.length", ("length", value.Length));
        }

        var bad = value.FirstOrDefault(c => !Alphabet.Contains(c));
        if (bad != default)
        {
            return Phrase.Of("uscc.character", ("character", bad.ToString()));
        }

        var expected = CheckCharacter(value);
        return value[17] == expected ? null : Phrase.Of("uscc.check", ("given", value[17].ToString()), ("expected", expected.ToString()));
    }

    /// <summary>Why a code is not valid, for the eligibility findings (which carry both languages); null when valid.</summary>
    public static string? Problem(string code, bool english = true) => Fault(code) is not { } fault ? null : fault.Key switch
    {
        "uscc.length" => english ? $"it has {fault.Args["length"]} characters, not 18" : $"共 {fault.Args["length"]} 位，应为 18 位",
        "uscc.character" => english ? $"'{fault.Args["character"]}' is not allowed (I, O, S, V and Z are never used)" : $"含有不允许的字符“{fault.Args["character"]}”（不使用 I、O、S、V、Z）",
        _ => english ? $"the check character is '{fault.Args["given"]}', it should be '{fault.Args["expected"]}'" : $"校验码为“{fault.Args["given"]}”，应为“{fault.Args["expected"]}”",
    };

    public static char CheckCharacter(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i]) * Weights[i];
        }

        return Alphabet[(31 - sum % 31) % 31];
    }

    /// <summary>The six-digit administrative division code of the registering authority.</summary>
    public static string Division(string code) => Normalize(code).Substring(2, 6);
}
