using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Hotline95.Core.Security.Primitives;

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

    public async Task<byte[]> EncryptAsync(Guid enterpriseId, DateTimeOffset recordTime, string field, string plaintext, CancellationToken ct = default) =>
        await EncryptAsync(enterpriseId, DataKeyPurpose.Calls, recordTime, field, plaintext, ct);

    /// <summary>Seals under the key of <paramref name="purpose"/> for the record's month (records kept for different periods never share a key).</summary>
    public async Task<byte[]> EncryptAsync(Guid enterpriseId, string purpose, DateTimeOffset recordTime, string field, string plaintext, CancellationToken ct = default)
    {
        var (id, key) = await keys.ForMonthAsync(enterpriseId, purpose, KeyRing.MonthOf(recordTime), ct);
        using var aes = new AesGcm(key, TagSize);
        return Seal(aes, id, Aad(enterpriseId, field), plaintext);
    }

    /// <summary>The plaintext, or null when the month's key was destroyed (the value is gone for good).</summary>
    public async Task<byte[]?> EncryptOptionalAsync(Guid enterpriseId, string purpose, DateTimeOffset recordTime, string field, string? plaintext, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(plaintext) ? null : await EncryptAsync(enterpriseId, purpose, recordTime, field, plaintext.Trim(), ct);

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
    public static byte[] Seal(AesGcm aes, int keyId, ReadOnlySpan<byte> aad, string plaintext) => Seal(aes, keyId, aad, plaintext, null);

    public static byte[] Seal(AesGcm aes, int keyId, ReadOnlySpan<byte> aad, string plaintext, NonceSource? nonces) =>
        Seal(keyId, plaintext, nonces, aes, aad, null);

    /// <summary>The same envelope through <see cref="AesGcmEncryptor"/> (its associated data fixed when it was made).</summary>
    public static byte[] Seal(AesGcmEncryptor encryptor, int keyId, string plaintext, NonceSource nonces) =>
        Seal(keyId, plaintext, nonces, null, default, encryptor);

    private static byte[] Seal(int keyId, string plaintext, NonceSource? nonces, AesGcm? aes, ReadOnlySpan<byte> aad, AesGcmEncryptor? encryptor)
    {
        var plainLength = Encoding.UTF8.GetByteCount(plaintext);
        var output = new byte[Header + plainLength + TagSize];
        output[0] = Version;
        BinaryPrimitives.WriteInt32BigEndian(output.AsSpan(1, 4), keyId);
        if (nonces is null)
        {
            RandomNumberGenerator.Fill(output.AsSpan(5, 12));
        }
        else
        {
            nonces.Next(output.AsSpan(5, 12));
        }

        Span<byte> plain = plainLength <= 256 ? stackalloc byte[plainLength] : new byte[plainLength];
        Encoding.UTF8.GetBytes(plaintext, plain);
        var nonce = output.AsSpan(5, 12);
        var text = output.AsSpan(Header, plainLength);
        var tag = output.AsSpan(Header + plainLength, TagSize);
        if (encryptor is not null)
        {
            encryptor.Encrypt(nonce, plain, text, tag);
        }
        else
        {
            aes!.Encrypt(nonce, plain, text, tag, aad);
        }

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

/// <summary>
/// Random 96-bit nonces drawn from the system CSPRNG a few thousand at a time: the same randomness as one call
/// per nonce, without one call per field in bulk imports. Not thread-safe: one per sealer.
/// </summary>
public sealed class NonceSource
{
    private readonly byte[] _buffer = new byte[12 * 1024];
    private int _position = 12 * 1024;

    public void Next(Span<byte> nonce)
    {
        if (_position + nonce.Length > _buffer.Length)
        {
            RandomNumberGenerator.Fill(_buffer);
            _position = 0;
        }

        _buffer.AsSpan(_position, nonce.Length).CopyTo(nonce);
        _buffer.AsSpan(_position, nonce.Length).Clear(); // a nonce is never handed out twice
        _position += nonce.Length;
    }
}
