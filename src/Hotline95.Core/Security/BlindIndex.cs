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

    public async Task<byte[]> ComputeAsync(Guid enterpriseId, string phone, CancellationToken ct = default) =>
        Compute(await keys.BlindKeyAsync(enterpriseId, ct), phone);

    public static byte[] Compute(byte[] key, string phone)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(PhoneNumber.Normalize(phone)), mac);
        return mac[..Size].ToArray();
    }
}
