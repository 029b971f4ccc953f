using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace Hotline95.Core.Security.Primitives;

/// <summary>
/// HMAC-SHA256 (RFC 2104, FIPS 180-4) with the key's inner and outer hash states computed once, so that a
/// phone number costs two SHA-256 compressions. Why: each one-shot SHA-256 call through OpenSSL 3 costs about
/// 1.2 µs of per-call overhead, twice per blind index, for every row of a bulk import. Same output as
/// <see cref="HMACSHA256"/> (checked by the tests).
/// </summary>
public sealed class HmacSha256Midstate
{
    private readonly uint[] _inner = new uint[8];
    private readonly uint[] _outer = new uint[8];

    public HmacSha256Midstate(ReadOnlySpan<byte> key)
    {
        Span<byte> k = stackalloc byte[64];
        k.Clear(); // the key is zero-padded to the block: do not rely on the locals' initialisation
        if (key.Length > 64)
        {
            SHA256.HashData(key, k);
        }
        else
        {
            key.CopyTo(k);
        }
        Span<byte> pad = stackalloc byte[64];
        for (var i = 0; i < 64; i++)
        {
            pad[i] = (byte)(k[i] ^ 0x36);
        }
        Init.CopyTo(_inner);
        Compress(_inner, pad);
        for (var i = 0; i < 64; i++)
        {
            pad[i] = (byte)(k[i] ^ 0x5c);
        }
        Init.CopyTo(_outer);
        Compress(_outer, pad);
        k.Clear();
        pad.Clear();
    }

    public void Compute(ReadOnlySpan<byte> message, Span<byte> mac)
    {
        Span<uint> state = stackalloc uint[8];
        _inner.CopyTo(state);
        Span<byte> block = stackalloc byte[64];
        var offset = 0;
        for (; message.Length - offset >= 64; offset += 64)
        {
            Compress(state, message.Slice(offset, 64));
        }
        var rest = message.Length - offset;
        block.Clear();
        message[offset..].CopyTo(block);
        block[rest] = 0x80;
        if (rest >= 56)
        {
            Compress(state, block);
            block.Clear();
        }
        BinaryPrimitives.WriteUInt64BigEndian(block[56..], (ulong)(64 + message.Length) * 8);
        Compress(state, block);
        block.Clear();
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(block[(i * 4)..], state[i]);
        }
        block[32] = 0x80;
        BinaryPrimitives.WriteUInt64BigEndian(block[56..], (64 + 32) * 8);
        _outer.CopyTo(state);
        Compress(state, block);
        Span<byte> digest = stackalloc byte[32];
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(digest[(i * 4)..], state[i]);
        }
        digest[..mac.Length].CopyTo(mac);
    }

    private static void Compress(Span<uint> h, ReadOnlySpan<byte> block)
    {
        Span<uint> w = stackalloc uint[64];
        for (var i = 0; i < 16; i++)
        {
            w[i] = BinaryPrimitives.ReadUInt32BigEndian(block[(i * 4)..]);
        }
        for (var i = 16; i < 64; i++)
        {
            var s0 = BitOperations.RotateRight(w[i - 15], 7) ^ BitOperations.RotateRight(w[i - 15], 18) ^ (w[i - 15] >> 3);
            var s1 = BitOperations.RotateRight(w[i - 2], 17) ^ BitOperations.RotateRight(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        uint a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        var k = K;
        for (var i = 0; i < 64; i++)
        {
            var t1 = hh + (BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i];
            var t2 = (BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            hh = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += hh;
    }

    private static ReadOnlySpan<uint> Init => [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

    private static ReadOnlySpan<uint> K =>
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];
}
