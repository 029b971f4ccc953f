using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Calls;

public sealed record RevealCallRequest(Guid EnterpriseId, long CallId, string? Reason, string Actor);

public sealed record RevealedCall(long CallId, string? CustomerNumber, string? CustomerName, bool Destroyed);

/// <summary>Shows a call's personal data in clear: only with a stated reason, and always written to the audit log.</summary>
public sealed class RevealCallHandler(Hotline95DbContext db, CallReader reader, AuditLog audit)
{
    public const int MinimumReasonLength = 4;

    public async Task<Result<RevealedCall>> HandleAsync(RevealCallRequest request, CancellationToken ct = default)
    {
        var reason = request.Reason?.Trim() ?? "";
        // Visible characters only: spaces, control and zero-width characters do not make a reason.
        var visible = reason.EnumerateRunes().Count(r => !System.Text.Rune.IsWhiteSpace(r) && !System.Text.Rune.IsControl(r)
            && System.Text.Rune.GetUnicodeCategory(r) != System.Globalization.UnicodeCategory.Format);
        if (visible < MinimumReasonLength)
        {
            return Error.Validation("reason", "REVEAL_REASON_REQUIRED", ("min", MinimumReasonLength));
        }

        var call = await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.EnterpriseId == request.EnterpriseId && c.Id == request.CallId, ct);
        if (call is null)
        {
            return Error.NotFound("CALL_NOT_FOUND", ("id", request.CallId));
        }

        var (number, name, destroyed) = await reader.OpenAsync(call, ct);
        await audit.AppendAsync(request.EnterpriseId, request.Actor, AuditActions.CallRevealed, $"call:{call.Id}", reason, ct);
        return new RevealedCall(call.Id, number, name, destroyed);
    }
}
