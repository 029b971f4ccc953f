using Hotline95.Core.Audit;
using Hotline95.Core.Calls;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Service;

public sealed record OpenTicketRequest(Guid EnterpriseId, string? Line, long? CallId, string? CustomerPhone, string? Note, string Actor);

public sealed record AdvanceTicketRequest(Guid EnterpriseId, long TicketId, string? Step, string? Note, string? Category, string? AssignTo, long? FeedbackCallId, string Actor);

/// <summary>A step of a ticket; <paramref name="NoteWithheld"/>: there is a note, not shown to this reader (see <see cref="CaseText"/>).</summary>
public sealed record TicketStepView(string Step, string By, DateTimeOffset At, string? Note, long? CallId, bool NoteWithheld = false);

public enum TicketStatusFilter
{
    Open,
    Closed,
    All,
}

public sealed record TicketView(long Id, string Line, long? CallId, string Customer, string? Category, string Step, string? AssignedTo,
    DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, string OpenedBy, IReadOnlyList<TicketStepView> Steps, IReadOnlyList<string> NextSteps);

/// <summary>
/// Service tickets through the declared flow. Each step is recorded with who and when, written to the audit
/// log, and its free text sealed like call data. A step out of order, or a category outside the line's
/// approved purposes, is refused.
/// </summary>
public sealed class TicketsHandler(Hotline95DbContext db, FieldCipher cipher, BlindIndex blindIndex, CallReader calls, AuditLog audit, Compliance.RedLineAlertsHandler redLines, TimeProvider clock)
{
    public const string PhoneField = "ticket.customer_phone";
    public const string NoteField = "ticket.note";

    private static readonly Dictionary<TicketStep, TicketStep[]> Allowed = new()
    {
        [TicketStep.Opened] = [TicketStep.Answered],
        [TicketStep.Answered] = [TicketStep.Recorded],
        [TicketStep.Recorded] = [TicketStep.Transferred, TicketStep.FedBack],
        [TicketStep.Transferred] = [TicketStep.FedBack],
        [TicketStep.FedBack] = [TicketStep.Closed],
        [TicketStep.Closed] = [],
    };

    private static readonly CaseColumns<Ticket> Columns = new(t => t.EnterpriseId, t => t.Id, t => t.Line, t => t.Category, t => t.CustomerPhoneIndex, t => t.OpenedAt);

    public async Task<Result<TicketView>> OpenAsync(OpenTicketRequest request, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        string? line = request.Line?.Trim();
        var phone = request.CustomerPhone;
        if (request.CallId is { } callId)
        {
            var call = await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.EnterpriseId == request.EnterpriseId && c.Id == callId, ct);
            if (call is null)
            {
                return Error.Validation("callId", "CALL_NOT_FOUND", ("id", callId));
            }

            line ??= call.Line;
            phone ??= (await calls.OpenAsync(call, ct)).Number;
        }

        if (line is null || !await db.Lines.AnyAsync(l => l.EnterpriseId == request.EnterpriseId && l.Number == line, ct))
        {
            return Enterprises.LineErrors.Unknown(line);
        }

        var ticket = new Ticket
        {
            EnterpriseId = request.EnterpriseId,
            Line = line,
            CallId = request.CallId,
            CustomerPhone = await cipher.EncryptOptionalAsync(request.EnterpriseId, DataKeyPurpose.Complaints, now, PhoneField, phone, ct),
            CustomerPhoneIndex = string.IsNullOrWhiteSpace(phone) ? null : await blindIndex.ComputeAsync(request.EnterpriseId, phone, ct),
            Step = TicketStep.Opened,
            OpenedAt = now,
            OpenedBy = request.Actor,
        };
        db.Tickets.Add(ticket);
        var note = await SealNoteAsync(ticket, request.Note, ct); // before the transaction: it may create the month's key (on SQLite, on a connection of its own)
        await db.Database.InTransactionAsync(async () =>
        {
            await db.SaveChangesAsync(ct); // the ticket's id, for its first step
            await RecordStepAsync(ticket, TicketStep.Opened, request.Actor, note, null, ct);
        }, ct);
        return await ViewAsync(ticket, ct);
    }

    public async Task<Result<TicketView>> AdvanceAsync(AdvanceTicketRequest request, CancellationToken ct = default)
    {
        if (!EnumNames.TryParse<TicketStep>(request.Step, out var step) || step == TicketStep.Opened)
        {
            return Error.Validation("step", "STEP_UNKNOWN", ("value", request.Step), ("allowed", "Answered, Recorded, Transferred, FedBack, Closed"));
        }

        var ticket = await db.Tickets.SingleOrDefaultAsync(t => t.EnterpriseId == request.EnterpriseId && t.Id == request.TicketId, ct);
        if (ticket is null)
        {
            return Error.NotFound("TICKET_NOT_FOUND", ("id", request.TicketId));
        }

        if (!Allowed[ticket.Step].Contains(step))
        {
            return Error.Conflict("STEP_OUT_OF_ORDER", "step", ("step", step), ("reason", Phrase.Of("step.ticketNext", ("id", ticket.Id), ("at", ticket.Step),
                ("next", Allowed[ticket.Step].Length == 0 ? Phrase.Of("step.none") : (object)Allowed[ticket.Step]))));
        }

        switch (step)
        {
            case TicketStep.Recorded:
                var purposes = await db.Lines.AsNoTracking().Where(l => l.EnterpriseId == ticket.EnterpriseId && l.Number == ticket.Line).Select(l => l.Purposes).SingleAsync(ct);
                var category = request.Category?.Trim();
                if (string.IsNullOrEmpty(category) || !purposes.Contains(category))
                {
                    var approved = purposes.Count == 0 ? Phrase.Of("purposes.none") : (object)purposes;
                    if (!string.IsNullOrEmpty(category))
                    {
                        // Refused, and remembered: filing service work under an unapproved purpose is the out-of-scope red line.
                        await redLines.RaiseAsync(request.EnterpriseId, Compliance.RedLine.OutOfScope, "ticket-category", ticket.Line, $"ticket-category:{ticket.Id}:{category}",
                            Phrase.Of("evidence.ticketCategory", ("ticket", ticket.Id), ("line", ticket.Line), ("actor", request.Actor), ("category", category),
                                ("purposes", approved)), ct);
                    }

                    return Error.Validation("category", "CATEGORY_NOT_APPROVED", ("category", category), ("line", ticket.Line), ("purposes", approved));
                }

                if (string.IsNullOrWhiteSpace(request.Note))
                {
                    return Error.Validation("note", "NOTE_REQUIRED", ("hint", Phrase.Of("note.ticket")));
                }

                ticket.Category = category;
                break;
            case TicketStep.Transferred:
                if (string.IsNullOrWhiteSpace(request.AssignTo))
                {
                    return Error.Validation("assignTo", "ASSIGNEE_REQUIRED");
                }

                ticket.AssignedTo = request.AssignTo.Trim();
                break;
            case TicketStep.FedBack:
                if (string.IsNullOrWhiteSpace(request.Note) && request.FeedbackCallId is null)
                {
                    return Error.Validation("note", "FEEDBACK_REQUIRED");
                }

                if (request.FeedbackCallId is { } feedbackCall && !await db.Calls.AnyAsync(c => c.EnterpriseId == ticket.EnterpriseId && c.Id == feedbackCall, ct))
                {
                    return Error.Validation("feedbackCallId", "CALL_NOT_FOUND", ("id", feedbackCall));
                }

                break;
            case TicketStep.Closed:
                ticket.ClosedAt = clock.GetUtcNow();
                break;
        }

        ticket.Step = step;
        await RecordStepAsync(ticket, step, request.Actor, await SealNoteAsync(ticket, request.Note, ct), request.FeedbackCallId, ct); // the ticket saved with its step and its entry
        return await ViewAsync(ticket, ct);
    }

    public static Result<TicketStatusFilter> ParseStatus(string? status) =>
        EnumNames.TryParse<TicketStatusFilter>(string.IsNullOrWhiteSpace(status) ? "open" : status, out var filter)
            ? filter
            : Error.Validation("status", "STATUS_UNKNOWN", ("value", status), ("allowed", "open, closed, all"));

    /// <summary>
    /// Tickets by caller (blind index), id, status, category, line and opening day; the open queue oldest first,
    /// other searches newest first; a page with the count of all that match.
    /// </summary>
    public async Task<Result<Paged<TicketView>>> SearchAsync(Guid enterpriseId, CaseSearch search, PageRequest page, bool withText, CancellationToken ct = default)
    {
        var status = ParseStatus(search.Status);
        if (!status.IsSuccess)
        {
            return status.Error;
        }

        var criteria = await CaseCriteria.FromAsync(search, page, enterpriseId, blindIndex, ct);
        if (!criteria.IsSuccess)
        {
            return criteria.Error;
        }

        var query = criteria.Value.Apply(db.Tickets.AsNoTracking(), Columns);
        query = status.Value switch
        {
            TicketStatusFilter.Open => query.Where(t => t.Step != TicketStep.Closed),
            TicketStatusFilter.Closed => query.Where(t => t.Step == TicketStep.Closed),
            _ => query,
        };
        var total = await query.CountAsync(ct);
        var ordered = status.Value == TicketStatusFilter.Open
            ? query.OrderBy(t => t.OpenedAt).ThenBy(t => t.Id)
            : query.OrderByDescending(t => t.OpenedAt).ThenByDescending(t => t.Id);
        var tickets = await ordered.Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        return Paged<TicketView>.Of(await ViewsAsync(enterpriseId, tickets, withText, ct), total, page);
    }

    public async Task<Result<TicketView>> GetAsync(Guid enterpriseId, long id, bool withText, CancellationToken ct = default)
    {
        var ticket = await db.Tickets.AsNoTracking().SingleOrDefaultAsync(t => t.EnterpriseId == enterpriseId && t.Id == id, ct);
        return ticket is null ? Error.NotFound("TICKET_NOT_FOUND", ("id", id)) : (await ViewsAsync(enterpriseId, [ticket], withText, ct))[0];
    }

    /// <summary>A step's note sealed under the month of the ticket's opening (null for none).</summary>
    private Task<byte[]?> SealNoteAsync(Ticket ticket, string? note, CancellationToken ct) =>
        cipher.EncryptOptionalAsync(ticket.EnterpriseId, DataKeyPurpose.Complaints, ticket.OpenedAt, NoteField, note, ct);

    /// <summary>The step's entry (its note sealed already) and its audit entry, saved with the ticket's pending changes in one transaction.</summary>
    private async Task RecordStepAsync(Ticket ticket, TicketStep step, string actor, byte[]? note, long? callId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        db.TicketSteps.Add(new TicketStepEntry
        {
            EnterpriseId = ticket.EnterpriseId,
            TicketId = ticket.Id,
            Step = step,
            By = actor,
            At = now,
            Note = note,
            CallId = callId,
        });
        await audit.SaveAndAppendAsync(db, ticket.EnterpriseId, actor, AuditActions.TicketStep, $"ticket:{ticket.Id}",
            $"{step}{(ticket.Category is null ? "" : $" category={ticket.Category}")}{(ticket.AssignedTo is null || step != TicketStep.Transferred ? "" : $" to={ticket.AssignedTo}")}", ct);
    }

    private async Task<TicketView> ViewAsync(Ticket ticket, CancellationToken ct) => (await ViewsAsync(ticket.EnterpriseId, [ticket], withText: true, ct))[0];

    /// <summary>The tickets' views, their steps read in one query; notes decrypted only <paramref name="withText"/>.</summary>
    private async Task<IReadOnlyList<TicketView>> ViewsAsync(Guid enterpriseId, IReadOnlyList<Ticket> tickets, bool withText, CancellationToken ct)
    {
        var ids = tickets.Select(t => t.Id).ToList();
        var steps = (await db.TicketSteps.AsNoTracking().Where(s => s.EnterpriseId == enterpriseId && ids.Contains(s.TicketId)).OrderBy(s => s.Id).ToListAsync(ct))
            .ToLookup(s => s.TicketId);
        var views = new List<TicketView>(tickets.Count);
        foreach (var ticket in tickets)
        {
            var stepViews = new List<TicketStepView>();
            foreach (var s in steps[ticket.Id])
            {
                var note = withText ? await cipher.DecryptAsync(enterpriseId, NoteField, s.Note, ct) : null;
                stepViews.Add(new TicketStepView(s.Step.ToString(), s.By, ChinaTime.ToChina(s.At), note, s.CallId, NoteWithheld: !withText && s.Note is not null));
            }

            var phone = await cipher.DecryptAsync(enterpriseId, PhoneField, ticket.CustomerPhone, ct);
            views.Add(new TicketView(ticket.Id, ticket.Line, ticket.CallId, PhoneNumber.Mask(phone), ticket.Category, ticket.Step.ToString(), ticket.AssignedTo,
                ChinaTime.ToChina(ticket.OpenedAt), ticket.ClosedAt is { } c ? ChinaTime.ToChina(c) : null, ticket.OpenedBy, stepViews,
                Allowed[ticket.Step].Select(a => a.ToString()).ToList()));
        }

        return views;
    }
}
