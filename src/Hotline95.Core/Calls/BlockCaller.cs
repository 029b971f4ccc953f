using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Calls;

public sealed record BlockCallerRequest(Guid EnterpriseId, string? Phone, string? Reason, string Actor);

public sealed record BlockedCallerView(long Id, string Number, string Reason, string AddedBy, DateTimeOffset AddedAt)
{
    public static BlockedCallerView From(BlockedCaller b) => new(b.Id, b.MaskedNumber, b.Reason, b.AddedBy, b.AddedAt);
}

/// <summary>The block list for malicious callers: stored as the blind index, so the list itself holds no number.</summary>
public sealed class BlockCallerHandler(Hotline95DbContext db, BlindIndex blindIndex, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<BlockedCallerView>> BlockAsync(BlockCallerRequest request, CancellationToken ct = default)
    {
        if (PhoneNumber.Normalize(request.Phone).Length < 5)
        {
            return Error.Validation("phone", "PHONE_INVALID", ("number", request.Phone));
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return Error.Validation("reason", "BLOCK_REASON_REQUIRED");
        }

        var index = await blindIndex.ComputeAsync(request.EnterpriseId, request.Phone!, ct);
        var existing = await db.BlockedCallers.AsNoTracking().SingleOrDefaultAsync(b => b.EnterpriseId == request.EnterpriseId && b.NumberIndex == index, ct);
        if (existing is not null)
        {
            return BlockedCallerView.From(existing);
        }

        var blocked = new BlockedCaller
        {
            EnterpriseId = request.EnterpriseId,
            NumberIndex = index,
            MaskedNumber = PhoneNumber.Mask(request.Phone),
            Reason = request.Reason.Trim(),
            AddedBy = request.Actor,
            AddedAt = clock.GetUtcNow(),
        };
        db.BlockedCallers.Add(blocked);
        await audit.SaveAndAppendAsync(db, request.EnterpriseId, request.Actor, AuditActions.CallerBlocked, blocked.MaskedNumber, blocked.Reason, ct);
        return BlockedCallerView.From(blocked);
    }

    public async Task<IReadOnlyList<BlockedCallerView>> ListAsync(Guid enterpriseId, CancellationToken ct = default) =>
        (await db.BlockedCallers.AsNoTracking().Where(b => b.EnterpriseId == enterpriseId).ToListAsync(ct))
        .OrderByDescending(b => b.AddedAt).Select(BlockedCallerView.From).ToList();

    public async Task<Result<bool>> UnblockAsync(Guid enterpriseId, long id, string actor, CancellationToken ct = default)
    {
        var blocked = await db.BlockedCallers.SingleOrDefaultAsync(b => b.EnterpriseId == enterpriseId && b.Id == id, ct);
        if (blocked is null)
        {
            return Error.NotFound("BLOCK_NOT_FOUND", ("id", id));
        }

        db.BlockedCallers.Remove(blocked);
        await audit.SaveAndAppendAsync(db, enterpriseId, actor, AuditActions.CallerUnblocked, blocked.MaskedNumber, "", ct);
        return true;
    }
}
