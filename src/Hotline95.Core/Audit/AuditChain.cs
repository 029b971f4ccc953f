using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hotline95.Core.Audit;

/// <summary>
/// The MAC that links one audit entry to the one before it: HMAC-SHA256 under the installation's audit key, which is
/// stored only wrapped by the master key. Whoever can write the database but lacks the master key cannot recompute the
/// chain after changing it. (Chains written before the audit key existed used plain SHA-256: <see cref="ComputeLegacy"/>,
/// kept to verify them once while they are migrated.)
/// </summary>
public static class AuditChain
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Compute(byte[] auditKey, long sequence, Guid enterpriseId, DateTimeOffset at, string actor, string action, string target, string details, string previousHash) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(auditKey, Payload(sequence, enterpriseId, at, actor, action, target, details, previousHash)));

    public static string Compute(byte[] auditKey, AuditEntry e) =>
        Compute(auditKey, e.Sequence, e.EnterpriseId, e.At, e.Actor, e.Action, e.Target, e.Details, e.PreviousHash);

    /// <summary>The unkeyed SHA-256 chain of installations before the audit key (anyone could recompute it).</summary>
    public static string ComputeLegacy(AuditEntry e) =>
        Convert.ToHexStringLower(SHA256.HashData(Payload(e.Sequence, e.EnterpriseId, e.At, e.Actor, e.Action, e.Target, e.Details, e.PreviousHash)));

    /// <summary>Length-prefixed fields: no choice of field contents can make two different entries encode alike.</summary>
    private static byte[] Payload(long sequence, Guid enterpriseId, DateTimeOffset at, string actor, string action, string target, string details, string previousHash)
    {
        var builder = new StringBuilder();
        foreach (var field in new[]
                 {
                     sequence.ToString(CultureInfo.InvariantCulture),
                     enterpriseId.ToString("N"),
                     at.ToUniversalTime().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                     actor, action, target, details, previousHash,
                 })
        {
            builder.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('|');
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}
