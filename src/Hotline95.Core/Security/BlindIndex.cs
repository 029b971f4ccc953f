using System.Collections.Concurrent;
using System.Text;
using Hotline95.Core.Security.Primitives;

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
/// The bulk path's blind index: HMAC-SHA256 with the key's pads hashed once (see <see cref="HmacSha256Midstate"/>).
/// Same output as HMACSHA256 over the normalised number, truncated.
/// </summary>
public sealed class BlindIndexer(byte[] key)
{
    private readonly HmacSha256Midstate _mac = new(key);

    public byte[] Compute(string phone)
    {
        var normalized = PhoneNumber.Normalize(phone);
        var size = normalized.Length * 3;
        Span<byte> message = size <= 512 ? stackalloc byte[size] : new byte[size]; // a hostile "number" must not overflow the stack
        var length = Encoding.UTF8.GetBytes(normalized, message);
        Span<byte> mac = stackalloc byte[BlindIndex.Size];
        _mac.Compute(message[..length], mac);
        return mac.ToArray();
    }
}
