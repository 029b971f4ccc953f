using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hotline95.Core.Audit;

/// <summary>The hash that links one audit entry to the one before it.</summary>
public static class AuditChain
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Compute(long sequence, Guid enterpriseId, DateTimeOffset at, string actor, string action, string target, string details, string previousHash)
    {
        // Length-prefixed fields: no choice of field contents can make two different entries hash alike.
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

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }

    public static string Compute(AuditEntry e) =>
        Compute(e.Sequence, e.EnterpriseId, e.At, e.Actor, e.Action, e.Target, e.Details, e.PreviousHash);
}
