using System.Globalization;
using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Complaints;

/// <summary>What happened to a complaint; shown through the key enum.ComplaintEvent.NAME.</summary>
public enum ComplaintEventKind
{
    Received,
    Responded,
    Escalated,
    Resolved,
    DeadlineRecomputed,
    SatisfactionCleared,
}

/// <summary>Why a complaint was escalated: which deadline, passed or near.</summary>
public enum EscalationCause
{
    ResponseOverdue,
    ResponseDue,
    ResolutionOverdue,
    ResolutionDue,
}

/// <summary>
/// One step of a complaint's history: what, who and when. <paramref name="Note"/> is what was said (the complaint, the
/// response, the resolution), null with <paramref name="NoteWithheld"/> for a reader who may not read it.
/// <paramref name="Satisfaction"/> is the value recorded at the resolution (null: not rated), <paramref name="SatisfactionUnasked"/>
/// when the old page recorded it without asking; <paramref name="DeadlineBefore"/> and <paramref name="DeadlineAfter"/> the
/// resolution deadline a holiday notice moved. <paramref name="At"/> is when the step happened (a complaint received by
/// telephone before it was entered keeps the time it was received); <paramref name="RecordedAt"/> is when the audit log
/// recorded it, given only when that is more than a minute later.
/// </summary>
public sealed record ComplaintEvent(
    string Event, string By, DateTimeOffset At, string? Note, bool NoteWithheld,
    int? Satisfaction = null, bool SatisfactionUnasked = false, string? Cause = null, DateTimeOffset? DeadlineBefore = null, DateTimeOffset? DeadlineAfter = null,
    DateTimeOffset? RecordedAt = null);

/// <summary>
/// A complaint's history from the audit log, which holds who did each step (the complaint itself keeps only when):
/// received, responded, escalated, resolved, its deadline recomputed, its satisfaction cleared.
/// </summary>
public sealed class ComplaintHistoryHandler(Hotline95DbContext db, FieldCipher cipher)
{
    private static readonly Dictionary<string, ComplaintEventKind> Kinds = new()
    {
        [AuditActions.ComplaintReceived] = ComplaintEventKind.Received,
        [AuditActions.ComplaintResponded] = ComplaintEventKind.Responded,
        [AuditActions.ComplaintEscalated] = ComplaintEventKind.Escalated,
        [AuditActions.ComplaintResolved] = ComplaintEventKind.Resolved,
        [AuditActions.DeadlineRecomputed] = ComplaintEventKind.DeadlineRecomputed,
        [AuditActions.ComplaintSatisfactionCleared] = ComplaintEventKind.SatisfactionCleared,
    };

    private static readonly TimeSpan RecordedLate = TimeSpan.FromMinutes(1);

    public async Task<Result<IReadOnlyList<ComplaintEvent>>> HandleAsync(Guid enterpriseId, long id, bool withText, CancellationToken ct = default)
    {
        var complaint = await db.Complaints.AsNoTracking().SingleOrDefaultAsync(c => c.EnterpriseId == enterpriseId && c.Id == id, ct);
        if (complaint is null)
        {
            return ListComplaintsHandler.NotFound(id);
        }

        // Every entry of a complaint is written after its receipt time (which may be given in the past, never ahead):
        // the enterprise's audit index by time narrows the read.
        var target = $"complaint:{id}";
        var actions = Kinds.Keys.ToList();
        var since = complaint.ReceivedAt.AddMinutes(-5);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.EnterpriseId == enterpriseId && e.At >= since && e.Target == target && actions.Contains(e.Action))
            .OrderBy(e => e.Sequence).ToListAsync(ct);
        var events = new List<ComplaintEvent>(entries.Count);
        foreach (var e in entries)
        {
            var kind = Kinds[e.Action];
            var sealedNote = kind switch
            {
                ComplaintEventKind.Received => (Field: ComplaintReader.SummaryField, Value: complaint.Summary),
                ComplaintEventKind.Responded => (Field: ComplaintReader.ResponseField, Value: complaint.ResponseNote),
                ComplaintEventKind.Resolved => (Field: ComplaintReader.ResolutionField, Value: complaint.Resolution),
                _ => (Field: "", Value: (byte[]?)null),
            };
            var note = withText && sealedNote.Value is not null ? await cipher.DecryptAsync(enterpriseId, sealedNote.Field, sealedNote.Value, ct) : null;
            var recorded = kind == ComplaintEventKind.Resolved ? SatisfactionRecord.Parse(e.Details) : null;
            var moved = kind == ComplaintEventKind.DeadlineRecomputed ? Moved(e.Details) : default;
            var happened = kind switch
            {
                ComplaintEventKind.Received => complaint.ReceivedAt,
                ComplaintEventKind.Responded => complaint.RespondedAt ?? e.At,
                ComplaintEventKind.Resolved => complaint.ResolvedAt ?? e.At,
                _ => e.At,
            };
            events.Add(new ComplaintEvent(kind.ToString(), e.Actor, ChinaTime.ToChina(happened), note, !withText && sealedNote.Value is not null,
                recorded?.Value, SatisfactionRecord.IsUnasked(e), kind == ComplaintEventKind.Escalated ? Cause(e.Details)?.ToString() : null,
                moved.Before, moved.After, e.At - happened > RecordedLate ? ChinaTime.ToChina(e.At) : null));
        }

        return events;
    }

    /// <summary>An escalation's audit details: its cause as a code and the deadline, which <see cref="Cause"/> reads back.</summary>
    public static string EscalationDetails(EscalationCause cause, DateTimeOffset due) =>
        $"cause={cause} due={due.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The escalation's cause from its audit details: "cause=ResponseDue due=…" (<see cref="EscalationDetails"/>), or as
    /// versions before wrote them, "response overdue since … / 响应时限 … 已超时", "resolution due … / …".
    /// </summary>
    private static EscalationCause? Cause(string details) => details.Split(' ', 3) switch
    {
        [var first, ..] when first.StartsWith("cause=", StringComparison.Ordinal) =>
            Enum.TryParse<EscalationCause>(first["cause=".Length..], out var cause) ? cause : null,
        ["response", "overdue", ..] => EscalationCause.ResponseOverdue,
        ["response", "due", ..] => EscalationCause.ResponseDue,
        ["resolution", "overdue", ..] => EscalationCause.ResolutionOverdue,
        ["resolution", "due", ..] => EscalationCause.ResolutionDue,
        _ => null,
    };

    /// <summary>The old and new deadline of a recomputation ("old=… new=… estimated=…", see CalendarNotices).</summary>
    private static (DateTimeOffset? Before, DateTimeOffset? After) Moved(string details)
    {
        DateTimeOffset? Value(string name) => details.Split(' ').FirstOrDefault(p => p.StartsWith(name + "=", StringComparison.Ordinal)) is { } part
            && DateTimeOffset.TryParse(part[(name.Length + 1)..], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;
        return (Value("old"), Value("new"));
    }
}
