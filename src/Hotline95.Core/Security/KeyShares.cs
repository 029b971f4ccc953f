using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hotline95.Core.Common;

namespace Hotline95.Core.Security;

/// <summary>
/// One Shamir share of the master key: its index (the x of the polynomial), how many shares rebuild the key, the key's
/// check value (its fingerprint, so shares of different keys are never mixed), and the 32 share bytes.
/// </summary>
public sealed record KeyShare(int Index, int Threshold, int Shares, string KeyCheck, byte[] Data)
{
    private const string Header = "HOTLINE95 MASTER KEY SHARE v1";

    /// <summary>A short text meant to be printed and kept by one person; the checksum catches a mistyped line.</summary>
    public string ToText()
    {
        var data = string.Join(' ', Enumerable.Range(0, Data.Length / 4).Select(i => Convert.ToHexStringLower(Data.AsSpan(i * 4, 4))));
        return string.Join('\n',
            Header,
            "Hotline95 主密钥分片：请打印后由不同的人分别保管。 / Print this and give it to one keeper; keep shares apart.",
            $"share {Index} of {Shares}",
            $"threshold {Threshold}",
            $"key-check {KeyCheck}",
            $"data {data}",
            $"checksum {Checksum(Index, Threshold, Shares, KeyCheck, Data)}",
            "");
    }

    public static Result<KeyShare> Parse(string text, string source)
    {
        var lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).ToList();
        if (lines.FirstOrDefault() != Header)
        {
            return Invalid(Phrase.Of("share.notAShare", ("source", source), ("header", Header)));
        }

        string? Field(string name) => lines.FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal))?[(name.Length + 1)..].Trim();
        var share = Field("share")?.Split(" of ");
        if (share is not { Length: 2 } || !int.TryParse(share[0], CultureInfo.InvariantCulture, out var index) || !int.TryParse(share[1], CultureInfo.InvariantCulture, out var shares)
            || !int.TryParse(Field("threshold"), CultureInfo.InvariantCulture, out var threshold) || Field("key-check") is not { Length: 16 } check
            || Field("data") is not { } hex || Field("checksum") is not { } checksum)
        {
            return Invalid(Phrase.Of("share.lineMissing", ("source", source)));
        }

        byte[] data;
        try
        {
            data = Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
        }
        catch (FormatException)
        {
            return Invalid(Phrase.Of("share.notHex", ("source", source)));
        }

        if (data.Length != 32 || index is < 1 or > 255 || threshold < 2 || threshold > shares || shares > 255)
        {
            return Invalid(Phrase.Of("share.outOfRange", ("source", source)));
        }

        if (!string.Equals(checksum, Checksum(index, threshold, shares, check, data), StringComparison.OrdinalIgnoreCase))
        {
            return Invalid(Phrase.Of("share.checksum", ("source", source)));
        }

        return new KeyShare(index, threshold, shares, check.ToLowerInvariant(), data);

        static Error Invalid(Phrase reason) => Error.Validation("share", "SHARE_INVALID", ("reason", reason));
    }

    private static string Checksum(int index, int threshold, int shares, string check, byte[] data) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes($"{index}|{threshold}|{shares}|{check}|{Convert.ToHexStringLower(data)}")))[..8];
}

/// <summary>
/// Shamir's secret sharing over GF(2⁸) (the AES field, polynomial x⁸+x⁴+x³+x+1): any <c>threshold</c> shares rebuild
/// the secret, fewer reveal nothing about it.
/// </summary>
public static class Shamir
{
    public static IReadOnlyList<KeyShare> Split(MasterKey key, int shares, int threshold)
    {
        if (threshold < 2 || threshold > shares || shares > 255)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), "need 2 ≤ threshold ≤ shares ≤ 255");
        }

        var secret = key.Material;
        var result = Enumerable.Range(1, shares).Select(i => new byte[secret.Length]).ToArray();
        var coefficients = new byte[threshold];
        for (var b = 0; b < secret.Length; b++)
        {
            coefficients[0] = secret[b];
            RandomNumberGenerator.Fill(coefficients.AsSpan(1));
            for (var i = 0; i < shares; i++)
            {
                result[i][b] = Evaluate(coefficients, (byte)(i + 1));
            }
        }

        CryptographicOperations.ZeroMemory(coefficients);
        return result.Select((data, i) => new KeyShare(i + 1, threshold, shares, key.Id, data)).ToList();
    }

    /// <summary>The key the shares rebuild, after checking they belong together, are enough, and rebuild the key they name.</summary>
    public static Result<MasterKey> Combine(IReadOnlyList<KeyShare> shares)
    {
        if (shares.Count == 0)
        {
            return Refuse(Phrase.Of("shares.none"));
        }

        if (shares.Select(s => (s.KeyCheck, s.Threshold, s.Shares)).Distinct().Count() > 1)
        {
            return Refuse(Phrase.Of("shares.mixed", ("shares", shares.Select(s => $"#{s.Index}: {s.KeyCheck}, {s.Threshold}/{s.Shares}").Distinct().ToList())));
        }

        var distinct = shares.GroupBy(s => s.Index).Select(g => g.First()).ToList();
        var threshold = shares[0].Threshold;
        if (distinct.Count < threshold)
        {
            return Refuse(Phrase.Of("shares.tooFew", ("given", distinct.Count), ("needed", threshold)));
        }

        var used = distinct.Take(threshold).ToList();
        var secret = new byte[32];
        for (var b = 0; b < secret.Length; b++)
        {
            byte value = 0;
            foreach (var share in used)
            {
                // Lagrange basis at x = 0: Π x_m / (x_m − x_j) over the other shares (− is ⊕ in GF(2⁸)).
                byte basis = 1;
                foreach (var other in used.Where(o => o.Index != share.Index))
                {
                    basis = Multiply(basis, Divide((byte)other.Index, (byte)(other.Index ^ share.Index)));
                }

                value ^= Multiply(share.Data[b], basis);
            }

            secret[b] = value;
        }

        var key = MasterKey.From(secret);
        return key.Id == shares[0].KeyCheck
            ? key
            : Refuse(Phrase.Of("shares.damaged", ("rebuilt", key.Id), ("named", shares[0].KeyCheck)));

        static Error Refuse(Phrase reason) => Error.Validation("share", "SHARES_REFUSED", ("reason", reason));
    }

    private static byte Evaluate(byte[] coefficients, byte x)
    {
        byte y = 0;
        for (var i = coefficients.Length - 1; i >= 0; i--)
        {
            y = (byte)(Multiply(y, x) ^ coefficients[i]);
        }

        return y;
    }

    /// <summary>Multiplication in GF(2⁸) without branches on the operands (no timing that depends on key bytes).</summary>
    private static byte Multiply(byte a, byte b)
    {
        var product = 0;
        int x = a, y = b;
        for (var i = 0; i < 8; i++)
        {
            product ^= -(y & 1) & x;
            x = ((x << 1) ^ (-(x >> 7) & 0x1B)) & 0xFF;
            y >>= 1;
        }

        return (byte)product;
    }

    /// <summary>a / b = a · b²⁵⁴ (b ≠ 0).</summary>
    private static byte Divide(byte a, byte b)
    {
        byte inverse = 1;
        for (var i = 0; i < 254; i++)
        {
            inverse = Multiply(inverse, b);
        }

        return Multiply(a, inverse);
    }
}
