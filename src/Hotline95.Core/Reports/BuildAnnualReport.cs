using Hotline95.Core.Audit;
using Hotline95.Core.Calls;
using Hotline95.Core.Common;
using Hotline95.Core.Complaints;
using Hotline95.Core.Data;
using Hotline95.Core.Licensing.Eligibility;
using Hotline95.Core.Monitoring;
using Hotline95.Core.Retention;
using Hotline95.Core.Roster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Reports;

public sealed record AnnualReportRequest(Guid EnterpriseId, string? Line, int? Year, DateOnly? From, DateOnly? To);

public sealed class BuildAnnualReportHandler(
    Hotline95DbContext db, LineFiguresHandler figures, ComplaintFiguresHandler complaints, VerifyAuditLogHandler verify,
    CallReader calls, Compliance.RedLineAlertsHandler redLines, Queues.QueueFiguresHandler queues, Callbacks.CallbacksHandler callbacks, IOptions<RetentionOptions> retention,
    IOptions<ComplaintPolicyOptions> complaintPolicy, IOptions<Queues.QueueOptions> queueOptions, TimeProvider clock)
{
    /// <summary>Personal fields of this many recent calls are opened to prove they are encrypted.</summary>
    public const int SampleCalls = 200;

    public async Task<Result<AnnualReport>> HandleAsync(AnnualReportRequest request, CancellationToken ct = default)
    {
        var line = await db.Lines.AsNoTracking().SingleOrDefaultAsync(l => l.EnterpriseId == request.EnterpriseId && l.Number == (request.Line ?? "").Trim(), ct);
        if (line is null)
        {
            return Error.Validation("line", "LINE_UNKNOWN", $"line '{request.Line}' is not a configured 95 line of this enterprise. / 线路不存在。");
        }

        var period = Period(request);
        if (!period.IsSuccess)
        {
            return period.Error;
        }

        var (from, to) = period.Value;
        var start = ChinaTime.StartOfDay(from);
        var end = ChinaTime.StartOfDay(to.AddDays(1));
        var enterprise = await db.Enterprises.AsNoTracking().SingleAsync(e => e.Id == request.EnterpriseId, ct);
        var dossier = await db.Dossiers.AsNoTracking().Where(d => d.EnterpriseId == request.EnterpriseId && d.Number == line.Number).OrderByDescending(d => d.CertificateIssuedOn).FirstOrDefaultAsync(ct);
        var header = new ReportHeader(enterprise.Name, line.Number, line.Name, dossier?.CertificateNumber, dossier?.CertificateIssuedOn, line.Purposes, line.ServiceHours,
            await db.Seats.CountAsync(s => s.EnterpriseId == request.EnterpriseId, ct),
            await db.Agents.CountAsync(a => a.EnterpriseId == request.EnterpriseId && a.Employment == EmploymentType.FullTime, ct),
            from, to, clock.GetUtcNow());

        var days = await figures.DaysAsync(request.EnterpriseId, line.Number, from, to, ct);
        var months = await figures.MonthlyAsync(request.EnterpriseId, line.Number, from, to, ct);
        var total = PeriodFigures.Sum($"{from:yyyy-MM-dd}/{to:yyyy-MM-dd}", days);

        var complaintMonths = new List<ComplaintMonthFigures>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            complaintMonths.AddRange(await complaints.HandleAsync(request.EnterpriseId, month, line.Number, ct));
        }

        // Totals over the exact period; the monthly rows above cover whole calendar months.
        var inPeriod = await db.Complaints.AsNoTracking().Where(c => c.EnterpriseId == request.EnterpriseId && c.Line == line.Number && c.ReceivedAt >= start && c.ReceivedAt < end)
            .Select(c => new { c.RespondedAt, c.RespondBy, c.ResolvedAt, c.ResolveBy }).ToListAsync(ct);
        var received = inPeriod.Count;
        var responded = inPeriod.Count(c => c.RespondedAt is { } r && r <= c.RespondBy);
        var resolvedInTime = inPeriod.Count(c => c.ResolvedAt is { } r && r <= c.ResolveBy);
        var resolved = inPeriod.Count(c => c.ResolvedAt is not null);
        var complaintSummary = new ComplaintSummary(received, responded, resolvedInTime, resolved, Percent(resolved, received), Percent(responded, received),
            Percent(resolvedInTime, received), complaintPolicy.Value.ResponseHours, complaintPolicy.Value.ResolutionWorkingDays, complaintMonths);

        var security = await SecurityAsync(request.EnterpriseId, line.Number, start, end, ct);
        var anomalies = (await db.Alerts.AsNoTracking().Where(a => a.EnterpriseId == request.EnterpriseId && a.Line == line.Number && a.RaisedAt >= start && a.RaisedAt < end)
            .OrderBy(a => a.RaisedAt).ToListAsync(ct)).Select(AlertView.From).ToList();
        var redLineCounts = await redLines.CountsAsync(request.EnterpriseId, start, end, line.Number, ct);
        var (queueMonths, queueTotal) = await queues.MonthlyAsync(request.EnterpriseId, line.Number, from, to, ct);
        var queueSummary = new QueueSummary(queueOptions.Value.ServiceLevelSeconds, queueOptions.Value.ShortAbandonSeconds, queueMonths, queueTotal);
        var callbackFigures = await callbacks.FiguresAsync(request.EnterpriseId, line.Number, from, to, ct);
        return new AnnualReport(header, months, total, Math.Round(total.Calls / MonthsIn(from, to), 1), complaintSummary, security, anomalies, redLineCounts, queueSummary,
            callbackFigures.Value);
    }

    private async Task<SecurityExecution> SecurityAsync(Guid enterpriseId, string line, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var sample = await db.Calls.AsNoTracking().Where(c => c.EnterpriseId == enterpriseId && c.Line == line)
            .OrderByDescending(c => c.StartedAt).Take(SampleCalls).ToListAsync(ct);
        int fields = 0, encrypted = 0;
        foreach (var call in sample)
        {
            var present = (call.CustomerNumber is null ? 0 : 1) + (call.CustomerName is null ? 0 : 1);
            fields += present;
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

        var audit = db.AuditEntries.AsNoTracking().Where(a => a.EnterpriseId == enterpriseId && a.At >= start && a.At < end);
        var rotations = await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditActions.MasterKeyRotated && a.At >= start && a.At < end)
            .OrderBy(a => a.At).Select(a => a.At).ToListAsync(ct);
        var purges = await db.PurgeRuns.AsNoTracking().Where(p => p.EnterpriseId == enterpriseId && p.RanAt >= start && p.RanAt < end).OrderBy(p => p.RanAt)
            .Select(p => new PurgeEvidence(p.RanAt, p.Cutoff, p.CallsDeleted, p.RecordingsDeleted, p.CallsKeptOnHold, p.KeysDestroyed)).ToListAsync(ct);
        var verification = await verify.HandleAsync(ct);
        return new SecurityExecution(
            fields == 0 ? 100 : Math.Round(100.0 * encrypted / fields, 2), fields, $"{PlatformFactsSource.Encryption}, monthly data keys wrapped by a master key",
            retention.Value.CallRecordMonths, retention.Value.ComplaintRecordMonths, rotations, purges,
            verification.Intact, verification.EntriesChecked, verification.Intact ? null : $"the chain breaks at entry {verification.FirstBadSequence}",
            await audit.CountAsync(a => a.Action == AuditActions.CallRevealed, ct),
            await audit.CountAsync(a => a.Action == AuditActions.CallsExported, ct),
            await audit.CountAsync(a => a.Action == AuditActions.RecordingPlayed || a.Action == AuditActions.RecordingDownloaded, ct));
    }

    private Result<(DateOnly From, DateOnly To)> Period(AnnualReportRequest request)
    {
        if (request.From is { } from || request.To is not null)
        {
            if (request.From is null || request.To is null)
            {
                return Error.Validation(request.From is null ? "from" : "to", "PERIOD_INCOMPLETE", "give both --from and --to (or --year).");
            }

            var (f, t) = (request.From.Value, request.To.Value);
            if ((DateRange.Check("from", f) ?? DateRange.Check("to", t)) is { } bad)
            {
                return bad;
            }

            if (t < f || t > f.AddYears(1).AddDays(-1))
            {
                return Error.Validation("to", "PERIOD_INVALID", $"the period {f:yyyy-MM-dd}–{t:yyyy-MM-dd} must run forwards and span at most 12 months.");
            }

            return (f, t);
        }

        var year = request.Year ?? ChinaTime.DateOf(clock.GetUtcNow()).Year;
        if (year is < 2000 or > 2100)
        {
            return Error.Validation("year", "YEAR_INVALID", $"year {year} is out of range.");
        }

        return (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
    }

    /// <summary>Whole months in [from, to] plus the remaining days as a fraction of an average month: 12 for any twelve-month period.</summary>
    public static double MonthsIn(DateOnly from, DateOnly to)
    {
        var end = to.AddDays(1);
        var whole = (end.Year - from.Year) * 12 + end.Month - from.Month - (end.Day < from.Day ? 1 : 0);
        var rest = end.DayNumber - from.AddMonths(whole).DayNumber;
        return Math.Max(whole + rest / (365.25 / 12), 1.0 / 31);
    }

    private static double Percent(int part, int whole) => whole == 0 ? 0 : Math.Round(100.0 * part / whole, 1);
}
