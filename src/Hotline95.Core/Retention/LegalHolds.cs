using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Retention;

public sealed record LegalHoldView(long Id, long CallId, string Source, string Reason, string HeldBy, DateTimeOffset HeldAt, DateTimeOffset? ReleasedAt);

/// <summary>Places and releases holds that keep calls past retention (ComplianceOfficer, or an open complaint).</summary>
public sealed class LegalHoldsHandler(Hotline95DbContext db, AuditLog audit, TimeProvider clock)
{
    public const string ComplianceSource = "compliance";

    public async Task<Result<LegalHoldView>> PlaceAsync(Guid enterpriseId, long callId, string? reason, string source, string actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Error.Validation("reason", "HOLD_REASON_REQUIRED");
        }

        if (!await db.Calls.AnyAsync(c => c.EnterpriseId == enterpriseId && c.Id == callId, ct))
        {
            return Error.NotFound("CALL_NOT_FOUND", ("id", callId));
        }

        var existing = await db.LegalHolds.AsNoTracking()
            .FirstOrDefaultAsync(h => h.EnterpriseId == enterpriseId && h.CallId == callId && h.Source == source && h.ReleasedAt == null, ct);
        if (existing is not null)
        {
            return View(existing);
        }

        var hold = new LegalHold
        {
            EnterpriseId = enterpriseId,
            CallId = callId,
            Source = source,
            Reason = reason.Trim(),
            HeldBy = actor,
            HeldAt = clock.GetUtcNow(),
        };
        db.LegalHolds.Add(hold);
        await audit.SaveAndAppendAsync(db, enterpriseId, actor, AuditActions.LegalHoldPlaced, $"call:{callId}", $"{source}: {hold.Reason}", ct);
        return View(hold);
    }

    public async Task<Result<int>> ReleaseAsync(Guid enterpriseId, long callId, string source, string actor, CancellationToken ct = default)
    {
        var holds = await db.LegalHolds.Where(h => h.EnterpriseId == enterpriseId && h.CallId == callId && h.Source == source && h.ReleasedAt == null).ToListAsync(ct);
        if (holds.Count == 0)
        {
            return Error.NotFound("HOLD_NOT_FOUND", ("id", callId), ("source", source));
        }

        var now = clock.GetUtcNow();
        foreach (var hold in holds)
        {
            hold.ReleasedAt = now;
            hold.ReleasedBy = actor;
        }

        await audit.SaveAndAppendAsync(db, enterpriseId, actor, AuditActions.LegalHoldReleased, $"call:{callId}", source, ct);
        return holds.Count;
    }

    public async Task<IReadOnlyList<LegalHoldView>> ListOpenAsync(Guid enterpriseId, CancellationToken ct = default) =>
        (await db.LegalHolds.AsNoTracking().Where(h => h.EnterpriseId == enterpriseId && h.ReleasedAt == null).ToListAsync(ct))
        .OrderByDescending(h => h.HeldAt).Select(View).ToList();

    private static LegalHoldView View(LegalHold h) => new(h.Id, h.CallId, h.Source, h.Reason, h.HeldBy, h.HeldAt, h.ReleasedAt);
}
