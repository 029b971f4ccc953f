using System.Globalization;
using Hotline95.Core.Audit;
using Hotline95.Core.Calls;
using Hotline95.Core.Common;
using Hotline95.Core.Complaints;
using Hotline95.Core.Data;
using Hotline95.Core.Licensing;
using Hotline95.Core.Monitoring;
using Hotline95.Core.Retention;
using Hotline95.Core.Roster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Reports;

/// <param name="Partial">Allow a period that has not ended: it then runs to yesterday and every page says so (截至).</param>
public sealed record AnnualReportRequest(Guid EnterpriseId, string? Line, int? Year, DateOnly? From, DateOnly? To, bool Partial = false);

public sealed class BuildAnnualReportHandler(
    Hotline95DbContext db, LineFiguresHandler figures, VerifyAuditLogHandler verify, CallReader calls, Compliance.RedLineAlertsHandler redLines, PeriodComplaintsHandler periodComplaints,
    Queues.QueueFiguresHandler queues, Callbacks.CallbacksHandler callbacks, RetentionStateHandler retentionState, ReportCasesHandler reportCases, IOptions<RetentionOptions> retention,
    IOptions<ComplaintPolicyOptions> complaintPolicy, IOptions<Queues.QueueOptions> queueOptions, IOptions<ReportOptions> options, Licensing.Eligibility.PolicyCatalogue policies,
    TimeProvider clock)
{
    /// <summary>Personal fields of this many recent calls are opened to prove they are encrypted.</summary>
    public const int SampleCalls = 200;

    /// <summary>The audit actions that are changes a filing lists (变更情况), with the kind it prints.</summary>
    private static readonly IReadOnlyDictionary<string, string> ChangeActions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [AuditActions.RosterChanged] = ReportChangeKinds.Roster,
        [AuditActions.LineUsageChanged] = ReportChangeKinds.LineUsage,
        [AuditActions.DossierSaved] = ReportChangeKinds.Dossier,
    };

    public async Task<Result<AnnualReport>> HandleAsync(AnnualReportRequest request, CancellationToken ct = default)
    {
        var line = await db.Lines.AsNoTracking().SingleOrDefaultAsync(l => l.EnterpriseId == request.EnterpriseId && l.Number == (request.Line ?? "").Trim(), ct);
        if (line is null)
        {
            return Enterprises.LineErrors.Unknown(request.Line);
        }

        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var period = ReportPeriod.Of(request, today);
        if (!period.IsSuccess)
        {
            return period.Error;
        }

        var (from, to, year, partial) = period.Value;
        var start = ChinaTime.StartOfDay(from);
        var end = ChinaTime.StartOfDay(to.AddDays(1));
        var enterprise = await db.Enterprises.AsNoTracking().SingleAsync(e => e.Id == request.EnterpriseId, ct);
        var company = new CompanyBlock(enterprise.Name, enterprise.Uscc, enterprise.RegisteredAddress, enterprise.LegalRepresentative, enterprise.ContactPerson, enterprise.ContactPhone);

        // The licence record of this number only, the certificate in force at the period's end.
        var record = await LicenceRecord.OfAsync(db, request.EnterpriseId, line.Number, to, ct);
        var licence = record.Block;
        var authority = await policies.ForDutiesAsync(today, ct);
        var header = new ReportHeader(year, Named(options.Value.Addressee, authority.Authority), Named(options.Value.AddresseeEnglish, authority.AuthorityEn),
            line.Number, line.Name, from, to, partial, now);

        var months = await figures.MonthlyAsync(request.EnterpriseId, line.Number, from, to, ct);
        var days = await figures.DaysAsync(request.EnterpriseId, line.Number, from, to, ct);
        var total = CallMonth.From($"{from:yyyy-MM-dd}/{to:yyyy-MM-dd}", PeriodFigures.Sum($"{from:yyyy-MM-dd}/{to:yyyy-MM-dd}", days));
        var firstDay = await db.DailyFigures.AsNoTracking().Where(d => d.EnterpriseId == request.EnterpriseId && d.Line == line.Number)
            .OrderBy(d => d.Day).Select(d => (DateOnly?)d.Day).FirstOrDefaultAsync(ct);
        var average = Average(from, to, firstDay, licence.CertificateIssuedOn, total.Calls);
        var callMonths = months.Select(m => CallMonth.From(m.Period, m)).Where(m => string.CompareOrdinal(m.Month, $"{average.From:yyyy-MM}") >= 0).ToList();

        var complaintSummary = await ComplaintsAsync(request.EnterpriseId, line.Number, year, start, end, ct);
        var changes = await ChangesAsync(request.EnterpriseId, line.Number, record.DossierIds, start, end, ct);
        var security = await SecurityAsync(request.EnterpriseId, start, end, ct);
        var asOf = await AsOfRenderingAsync(request.EnterpriseId, line.Number, today, ct);
        var anomalies = (await db.Alerts.AsNoTracking().Where(a => a.EnterpriseId == request.EnterpriseId && a.Line == line.Number && a.RaisedAt >= start && a.RaisedAt < end)
            .OrderBy(a => a.RaisedAt).ToListAsync(ct))
            // Handling after the period's end is not part of the period.
            .Select(a => new ReportAnomaly(a.RaisedAt, a.Kind, a.Observed, a.Expected, a.HandledAt is { } handled && handled < end ? FilingHandling(a) : null)).ToList();
        var redLineCounts = await redLines.CountsAsync(request.EnterpriseId, start, end, line.Number, ct);
        var (queueMonths, queueTotal) = await queues.MonthlyAsync(request.EnterpriseId, line.Number, from, to, ct);
        var queueSummary = new QueueSummary(queueOptions.Value.ServiceLevelSeconds, queueOptions.Value.ShortAbandonSeconds, queueMonths, queueTotal);
        var callbackFigures = await callbacks.FiguresAsync(request.EnterpriseId, line.Number, from, to, ct);
        var warnings = ReportWarnings.For(company, licence, record.LineDiffers(line), partial, to, asOf);
        return new AnnualReport(header, company, licence, warnings, callMonths, total, average, complaintSummary, changes, security, asOf, anomalies, redLineCounts,
            queueSummary, callbackFigures.Value);
    }

    /// <summary>
    /// The monthly average counts the months from the month the line started (its first call or its certificate, whichever
    /// is earlier, but not before the period) to the period's end, a partial month counting as a month.
    /// </summary>
    public static MonthlyAverage Average(DateOnly from, DateOnly to, DateOnly? firstCall, DateOnly? certificate, int calls)
    {
        var started = new[] { firstCall, certificate }.Where(d => d is not null).Select(d => d!.Value).DefaultIfEmpty(from).Min();
        if (started > to)
        {
            return new MonthlyAverage(from, 0, null);
        }

        var first = started < from ? from : started;
        var month = new DateOnly(first.Year, first.Month, 1);
        var count = (to.Year - month.Year) * 12 + to.Month - month.Month + 1;
        return new MonthlyAverage(month < from ? from : month, count, Math.Round(calls / (double)count, 1));
    }

    private async Task<ComplaintSummary> ComplaintsAsync(Guid enterpriseId, string line, int? year, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var f = await periodComplaints.HandleAsync(enterpriseId, line, start, end, ct);
        var cases = year is { } y
            ? await reportCases.GetAsync(enterpriseId, line, y, ct)
            : [];
        return new ComplaintSummary(complaintPolicy.Value.ResponseHours, complaintPolicy.Value.ResolutionWorkingDays, f.Received, f.RespondedWithinDeadline, f.ResolvedWithinDeadline,
            f.Resolved, f.RespondedWithinDeadlineRate, f.ResolvedWithinDeadlineRate, f.ResolutionRate, f.OpenAtEnd, cases);
    }

    private async Task<IReadOnlyList<ReportChange>> ChangesAsync(Guid enterpriseId, string line, IReadOnlyList<Guid> dossiers, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var actions = ChangeActions.Keys.ToList();
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.EnterpriseId == enterpriseId && a.At >= start && a.At < end && actions.Contains(a.Action))
            .Select(a => new { a.At, a.Action, a.Target }).ToListAsync(ct);
        var filings = await db.LicenceTasks.AsNoTracking()
            .Where(t => t.EnterpriseId == enterpriseId && t.Kind == LicenceTaskKind.ChangeFiling && dossiers.Contains(t.DossierId) && t.CreatedAt >= start && t.CreatedAt < end)
            .Select(t => new { t.CreatedAt, t.DueOn, t.DoneOn }).ToListAsync(ct);
        var dossierTargets = dossiers.Select(d => $"dossier:{d}").ToHashSet(StringComparer.Ordinal);
        return entries
            // A line's usage change concerns that line only, a dossier revision that number's dossiers only.
            .Where(e => e.Action switch
            {
                AuditActions.LineUsageChanged => e.Target == $"line:{line}",
                AuditActions.DossierSaved => dossierTargets.Contains(e.Target),
                _ => true,
            })
            .Select(e => new ReportChange(ChinaTime.DateOf(e.At), ChangeActions[e.Action], null))
            .Concat(filings.Select(f => new ReportChange(ChinaTime.DateOf(f.CreatedAt), ReportChangeKinds.ChangeFiling,
                f.DoneOn is { } done && ChinaTime.StartOfDay(done) < end ? AnnualReportRenderer.Format.Day(done) : null)))
            .OrderBy(c => c.On).ThenBy(c => c.Kind, StringComparer.Ordinal).ToList();
    }

    private async Task<SecurityInPeriod> SecurityAsync(Guid enterpriseId, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var audit = db.AuditEntries.AsNoTracking().Where(a => a.EnterpriseId == enterpriseId && a.At >= start && a.At < end);
        // One rotation of the master key is recorded once for each enterprise whose keys it re-wrapped (again for keys made
        // while it ran, maybe after midnight): the report counts the rotation once, in the period of its first record.
        var rotations = (await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditActions.MasterKeyRotated && a.At < end)
                .Select(a => new { a.Target, a.At }).ToListAsync(ct))
            .GroupBy(a => a.Target, StringComparer.Ordinal).Select(g => g.Min(a => a.At)).Where(at => at >= start).Order().ToList();
        var purges = await db.PurgeRuns.AsNoTracking().Where(p => p.EnterpriseId == enterpriseId && p.RanAt >= start && p.RanAt < end).OrderBy(p => p.RanAt)
            .Select(p => new PurgeEvidence(p.RanAt, p.Cutoff, p.CallsDeleted, p.RecordingsDeleted, p.CallsKeptOnHold, p.KeysDestroyed)).ToListAsync(ct);
        return new SecurityInPeriod(retention.Value.CallRecordMonths, retention.Value.ComplaintRecordMonths, rotations, purges,
            await audit.LongCountAsync(ct),
            await audit.CountAsync(a => a.Action == AuditActions.CallRevealed, ct),
            await audit.CountAsync(a => a.Action == AuditActions.CallsExported || a.Action == AuditActions.PersonalDataExported, ct),
            await audit.CountAsync(a => a.Action == AuditActions.RecordingPlayed || a.Action == AuditActions.RecordingDownloaded, ct));
    }

    private async Task<AsOfRendering> AsOfRenderingAsync(Guid enterpriseId, string line, DateOnly today, CancellationToken ct)
    {
        var sample = await db.Calls.AsNoTracking().Where(c => c.EnterpriseId == enterpriseId && c.Line == line)
            .OrderByDescending(c => c.StartedAt).Take(SampleCalls).ToListAsync(ct);
        int fields = 0, encrypted = 0;
        foreach (var call in sample)
        {
            fields += (call.CustomerNumber is null ? 0 : 1) + (call.CustomerName is null ? 0 : 1);
            try
            {
                var (number, name, _) = await calls.OpenAsync(call, ct);
                encrypted += (number is null ? 0 : 1) + (name is null ? 0 : 1);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                // Not a valid envelope under its key: counted as not encrypted.
            }
        }

        var verification = await verify.HandleAsync(ct);
        return new AsOfRendering(today, await retentionState.HandleAsync(enterpriseId, ct),
            fields == 0 ? null : Math.Round(100.0 * encrypted / fields, 2), fields, verification.Intact, verification.EntriesChecked, verification.FirstBadSequence,
            await db.Seats.CountAsync(s => s.EnterpriseId == enterpriseId, ct),
            await db.Agents.CountAsync(a => a.EnterpriseId == enterpriseId && a.Employment == EmploymentType.FullTime, ct));
    }

    /// <summary>
    /// The handling as a filing states it: the person's note with anything personal masked; the one-click block's own
    /// record (which names the caller) as the word for it, not the caller.
    /// </summary>
    private static string? FilingHandling(MonitoringAlert alert) =>
        alert.BlockedByOneClick ? ReportAnomaly.CallerBlocked : alert.Handling is { } note ? PersonalDataText.Mask(note) : null;

    /// <summary>The setting when given, else the policy's name; null when neither says (the report then leaves a blank).</summary>
    private static string? Named(string? setting, string? fromPolicy) =>
        !string.IsNullOrWhiteSpace(setting) ? setting.Trim() : !string.IsNullOrWhiteSpace(fromPolicy) ? fromPolicy.Trim() : null;
}

/// <summary>The kinds of <see cref="ReportChange"/>.</summary>
public static class ReportChangeKinds
{
    public const string ChangeFiling = "changeFiling";
    public const string Roster = "roster";
    public const string LineUsage = "lineUsage";
    public const string Dossier = "dossier";
}
