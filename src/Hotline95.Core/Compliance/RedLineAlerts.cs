using System.Globalization;
using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Complaints;
using Hotline95.Core.Data;
using Hotline95.Core.Notifications;
using Hotline95.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline95.Core.Compliance;

/// <param name="Evidence">What was seen, written in the reader's language at the edge.</param>
/// <param name="EvidenceBilingual">An alert raised before evidence was a phrase: its text in both languages, for the page to pick its side.</param>
public sealed record RedLineAlertView(long Id, string RedLine, string Kind, string? Line, Phrase Evidence, bool EvidenceBilingual, DateTimeOffset RaisedAt, string Status,
    string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt, string? ResolvedBy, DateTimeOffset? ResolvedAt, string? Note)
{
    public static RedLineAlertView From(RedLineAlert a)
    {
        var (evidence, bilingual) = a.Quoted();
        return new(a.Id, a.RedLine.ToString(), a.Kind, a.Line, evidence, bilingual, a.RaisedAt, a.Status.ToString(),
            a.AcknowledgedBy, a.AcknowledgedAt, a.ResolvedBy, a.ResolvedAt, a.Note);
    }
}

public sealed record RedLineMonthCount(string Month, string RedLine, int Raised, int Resolved);

/// <summary>
/// The compliance console's alerts: raised once per incident (by a dedup key), acknowledged, then resolved with a
/// note; every step is in the audit log and ComplianceOfficers are notified. Counts per red line per month feed
/// the annual report.
/// </summary>
public sealed class RedLineAlertsHandler(Hotline95DbContext db, Notify notify, AuditLog audit, TimeProvider clock)
{
    /// <summary>Longest text quoted in evidence (a category, a campaign's name, a reason given).</summary>
    public const int MaxQuotedText = 200;

    /// <summary>
    /// Raises the alert unless one with the same key exists; saves at once (callers may be about to refuse a request), with
    /// its notice and its audit entry, or none of them.
    /// <paramref name="evidence"/> is what was seen, as a phrase (<c>evidence.*</c>) the edge writes in its reader's language.
    /// </summary>
    public async Task<RedLineAlert?> RaiseAsync(Guid enterpriseId, RedLine redLine, string kind, string? line, string dedupKey, Phrase evidence, CancellationToken ct = default)
    {
        evidence = evidence.ClipText(MaxQuotedText);
        // Keys built from user input can be long: a digest keeps the lookup and the stored key the same.
        if (dedupKey.Length > 128)
        {
            dedupKey = $"{dedupKey[..60]}#{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dedupKey)))}";
        }

        if (await db.RedLineAlerts.AnyAsync(a => a.EnterpriseId == enterpriseId && a.DedupKey == dedupKey, ct))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var alert = new RedLineAlert
        {
            EnterpriseId = enterpriseId,
            RedLine = redLine,
            Kind = kind,
            Line = line is { Length: <= 6 } ? line : null,
            DedupKey = dedupKey,
            RaisedAt = now,
            Status = RedLineStatus.Open,
        };
        alert.Quote(evidence);
        db.RedLineAlerts.Add(alert);
        var notification = notify.Role(enterpriseId, Role.ComplianceOfficer, NoticeKinds.RedLine, "/compliance", now, ("redLine", redLine), ("evidence", evidence));
        var raised = await db.Database.InTransactionAsync(async () =>
        {
            try
            {
                // Inside a transaction, EF saves under a savepoint and goes back to it on failure: the transaction goes on.
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation() && db.RedLineAlerts.AsNoTracking().Any(a => a.EnterpriseId == enterpriseId && a.DedupKey == dedupKey))
            {
                // Raised meanwhile by a concurrent request (two refused exports at once): one alert, and this request's answer stands.
                db.Entry(alert).State = EntityState.Detached;
                db.Entry(notification).State = EntityState.Detached;
                return false;
            }

            await audit.AppendAsync(enterpriseId, "system", AuditActions.RedLineRaised, $"red-line:{alert.Id}", $"{redLine} {kind}", ct);
            return true;
        }, ct);
        return raised ? alert : null;
    }

    /// <summary>The alerts, newest first, a page at a time with the count of all.</summary>
    public async Task<Result<Paged<RedLineAlertView>>> ListAsync(Guid enterpriseId, bool openOnly, PageRequest page, CancellationToken ct = default)
    {
        if (page.Validate() is { } invalid)
        {
            return invalid;
        }

        var query = db.RedLineAlerts.AsNoTracking().Where(a => a.EnterpriseId == enterpriseId && (!openOnly || a.Status != RedLineStatus.Resolved));
        var rows = await query.OrderByDescending(a => a.RaisedAt).ThenByDescending(a => a.Id).Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        return Paged<RedLineAlertView>.Of(rows.Select(RedLineAlertView.From).ToList(), await query.CountAsync(ct), page);
    }

    public async Task<Result<RedLineAlertView>> AcknowledgeAsync(Guid enterpriseId, long id, string? note, string actor, CancellationToken ct = default) =>
        await StepAsync(enterpriseId, id, note, actor, resolve: false, ct);

    public async Task<Result<RedLineAlertView>> ResolveAsync(Guid enterpriseId, long id, string? note, string actor, CancellationToken ct = default) =>
        await StepAsync(enterpriseId, id, note, actor, resolve: true, ct);

    private async Task<Result<RedLineAlertView>> StepAsync(Guid enterpriseId, long id, string? note, string actor, bool resolve, CancellationToken ct)
    {
        var alert = await db.RedLineAlerts.SingleOrDefaultAsync(a => a.EnterpriseId == enterpriseId && a.Id == id, ct);
        if (alert is null)
        {
            return Error.NotFound("RED_LINE_ALERT_NOT_FOUND", ("id", id));
        }

        if (resolve && string.IsNullOrWhiteSpace(note))
        {
            return Error.Validation("note", "NOTE_REQUIRED", ("hint", Phrase.Of("note.redLine")));
        }

        if (alert.Status == RedLineStatus.Resolved || (!resolve && alert.Status == RedLineStatus.Acknowledged))
        {
            return Error.Conflict("RED_LINE_ALERT_STATE", ("id", id), ("status", alert.Status == RedLineStatus.Resolved ? Phrase.Of("redLine.resolved") : Phrase.Of("redLine.acknowledged")));
        }

        var now = clock.GetUtcNow();
        if (!resolve || alert.Status == RedLineStatus.Open)
        {
            alert.AcknowledgedBy = actor;
            alert.AcknowledgedAt = now;
            alert.Status = RedLineStatus.Acknowledged;
        }

        if (resolve)
        {
            alert.ResolvedBy = actor;
            alert.ResolvedAt = now;
            alert.Status = RedLineStatus.Resolved;
        }

        if (!string.IsNullOrWhiteSpace(note))
        {
            var text = note.Trim();
            alert.Note = alert.Note is null ? text : $"{alert.Note}\n{text}";
            alert.Note = Text.Clip(alert.Note, 2000);
        }

        await audit.SaveAndAppendAsync(db, enterpriseId, actor, resolve ? AuditActions.RedLineResolved : AuditActions.RedLineAcknowledged, $"red-line:{id}", note?.Trim() ?? "", ct);
        return RedLineAlertView.From(alert);
    }

    /// <summary>Per red line and month; for one line, its alerts and those that concern no line in particular. "Resolved" counts those resolved before <paramref name="to"/>, so a past period gives the same counts later.</summary>
    public async Task<IReadOnlyList<RedLineMonthCount>> CountsAsync(Guid enterpriseId, DateTimeOffset from, DateTimeOffset to, string? line = null, CancellationToken ct = default)
    {
        var alerts = await db.RedLineAlerts.AsNoTracking().Where(a => a.EnterpriseId == enterpriseId && a.RaisedAt >= from && a.RaisedAt < to && (line == null || a.Line == null || a.Line == line))
            .Select(a => new { a.RedLine, a.RaisedAt, a.Status, a.ResolvedAt }).ToListAsync(ct);
        return alerts.GroupBy(a => (Month: ChinaTime.ToChina(a.RaisedAt).ToString("yyyy-MM", CultureInfo.InvariantCulture), a.RedLine))
            .OrderBy(g => g.Key.Month, StringComparer.Ordinal).ThenBy(g => g.Key.RedLine)
            .Select(g => new RedLineMonthCount(g.Key.Month, g.Key.RedLine.ToString(), g.Count(), g.Count(a => a.Status == RedLineStatus.Resolved && a.ResolvedAt < to))).ToList();
    }
}

internal sealed class RedLineAlertConfiguration : IEntityTypeConfiguration<RedLineAlert>
{
    public void Configure(EntityTypeBuilder<RedLineAlert> e)
    {
        e.ToTable("red_line_alerts");
        e.HasKey(x => x.Id);
        e.Property(x => x.RedLine).HasConversion<string>().HasMaxLength(24);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Kind).HasMaxLength(32);
        e.Property(x => x.Line).HasMaxLength(6);
        e.Property(x => x.DedupKey).HasMaxLength(128);
        e.Property(x => x.Evidence).HasMaxLength(RedLineAlert.EvidenceLength);
        e.Property(x => x.Note).HasMaxLength(2000);
        e.Property(x => x.AcknowledgedBy).HasMaxLength(64);
        e.Property(x => x.ResolvedBy).HasMaxLength(64);
        e.HasIndex(x => new { x.EnterpriseId, x.DedupKey }).IsUnique();
        e.HasIndex(x => new { x.EnterpriseId, x.RaisedAt });
        e.BelongsToEnterprise();
    }
}
