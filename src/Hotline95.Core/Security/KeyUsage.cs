using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Security;

/// <summary>
/// Which records a month's data key seals: calls (and their recordings) by start time for <see cref="DataKeyPurpose.Calls"/>;
/// complaints by receipt and tickets by opening (with their steps' notes) for <see cref="DataKeyPurpose.Complaints"/>;
/// uploaded documents by upload time for <see cref="DataKeyPurpose.Documents"/>.
/// The one place that knows it: retention asks before destroying a key, the key doctor before removing one.
/// </summary>
public static class KeyUsage
{
    /// <summary>How many records of <paramref name="enterpriseId"/> the key of (<paramref name="purpose"/>, <paramref name="month"/>) seals.</summary>
    public static async Task<int> RecordsAsync(Hotline95DbContext db, Guid enterpriseId, string purpose, DateOnly month, CancellationToken ct)
    {
        var (from, to) = Bounds(month);
        return purpose switch
        {
            DataKeyPurpose.Calls => await db.Calls.CountAsync(c => c.EnterpriseId == enterpriseId && c.StartedAt >= from && c.StartedAt < to, ct),
            DataKeyPurpose.Documents => await db.Uploads.CountAsync(u => u.EnterpriseId == enterpriseId && u.UploadedAt >= from && u.UploadedAt < to, ct),
            _ => await db.Complaints.CountAsync(c => c.EnterpriseId == enterpriseId && c.ReceivedAt >= from && c.ReceivedAt < to, ct)
                + await db.Tickets.CountAsync(t => t.EnterpriseId == enterpriseId && t.OpenedAt >= from && t.OpenedAt < to, ct),
        };
    }

    /// <summary>The month's bounds (Asia/Shanghai) in UTC.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Bounds(DateOnly month) =>
        (ChinaTime.StartOfDay(month).ToUniversalTime(), ChinaTime.StartOfDay(month.AddMonths(1)).ToUniversalTime());
}
