using Hotline95.Core.Calendar;
using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Identity;
using Hotline95.Core.Licensing.Eligibility;
using Hotline95.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Licensing.Maintenance;

/// <summary>
/// A duty as listed: <paramref name="DueRule"/> is the period that produced the due date (null for a fixed date such as the
/// annual report's); <paramref name="ForYear"/> the year an annual report covers. <paramref name="Title"/> and
/// <paramref name="Detail"/> are phrases the edge writes in its reader's language; <paramref name="TextBilingual"/>: a duty
/// opened before they were, whose stored text has both languages and is shown as it is (for a page to pick its side).
/// </summary>
public sealed record LicenceTaskView(Guid Id, Guid DossierId, string Dossier, string Kind, Phrase Title, Phrase? Detail, DateOnly DueOn, bool DueEstimated,
    PeriodDue? DueRule, DateOnly? DoneOn, string Status, int DaysLeft, int? ForYear = null, bool TextBilingual = false);

/// <summary>
/// The duties after the certificate (日常维护): filing within the policy's days of the certificate, the annual usage report
/// of each calendar year by the date the policy names (the next year's opens when one is done), and a change filing for
/// every change of name, address, business scope or usage plan.
/// </summary>
public sealed class LicenceTasks(Hotline95DbContext db, PolicyCatalogue policies, WorkdayCalendar calendar, AuditLog audit, Notify notify, TimeProvider clock)
{
    /// <summary>Who moves an annual report when the policy's date for its year is not the one it has.</summary>
    public const string PolicyActor = "system:licence-policy";

    /// <summary>Longest a title's or detail's own text (a dossier's title, an address) is kept in its phrase.</summary>
    private const int ArgumentLength = 200;

    public async Task<LicenceTaskView> OpenChangeFilingAsync(StoredDossier dossier, IReadOnlyList<Phrase> changes, string actor, CancellationToken ct)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var days = (await policies.ForDutiesAsync(today, ct)).ChangeFilingDays;
        var task = await OpenAsync(dossier, LicenceTaskKind.ChangeFiling, Phrase.Of("licence.task.changeFiling", ("dossier", dossier.Title)),
            Phrase.Of("licence.task.changeFiling.detail", ("changes", changes)), calendar.DaysAfter(today, days), actor, ct);
        return View(task, dossier.Title, today);
    }

    /// <summary>On the certificate: the filing, and the annual report of the first year the number is held (see <see cref="AnnualReportDue.FirstYear"/>).</summary>
    public async Task OpenAfterCertificateAsync(StoredDossier dossier, DateOnly issuedOn, string actor, CancellationToken ct)
    {
        var policy = await policies.ForDutiesAsync(issuedOn, ct);
        await OpenAsync(dossier, LicenceTaskKind.CertificateFiling, Phrase.Of("licence.task.certificateFiling", ("dossier", dossier.Title)),
            Phrase.Of("licence.task.certificateFiling.detail"), calendar.DaysAfter(issuedOn, policy.FilingDays), actor, ct);
        var (rule, policyId) = await policies.AnnualReportDueAsync(issuedOn, ct);
        var year = rule.FirstYear(issuedOn);
        var annual = AnnualReport(dossier.Title, year, rule, policyId);
        await OpenAsync(dossier, LicenceTaskKind.AnnualReport, annual.Title, annual.Detail, Fixed(annual.Due), actor, ct, forYear: year);
    }

    /// <summary>The annual report of <paramref name="year"/> as its task names it: 《2026年度95码号使用情况报告》, due on the policy's date.</summary>
    public static (Phrase Title, Phrase Detail, DateOnly Due) AnnualReport(string dossier, int year, AnnualReportDue rule, string policyId)
    {
        var due = rule.DueFor(year);
        return (Phrase.Of("licence.task.annualReport", ("year", year), ("dossier", dossier)),
            Phrase.Of("licence.task.annualReport.detail", ("year", year), ("due", due), ("policy", policyId)),
            due);
    }

    /// <summary>
    /// The year an annual report covers: recorded as its first day; a report opened before that was recorded (on the
    /// certificate's anniversary) covers the year before the one it fell due in.
    /// </summary>
    public static int? CoveredYear(LicenceTask t) =>
        t.Kind != LicenceTaskKind.AnnualReport ? null : t is { PeriodFrom: { } first, PeriodDays: null } ? first.Year : t.DueOn.Year - 1;

    /// <summary>
    /// Open annual reports whose due date is not the policy's for their year: those opened on the certificate's anniversary by
    /// earlier versions, and any after a new policy changed the date. Each is moved and renamed for its year, its reminders
    /// start again, the move is audited and the compliance officers are told. Returns how many moved.
    /// </summary>
    public async Task<int> ReconcileAnnualReportsAsync(Guid? enterpriseId, CancellationToken ct = default)
    {
        var open = await (from t in db.LicenceTasks.AsNoTracking()
                          join d in db.Dossiers.AsNoTracking() on t.DossierId equals d.Id
                          where t.Kind == LicenceTaskKind.AnnualReport && t.DoneOn == null && (enterpriseId == null || t.EnterpriseId == enterpriseId)
                          select new { Task = t, d.Title }).ToListAsync(ct);
        if (open.Count == 0)
        {
            return 0;
        }

        var (rule, policyId) = await policies.AnnualReportDueAsync(ChinaTime.DateOf(clock.GetUtcNow()), ct);
        var moved = 0;
        foreach (var (t, dossier) in open.Select(o => (o.Task, o.Title)))
        {
            var year = CoveredYear(t)!.Value;
            var report = AnnualReport(dossier, year, rule, policyId);
            if (t.PeriodFrom is not null && t.DueOn == report.Due)
            {
                continue;
            }

            var first = new DateOnly(year, 1, 1);
            var (title, titlePhrase) = Store(report.Title, TitleLength);
            var (detail, detailPhrase) = Store(report.Detail, DetailLength);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Only the run that finds the task as it was moves it: two nodes at once audit and tell once.
            var updated = await db.LicenceTasks
                .Where(x => x.Id == t.Id && x.DoneOn == null && x.DueOn == t.DueOn && x.PeriodFrom == t.PeriodFrom)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.DueOn, report.Due).SetProperty(x => x.PeriodFrom, first).SetProperty(x => x.PeriodDays, (int?)null)
                    .SetProperty(x => x.DueEstimated, false).SetProperty(x => x.Title, title).SetProperty(x => x.TitlePhrase, titlePhrase)
                    .SetProperty(x => x.Detail, detail).SetProperty(x => x.DetailPhrase, detailPhrase)
                    .SetProperty(x => x.RemindersSent, new List<int>()), ct);
            if (updated != 1)
            {
                continue;
            }

            notify.Role(t.EnterpriseId, Role.ComplianceOfficer, NoticeKinds.LicenceTaskMoved, "/licence", null,
                ("year", year), ("from", t.DueOn), ("to", report.Due), ("policy", policyId), ("dossier", dossier));
            await audit.SaveAndAppendAsync(db, t.EnterpriseId, PolicyActor, AuditActions.LicenceTaskMoved, $"licence-task:{t.Id}",
                $"kind={t.Kind} year={year} due={t.DueOn:yyyy-MM-dd}->{report.Due:yyyy-MM-dd} policy={policyId}", ct);
            await tx.CommitAsync(ct); // the move with its audit entry, or neither
            moved++;
        }

        return moved;
    }

    public async Task<IReadOnlyList<LicenceTaskView>> ListAsync(Guid enterpriseId, bool includeDone, CancellationToken ct = default)
    {
        await ReconcileAnnualReportsAsync(enterpriseId, ct);
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var rows = await (from t in db.LicenceTasks.AsNoTracking()
                          join d in db.Dossiers.AsNoTracking() on t.DossierId equals d.Id
                          where t.EnterpriseId == enterpriseId && (includeDone || t.DoneOn == null)
                          select new { Task = t, d.Title }).ToListAsync(ct);
        return rows.OrderBy(r => r.Task.DoneOn.HasValue).ThenBy(r => r.Task.DueOn).Select(r => View(r.Task, r.Title, today)).ToList();
    }

    public async Task<Result<LicenceTaskView>> CompleteAsync(Guid enterpriseId, Guid taskId, DateOnly? doneOn, string actor, CancellationToken ct = default)
    {
        var task = await db.LicenceTasks.SingleOrDefaultAsync(t => t.EnterpriseId == enterpriseId && t.Id == taskId, ct);
        if (task is null)
        {
            return Error.NotFound("TASK_NOT_FOUND", ("id", taskId));
        }

        var today = ChinaTime.DateOf(clock.GetUtcNow());
        if (task.DoneOn is not null)
        {
            return Error.Conflict("TASK_DONE", ("id", taskId), ("on", task.DoneOn));
        }

        var day = doneOn ?? today;
        if (day > today)
        {
            return Error.Validation("doneOn", "DATE_IN_FUTURE", ("field", "doneOn"), ("date", day), ("today", today));
        }

        task.DoneOn = day;
        task.DoneBy = actor;
        await audit.SaveAndAppendAsync(db, enterpriseId, actor, AuditActions.LicenceTaskDone, $"licence-task:{task.Id}", $"kind={task.Kind} due={task.DueOn:yyyy-MM-dd} done={day:yyyy-MM-dd}", ct);

        var dossier = await db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == task.DossierId, ct);
        if (CoveredYear(task) is { } year)
        {
            // The next year's report, due on the policy's date for that year however late this one was filed.
            var (rule, policyId) = await policies.AnnualReportDueAsync(today, ct);
            var next = AnnualReport(dossier.Title, year + 1, rule, policyId);
            await OpenAsync(dossier, LicenceTaskKind.AnnualReport, next.Title, next.Detail, Fixed(next.Due), actor, ct, forYear: year + 1);
        }

        return View(task, dossier.Title, today);
    }

    /// <summary>A due date fixed by the authority (no period counted, never moved).</summary>
    private static PeriodDue Fixed(DateOnly day) => new(PeriodRule.CalendarDays, day, 0, day, day, false, null);

    /// <summary>The columns' lengths of the untranslated text (<see cref="LicenceTask.Title"/>, <see cref="LicenceTask.Detail"/>).</summary>
    private const int TitleLength = 200, DetailLength = 2000;

    private static (string Untranslated, string Json) Store(Phrase phrase, int length) => PhraseJson.Store(phrase.ClipText(ArgumentLength), length);

    private async Task<LicenceTask> OpenAsync(StoredDossier dossier, LicenceTaskKind kind, Phrase title, Phrase detail, PeriodDue due, string actor, CancellationToken ct,
        int? forYear = null)
    {
        var (titleText, titlePhrase) = Store(title, TitleLength);
        var (detailText, detailPhrase) = Store(detail, DetailLength);
        var task = new LicenceTask
        {
            EnterpriseId = dossier.EnterpriseId,
            DossierId = dossier.Id,
            Kind = kind,
            Title = titleText,
            TitlePhrase = titlePhrase,
            Detail = detailText,
            DetailPhrase = detailPhrase,
            DueOn = due.Due,
            PeriodFrom = forYear is { } year ? new DateOnly(year, 1, 1) : due.Count > 0 ? due.From : null,
            PeriodDays = due.Count > 0 ? due.Count : null,
            DueEstimated = due.Estimated,
            CreatedAt = clock.GetUtcNow(),
        };
        db.LicenceTasks.Add(task);
        await audit.SaveAndAppendAsync(db, dossier.EnterpriseId, actor, AuditActions.LicenceTaskOpened, $"licence-task:{task.Id}",
            $"kind={kind}{(forYear is null ? "" : $" year={forYear}")} due={due.Due:yyyy-MM-dd}{(due.Estimated ? " (estimated)" : "")}", ct);
        return task;
    }

    /// <summary>A duty's title for people (<see cref="PhraseJson.ReadOrVerbatim"/>: a row from before titles were phrases, as stored).</summary>
    public static Phrase TitleOf(LicenceTask t) => PhraseJson.ReadOrVerbatim(t.TitlePhrase, t.Title, TitleLength).Phrase;

    private static bool Bilingual(LicenceTask t) =>
        PhraseJson.ReadOrVerbatim(t.TitlePhrase, t.Title, TitleLength).Bilingual || t.Detail is not null && PhraseJson.ReadOrVerbatim(t.DetailPhrase, t.Detail, DetailLength).Bilingual;

    public static Phrase? DetailOf(LicenceTask t) => t.Detail is null ? null : PhraseJson.ReadOrVerbatim(t.DetailPhrase, t.Detail, DetailLength).Phrase;

    public LicenceTaskView View(LicenceTask t, string dossier, DateOnly today)
    {
        var left = t.DueOn.DayNumber - today.DayNumber;
        var status = t.DoneOn is not null ? "done" : left < 0 ? "late" : "open";
        var rule = t is { PeriodFrom: { } from, PeriodDays: { } days } ? calendar.DaysAfter(from, days) with { Due = t.DueOn, Estimated = t.DueEstimated } : null;
        return new LicenceTaskView(t.Id, t.DossierId, dossier, t.Kind.ToString(), TitleOf(t),
            DetailOf(t), t.DueOn, t.DueEstimated, rule, t.DoneOn, status, left, CoveredYear(t), Bilingual(t));
    }
}

/// <summary>After a holiday notice is loaded: open duties counted in days whose due date was estimated (or all, when a notice was replaced) are counted again.</summary>
public sealed class RecomputeLicenceTaskDeadlines(Hotline95DbContext db, WorkdayCalendar calendar) : IDeadlineRecomputer
{
    public async Task<IReadOnlyList<DeadlineChange>> ChangesAsync(bool allOpen, CancellationToken ct)
    {
        var open = await db.LicenceTasks.AsNoTracking()
            .Where(t => (allOpen || t.DueEstimated) && t.DoneOn == null && t.PeriodFrom != null && t.PeriodDays != null)
            .Select(t => new { t.Id, t.EnterpriseId, t.DueOn, t.DueEstimated, From = t.PeriodFrom!.Value, Days = t.PeriodDays!.Value })
            .ToListAsync(ct);
        var changes = new List<DeadlineChange>();
        foreach (var t in open)
        {
            var next = calendar.DaysAfter(t.From, t.Days);
            if (next.Due == t.DueOn && next.Estimated == t.DueEstimated)
            {
                continue;
            }

            changes.Add(new DeadlineChange(t.EnterpriseId, $"licence-task:{t.Id}", ChinaTime.EndOfDay(t.DueOn), ChinaTime.EndOfDay(next.Due), next.Estimated, async token =>
                await db.LicenceTasks
                    .Where(x => x.Id == t.Id && x.DueOn == t.DueOn && x.DueEstimated == t.DueEstimated)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.DueOn, next.Due).SetProperty(x => x.DueEstimated, next.Estimated), token) == 1));
        }

        return changes;
    }
}
