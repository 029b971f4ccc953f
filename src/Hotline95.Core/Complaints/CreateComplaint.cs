using Hotline95.Core.Audit;
using Hotline95.Core.Calendar;
using Hotline95.Core.Calls;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Monitoring;
using Hotline95.Core.Retention;
using Hotline95.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Complaints;

public sealed record CreateComplaintRequest(
    Guid EnterpriseId, string? Line, string? CallerPhone, string? CallerName, string? Summary, DateTimeOffset? ReceivedAt,
    string? Category, long? CallId, long? TicketId, string Actor);

/// <summary>
/// Receives a complaint (directly, from a call or from a ticket), computes its deadlines, seals the caller's
/// details, and puts the linked call on legal hold until the complaint is resolved.
/// </summary>
public sealed class CreateComplaintHandler(
    Hotline95DbContext db, FieldCipher cipher, BlindIndex blindIndex, CallReader calls, ComplaintDeadlines deadlines,
    ComplaintReader reader, LegalHoldsHandler holds, AuditLog audit, TimeProvider clock)
{
    /// <summary>Clocks of PBXs and CRMs drift: a receipt time this far ahead still counts as now.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    public async Task<Result<ComplaintView>> HandleAsync(CreateComplaintRequest request, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var line = await db.Lines.AsNoTracking().SingleOrDefaultAsync(l => l.EnterpriseId == request.EnterpriseId && l.Number == (request.Line ?? "").Trim(), ct);
        if (line is null)
        {
            return Enterprises.LineErrors.Unknown(request.Line);
        }

        if (string.IsNullOrWhiteSpace(request.Summary))
        {
            return Error.Validation("summary", "SUMMARY_REQUIRED");
        }

        var receivedAt = request.ReceivedAt ?? now;
        if (receivedAt > now + ClockSkew)
        {
            return Error.Validation("receivedAt", "RECEIVED_IN_FUTURE", ("receivedAt", receivedAt), ("now", now));
        }

        if (request.Category is { Length: > 0 } category && !line.Purposes.Contains(category.Trim()))
        {
            return Error.Validation("category", "CATEGORY_NOT_APPROVED", ("category", category), ("line", line.Number), ("purposes", line.Purposes.Count == 0 ? Phrase.Of("purposes.none") : (object)line.Purposes));
        }

        var phone = request.CallerPhone;
        var name = request.CallerName;
        if (request.CallId is { } callId)
        {
            var call = await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.EnterpriseId == request.EnterpriseId && c.Id == callId, ct);
            if (call is null)
            {
                return Error.Validation("callId", "CALL_NOT_FOUND", ("id", callId));
            }

            var (number, callerName, _) = await calls.OpenAsync(call, ct);
            phone ??= number;
            name ??= callerName;
        }

        if (request.TicketId is { } ticketId && !await db.Tickets.AnyAsync(t => t.EnterpriseId == request.EnterpriseId && t.Id == ticketId, ct))
        {
            return Error.Validation("ticketId", "TICKET_NOT_FOUND", ("id", ticketId));
        }

        try
        {
            return await CreateAsync(request, line.Number, receivedAt, phone, name, now, ct);
        }
        catch (CalendarYearOutOfRangeException ex)
        {
            return ex.ToError("receivedAt");
        }
        catch (DataKeyDestroyedException ex)
        {
            return Error.Validation("receivedAt", "MONTH_PURGED", ("field", "receivedAt"), ("month", ex.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    private async Task<Result<ComplaintView>> CreateAsync(CreateComplaintRequest request, string lineNumber, DateTimeOffset receivedAt, string? phone, string? name, DateTimeOffset now, CancellationToken ct)
    {
        var purpose = DataKeyPurpose.Complaints;
        var resolveBy = deadlines.ResolveBy(receivedAt);
        var complaint = new Complaint
        {
            EnterpriseId = request.EnterpriseId,
            Line = lineNumber,
            CallId = request.CallId,
            TicketId = request.TicketId,
            CallerPhone = await cipher.EncryptOptionalAsync(request.EnterpriseId, purpose, receivedAt, ComplaintReader.PhoneField, phone, ct),
            CallerPhoneIndex = string.IsNullOrWhiteSpace(phone) ? null : await blindIndex.ComputeAsync(request.EnterpriseId, phone, ct),
            CallerName = await cipher.EncryptOptionalAsync(request.EnterpriseId, purpose, receivedAt, ComplaintReader.NameField, name, ct),
            Summary = await cipher.EncryptAsync(request.EnterpriseId, purpose, receivedAt, ComplaintReader.SummaryField, request.Summary!.Trim(), ct),
            Category = request.Category?.Trim() is { Length: > 0 } c ? c : null,
            ReceivedAt = receivedAt,
            RespondBy = deadlines.RespondBy(receivedAt),
            ResolveBy = resolveBy.At,
            ResolveByEstimated = resolveBy.Estimated,
            Status = ComplaintStatus.Received,
            CreatedBy = request.Actor,
        };
        db.Complaints.Add(complaint);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            var rollups = new RollupDelta();
            rollups.AddComplaint(request.EnterpriseId, lineNumber, receivedAt);
            await RollupStore.ApplyAsync(db, rollups, ct);
            await audit.AppendAsync(request.EnterpriseId, request.Actor, AuditActions.ComplaintReceived, $"complaint:{complaint.Id}",
                $"line={lineNumber} respondBy={ChinaTime.ToChina(complaint.RespondBy):O} resolveBy={ChinaTime.ToChina(complaint.ResolveBy):O}{(complaint.ResolveByEstimated ? " (estimated)" : "")}", ct);
            await tx.CommitAsync(ct); // the complaint with its audit entry, or neither
        }
        if (complaint.CallId is { } heldCall)
        {
            await holds.PlaceAsync(request.EnterpriseId, heldCall, $"open complaint {complaint.Id}", HoldSource(complaint.Id), request.Actor, ct);
        }

        return await reader.ViewAsync(complaint, now, ct);
    }

    public static string HoldSource(long complaintId) => $"complaint:{complaintId}";
}
