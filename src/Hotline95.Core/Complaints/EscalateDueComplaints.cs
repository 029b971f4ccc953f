using System.Net.Http.Json;
using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Hosting;
using Hotline95.Core.Identity;
using Hotline95.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Complaints;

/// <param name="Reason">Why: the response or the resolution overdue, or about to be (written in its reader's language at the edge).</param>
public sealed record Escalation(long ComplaintId, Guid EnterpriseId, string Line, Phrase Reason, DateTimeOffset RespondBy, DateTimeOffset ResolveBy);

/// <summary>
/// Escalates every open complaint whose deadline has passed or falls within the warning window: status
/// Escalated, an in-app notice for Supervisors, the outgoing webhook, an audit entry. Each complaint once, also when two
/// nodes run the check at the same moment.
/// </summary>
public sealed class EscalateDueComplaintsHandler(
    Hotline95DbContext db, ComplaintDeadlines deadlines, Notify notify, EscalationWebhook webhook, AuditLog audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<Escalation>> HandleAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var horizon = now + deadlines.Policy.WarningWindow;
        var candidates = await db.Complaints
            .Where(c => c.Status != ComplaintStatus.Resolved
                && ((c.ResolutionEscalatedAt == null && c.ResolveBy <= horizon) || (c.EscalatedAt == null && c.RespondedAt == null && c.RespondBy <= horizon)))
            .ToListAsync(ct);
        var escalations = new List<Escalation>();
        foreach (var complaint in candidates)
        {
            var state = deadlines.StateOf(complaint, now);
            if (state is not (DeadlineState.Overdue or DeadlineState.AtRisk))
            {
                continue;
            }

            var which = complaint.RespondedAt is null && complaint.RespondBy <= complaint.ResolveBy && complaint.EscalatedAt is null ? "response" : "resolution";
            if (which == "resolution" && (complaint.ResolutionEscalatedAt is not null || complaint.ResolveBy > horizon))
            {
                continue; // the response was escalated already; the resolution is not yet due
            }

            var due = which == "response" ? complaint.RespondBy : complaint.ResolveBy;
            var cause = (which, state) switch
            {
                ("response", DeadlineState.Overdue) => EscalationCause.ResponseOverdue,
                ("response", _) => EscalationCause.ResponseDue,
                (_, DeadlineState.Overdue) => EscalationCause.ResolutionOverdue,
                _ => EscalationCause.ResolutionDue,
            };
            var reason = Reason(cause, due);

            // Claimed in the transaction that records it (status, notice): when two nodes escalate at once (one that has just lost the job
            // lease and the one that took it over), the second finds it claimed and skips it, so Supervisors hear of it once.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Still as read: not resolved (or, for the response, answered) by an agent since the list was read.
            var claimed = which == "response"
                ? await db.Complaints.Where(c => c.Id == complaint.Id && c.EscalatedAt == null && c.RespondedAt == null && c.Status != ComplaintStatus.Resolved)
                    .ExecuteUpdateAsync(u => u.SetProperty(c => c.EscalatedAt, now), ct)
                : await db.Complaints.Where(c => c.Id == complaint.Id && c.ResolutionEscalatedAt == null && c.Status != ComplaintStatus.Resolved)
                    .ExecuteUpdateAsync(u => u.SetProperty(c => c.ResolutionEscalatedAt, now), ct);
            if (claimed == 0)
            {
                db.Entry(complaint).State = EntityState.Detached;
                continue;
            }

            complaint.Status = ComplaintStatus.Escalated;
            complaint.EscalatedAt ??= now;
            if (which == "resolution")
            {
                complaint.ResolutionEscalatedAt = now;
            }

            (complaint.EscalationReason, complaint.EscalationPhrase) = PhraseJson.Store(reason, Complaint.EscalationReasonLength);
            notify.Role(complaint.EnterpriseId, Role.Supervisor, NoticeKinds.ComplaintEscalated, $"/complaints/{complaint.Id}", now,
                ("id", complaint.Id), ("line", complaint.Line), ("reason", reason));
            await db.SaveChangesAsync(ct);
            // In the same transaction: an escalation is recorded with its audit entry or not at all (a node that dies or
            // loses the job lease here leaves the complaint for the next check).
            await audit.AppendAsync(complaint.EnterpriseId, "system:escalation", AuditActions.ComplaintEscalated, $"complaint:{complaint.Id}",
                ComplaintHistoryHandler.EscalationDetails(cause, due), ct);
            await tx.CommitAsync(ct);
            var escalation = new Escalation(complaint.Id, complaint.EnterpriseId, complaint.Line, reason, ChinaTime.ToChina(complaint.RespondBy), ChinaTime.ToChina(complaint.ResolveBy));
            escalations.Add(escalation);
            // Committed, so it goes out even if this node is losing the job lease now (the webhook has its own timeout).
            await webhook.SendAsync(escalation, CancellationToken.None);
        }

        return escalations;
    }

    /// <summary>Why it is escalated, for people: the response or the resolution overdue, or about to be.</summary>
    private static Phrase Reason(EscalationCause cause, DateTimeOffset due)
    {
        var what = cause is EscalationCause.ResponseOverdue or EscalationCause.ResponseDue
            ? Phrase.Of("notice.which.response")
            : Phrase.Of("notice.which.resolution");
        return cause is EscalationCause.ResponseOverdue or EscalationCause.ResolutionOverdue
            ? Phrase.Of("notice.reason.overdue", ("which", what), ("due", due))
            : Phrase.Of("notice.reason.atRisk", ("which", what), ("due", due));
    }
}

/// <summary>POSTs each escalation to Complaints:EscalationWebhookUrl. It carries no personal data; a failure is logged, never fatal.</summary>
public sealed class EscalationWebhook(IOptions<ComplaintPolicyOptions> options, IPhraseWriter text, ILogger<EscalationWebhook> logger)
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task SendAsync(Escalation escalation, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(options.Value.EscalationWebhookUrl))
        {
            return;
        }

        try
        {
            using var response = await Client.PostAsJsonAsync(options.Value.EscalationWebhookUrl, new
            {
                type = NoticeKinds.ComplaintEscalated,
                complaintId = escalation.ComplaintId,
                enterpriseId = escalation.EnterpriseId,
                line = escalation.Line,
                reason = text.Both(escalation.Reason), // "中文 / English": a relay to a chat group posts it as it is
                respondBy = escalation.RespondBy,
                resolveBy = escalation.ResolveBy,
            }, ct);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Escalation webhook answered {Status} for complaint {Id}", (int)response.StatusCode, escalation.ComplaintId);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            // Refused, unreachable or no answer within the client's timeout: the escalation stands, the check goes on.
            logger.LogWarning(ex, "Escalation webhook failed for complaint {Id}", escalation.ComplaintId);
        }
    }
}

/// <summary>Runs the escalation check in the server every Complaints:EscalationCheckEvery, from start-up on.</summary>
public sealed class ComplaintEscalationService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ComplaintPolicyOptions> options, ILogger<ComplaintEscalationService> logger)
    : PeriodicJob(scopes, clock, logger)
{
    protected override TimeSpan Every => options.Value.EscalationCheckEvery;

    protected override bool RunAtStart => true;

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<EscalateDueComplaintsHandler>().HandleAsync(ct);
}
