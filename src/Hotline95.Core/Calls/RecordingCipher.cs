using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Hotline95.Core.Calls;

/// <summary>
/// Recordings are encrypted in 64 KiB chunks so that neither writing nor playing holds a whole file in
/// memory. File: "H95R" ‖ version(1) ‖ key id(4) ‖ nonce prefix(4), then per chunk: length(4) ‖ ciphertext ‖ tag(16).
/// Each chunk's nonce is the prefix ‖ its counter, and its associated data names the call, the counter
/// and whether it is the last chunk, so chunks cannot be reordered, swapped between files or cut off.
/// </summary>
public static class RecordingCipher
{
    public const int ChunkSize = 64 * 1024;
    private static readonly byte[] Magic = "H95R"u8.ToArray();

    public static async Task<long> EncryptAsync(Stream input, Stream output, int keyId, byte[] key, string context, CancellationToken ct = default)
    {
        var prefix = RandomNumberGenerator.GetBytes(4);
        var header = new byte[13];
        Magic.CopyTo(header, 0);
        header[4] = 1;
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(5), keyId);
        prefix.CopyTo(header, 9);
        await output.WriteAsync(header, ct);

        using var aes = new AesGcm(key, 16);
        var current = new byte[ChunkSize];
        var next = new byte[ChunkSize];
        var currentLength = await FillAsync(input, current, ct);
        long counter = 0, total = 0;
        while (true)
        {
            var nextLength = currentLength == ChunkSize ? await FillAsync(input, next, ct) : 0;
            var last = nextLength == 0;
            var cipher = new byte[4 + currentLength + 16];
            BinaryPrimitives.WriteInt32BigEndian(cipher, currentLength);
            aes.Encrypt(Nonce(prefix, counter), current.AsSpan(0, currentLength), cipher.AsSpan(4, currentLength), cipher.AsSpan(4 + currentLength), Aad(context, counter, last));
            await output.WriteAsync(cipher, ct);
            total += currentLength;
            if (last)
            {
                return total;
            }

            (current, next) = (next, current);
            currentLength = nextLength;
            counter++;
        }
    }

    public static int KeyIdOf(Stream input)
    {
        var header = new byte[13];
        input.ReadExactly(header);
        if (!header.AsSpan(0, 4).SequenceEqual(Magic) || header[4] != 1)
        {
            throw new CryptographicException("Not a Hotline95 recording.");
        }

        input.Position = 0;
        return BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5));
    }

    public static async Task DecryptAsync(Stream input, Stream output, byte[] key, string context, CancellationToken ct = default)
    {
        var header = new byte[13];
        await input.ReadExactlyAsync(header, ct);
        var prefix = header.AsSpan(9, 4).ToArray();
        using var aes = new AesGcm(key, 16);
        var lengthBytes = new byte[4];
        long counter = 0;
        var sawLast = false;
        while (await FillAsync(input, lengthBytes, ct) == 4)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(lengthBytes);
            if (length is < 0 or > ChunkSize)
            {
                throw new CryptographicException("Corrupt recording chunk.");
            }

            var cipher = new byte[length + 16];
            await input.ReadExactlyAsync(cipher, ct);
            var plain = new byte[length];
            var isLast = input.Position == input.Length;
            aes.Decrypt(Nonce(prefix, counter), cipher.AsSpan(0, length), cipher.AsSpan(length), plain, Aad(context, counter, isLast));
            await output.WriteAsync(plain, ct);
            sawLast = isLast;
            counter++;
        }

        if (!sawLast)
        {
            throw new CryptographicException("Recording is truncated.");
        }
    }

    private static byte[] Nonce(byte[] prefix, long counter)
    {
        var nonce = new byte[12];
        prefix.CopyTo(nonce, 0);
        BinaryPrimitives.WriteInt64BigEndian(nonce.AsSpan(4), counter);
        return nonce;
    }

    private static byte[] Aad(string context, long counter, bool last) => Encoding.UTF8.GetBytes($"{context}|{counter}|{(last ? 1 : 0)}");

    private static async Task<int> FillAsync(Stream input, byte[] buffer, CancellationToken ct)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await input.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read;
    }
}
