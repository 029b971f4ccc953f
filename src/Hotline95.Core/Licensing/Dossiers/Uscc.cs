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

    /// <summary>Null when valid, else why not.</summary>
    public static string? Problem(string code)
    {
        var value = Normalize(code);
        if (value.Length != 18)
        {
            return $"it has {value.Length} characters, not 18";
        }

        var bad = value.FirstOrDefault(c => !Alphabet.Contains(c));
        if (bad != default)
        {
            return $"'{bad}' is not allowed (I, O, S, V and Z are never used)";
        }

        var expected = CheckCharacter(value);
        return value[17] == expected ? null : $"the check character is '{value[17]}', it should be '{expected}'";
    }

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
