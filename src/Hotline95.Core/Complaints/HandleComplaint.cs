using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Retention;
using Hotline95.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Complaints;

public sealed record RespondComplaintRequest(Guid EnterpriseId, long Id, string? Note, string Actor);

public sealed record ResolveComplaintRequest(Guid EnterpriseId, long Id, string? Resolution, int? Satisfaction, string Actor);

/// <summary>The complaint's own steps after receipt: the first response, and the resolution (which releases the call's hold).</summary>
public sealed class HandleComplaintHandler(Hotline95DbContext db, FieldCipher cipher, ComplaintReader reader, LegalHoldsHandler holds, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<ComplaintView>> RespondAsync(RespondComplaintRequest request, CancellationToken ct = default)
    {
        var complaint = await db.Complaints.SingleOrDefaultAsync(c => c.EnterpriseId == request.EnterpriseId && c.Id == request.Id, ct);
        if (complaint is null)
        {
            return Error.NotFound("COMPLAINT_NOT_FOUND", ("id", request.Id));
        }

        if (complaint.Status == ComplaintStatus.Resolved || complaint.RespondedAt is not null)
        {
            return Error.Conflict("COMPLAINT_ALREADY_RESPONDED", ("id", complaint.Id));
        }

        var now = clock.GetUtcNow();
        complaint.RespondedAt = now;
        complaint.ResponseNote = await cipher.EncryptOptionalAsync(complaint.EnterpriseId, DataKeyPurpose.Complaints, complaint.ReceivedAt, ComplaintReader.ResponseField, request.Note, ct);
        if (complaint.Status == ComplaintStatus.Received)
        {
            complaint.Status = ComplaintStatus.Responded;
        }

        await audit.SaveAndAppendAsync(db, request.EnterpriseId, request.Actor, AuditActions.ComplaintResponded, $"complaint:{complaint.Id}",
            now <= complaint.RespondBy ? "within deadline" : "after deadline", ct);
        return await reader.ViewAsync(complaint, now, ct);
    }

    public async Task<Result<ComplaintView>> ResolveAsync(ResolveComplaintRequest request, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(request.Resolution))
        {
            return Error.Validation("resolution", "RESOLUTION_REQUIRED");
        }

        if (request.Satisfaction is < 1 or > 5)
        {
            return Error.Validation("satisfaction", "SATISFACTION_RANGE");
        }

        var complaint = await db.Complaints.SingleOrDefaultAsync(c => c.EnterpriseId == request.EnterpriseId && c.Id == request.Id, ct);
        if (complaint is null)
        {
            return Error.NotFound("COMPLAINT_NOT_FOUND", ("id", request.Id));
        }

        if (complaint.Status == ComplaintStatus.Resolved)
        {
            return Error.Conflict("COMPLAINT_ALREADY_RESOLVED", ("id", complaint.Id));
        }

        var now = clock.GetUtcNow();
        complaint.RespondedAt ??= now; // resolving is also a response
        complaint.ResolvedAt = now;
        complaint.Status = ComplaintStatus.Resolved;
        complaint.Resolution = await cipher.EncryptAsync(complaint.EnterpriseId, DataKeyPurpose.Complaints, complaint.ReceivedAt, ComplaintReader.ResolutionField, request.Resolution.Trim(), ct);
        complaint.Satisfaction = request.Satisfaction;
        await audit.SaveAndAppendAsync(db, request.EnterpriseId, request.Actor, AuditActions.ComplaintResolved, $"complaint:{complaint.Id}",
            $"{(now <= complaint.ResolveBy ? "within deadline" : "after deadline")} {SatisfactionRecord.Format(request.Satisfaction)}", ct);
        if (complaint.CallId is { } callId)
        {
            await holds.ReleaseAsync(complaint.EnterpriseId, callId, CreateComplaintHandler.HoldSource(complaint.Id), request.Actor, ct);
        }

        return await reader.ViewAsync(complaint, now, ct);
    }
}
