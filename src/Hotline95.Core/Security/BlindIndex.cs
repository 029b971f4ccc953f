using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Hotline95.Core.Security;

/// <summary>
/// "Find this caller's calls" without decrypting: HMAC-SHA256 under the enterprise's blind-index key over
/// the normalised number, truncated to 16 bytes (collisions stay negligible; the index stays small).
/// </summary>
public sealed class BlindIndex(KeyRing keys)
{
    public const int Size = 16;

    // The key material never changes (rotation only re-wraps it), so each enterprise's pads are prepared once.
    private readonly ConcurrentDictionary<Guid, BlindIndexer> _indexers = new();

    public async Task<byte[]> ComputeAsync(Guid enterpriseId, string phone, CancellationToken ct = default)
    {
        if (!_indexers.TryGetValue(enterpriseId, out var indexer))
        {
            indexer = new BlindIndexer(await keys.BlindKeyAsync(enterpriseId, ct));
            _indexers[enterpriseId] = indexer;
        }

        return indexer.Compute(phone);
    }

    public static byte[] Compute(byte[] key, string phone) => new BlindIndexer(key).Compute(phone);
}

/// <summary>
/// HMAC-SHA256 (RFC 2104) with the key's inner and outer pads prepared once, for the bulk path: the one-shot
/// API re-keys on every call, which costs more than the hashing itself. Same output as HMACSHA256.
/// </summary>
public sealed class BlindIndexer
{
    private const int Block = 64;
    private readonly byte[] _innerPad = new byte[Block];
    private readonly byte[] _outerPad = new byte[Block];

    public BlindIndexer(byte[] key)
    {
        var k = key.Length > Block ? SHA256.HashData(key) : key;
        for (var i = 0; i < Block; i++)
        {
            var b = i < k.Length ? k[i] : (byte)0;
            _innerPad[i] = (byte)(b ^ 0x36);
            _outerPad[i] = (byte)(b ^ 0x5c);
        }
    }

    public byte[] Compute(string phone)
    {
        var normalized = PhoneNumber.Normalize(phone);
        var size = Block + (normalized.Length * 3);
        Span<byte> inner = size <= 512 ? stackalloc byte[size] : new byte[size]; // a hostile "number" must not overflow the stack
        _innerPad.CopyTo(inner);
        var length = Block + Encoding.UTF8.GetBytes(normalized, inner[Block..]);
        Span<byte> outer = stackalloc byte[Block + 32];
        _outerPad.CopyTo(outer);
        SHA256.HashData(inner[..length], outer[Block..]);
        Span<byte> mac = stackalloc byte[32];
        SHA256.HashData(outer, mac);
        return mac[..BlindIndex.Size].ToArray();
    }
}
