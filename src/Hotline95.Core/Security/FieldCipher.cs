using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Hotline95.Core.Security;

/// <summary>
/// AES-256-GCM field encryption. Envelope: version(1) ‖ data-key id(4, big-endian) ‖ nonce(12) ‖ ciphertext ‖ tag(16).
/// The associated data binds a ciphertext to its enterprise and field, so a value cannot be moved to another.
/// </summary>
public sealed class FieldCipher(KeyRing keys)
{
    public const byte Version = 1;
    private const int Header = 1 + 4 + 12;
    private const int TagSize = 16;

    public async Task<byte[]> EncryptAsync(Guid enterpriseId, DateTimeOffset recordTime, string field, string plaintext, CancellationToken ct = default)
    {
        var (id, key) = await keys.ForMonthAsync(enterpriseId, KeyRing.MonthOf(recordTime), ct);
        using var aes = new AesGcm(key, TagSize);
        return Seal(aes, id, Aad(enterpriseId, field), plaintext);
    }

    /// <summary>The plaintext, or null when the month's key was destroyed (the value is gone for good).</summary>
    public async Task<string?> DecryptAsync(Guid enterpriseId, string field, byte[]? envelope, CancellationToken ct = default)
    {
        if (envelope is null || envelope.Length == 0)
        {
            return null;
        }

        if (envelope[0] != Version || envelope.Length < Header + TagSize)
        {
            throw new CryptographicException($"Unknown envelope version {envelope[0]}.");
        }

        var key = await keys.ByIdAsync(KeyIdOf(envelope), ct);
        if (key is null)
        {
            return null;
        }

        using var aes = new AesGcm(key, TagSize);
        return Open(aes, Aad(enterpriseId, field), envelope);
    }

    public static int KeyIdOf(byte[] envelope) => BinaryPrimitives.ReadInt32BigEndian(envelope.AsSpan(1, 4));

    public static byte[] Aad(Guid enterpriseId, string field) => Encoding.UTF8.GetBytes($"{enterpriseId:N}|{field}");

    /// <summary>The hot path for bulk import: the caller keeps one <see cref="AesGcm"/> per key.</summary>
    public static byte[] Seal(AesGcm aes, int keyId, ReadOnlySpan<byte> aad, string plaintext)
    {
        var plainLength = Encoding.UTF8.GetByteCount(plaintext);
        var output = new byte[Header + plainLength + TagSize];
        output[0] = Version;
        BinaryPrimitives.WriteInt32BigEndian(output.AsSpan(1, 4), keyId);
        RandomNumberGenerator.Fill(output.AsSpan(5, 12));
        Span<byte> plain = plainLength <= 256 ? stackalloc byte[plainLength] : new byte[plainLength];
        Encoding.UTF8.GetBytes(plaintext, plain);
        aes.Encrypt(output.AsSpan(5, 12), plain, output.AsSpan(Header, plainLength), output.AsSpan(Header + plainLength, TagSize), aad);
        plain.Clear();
        return output;
    }

    public static string Open(AesGcm aes, ReadOnlySpan<byte> aad, byte[] envelope)
    {
        var length = envelope.Length - Header - TagSize;
        Span<byte> plain = length <= 256 ? stackalloc byte[length] : new byte[length];
        aes.Decrypt(envelope.AsSpan(5, 12), envelope.AsSpan(Header, length), envelope.AsSpan(Header + length, TagSize), plain, aad);
        return Encoding.UTF8.GetString(plain);
    }
}
