using Hotline95.Core.Calendar;
using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Licensing.Eligibility;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Licensing.Maintenance;

/// <summary>A duty as listed: <paramref name="DueRule"/> is the period that produced the due date (null for a fixed date such as the annual report's).</summary>
public sealed record LicenceTaskView(Guid Id, Guid DossierId, string Dossier, string Kind, string Title, string? Detail, DateOnly DueOn, bool DueEstimated,
    PeriodDue? DueRule, DateOnly? DoneOn, string Status, int DaysLeft);

/// <summary>
/// The duties after the certificate (日常维护): filing within the policy's days of the certificate, the annual
/// usage report every policy interval (the next one opens when one is done), and a change filing for every
/// change of name, address, business scope or usage plan.
/// </summary>
public sealed class LicenceTasks(Hotline95DbContext db, PolicyCatalogue policies, WorkdayCalendar calendar, AuditLog audit, TimeProvider clock)
{
    public async Task<LicenceTaskView> OpenChangeFilingAsync(StoredDossier dossier, IReadOnlyList<string> changes, string actor, CancellationToken ct)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var days = (await policies.ForDutiesAsync(today, ct)).ChangeFilingDays;
        var task = await OpenAsync(dossier, LicenceTaskKind.ChangeFiling, $"变更备案 Change filing: {dossier.Title}", string.Join("; ", changes), calendar.DaysAfter(today, days), actor, ct);
        return View(task, dossier.Title, today);
    }

    /// <summary>On the certificate: the filing and the first annual report.</summary>
    public async Task OpenAfterCertificateAsync(StoredDossier dossier, DateOnly issuedOn, string actor, CancellationToken ct)
    {
        var policy = await policies.ForDutiesAsync(issuedOn, ct);
        await OpenAsync(dossier, LicenceTaskKind.CertificateFiling, $"码号备案 File the certificate: {dossier.Title}",
            "在工信部码号资源管理系统备案；备案后方可使用号码。/ File in the MIIT number system; the number may be used only after filing.", calendar.DaysAfter(issuedOn, policy.FilingDays), actor, ct);
        await OpenAsync(dossier, LicenceTaskKind.AnnualReport, $"年度使用情况报告 Annual usage report: {dossier.Title}",
            "《95码号使用情况报告》: 月均通话量、投诉及解决率、安全制度执行情况。", Fixed(issuedOn.AddMonths(policy.AnnualReportMonths)), actor, ct);
    }

    public async Task<IReadOnlyList<LicenceTaskView>> ListAsync(Guid enterpriseId, bool includeDone, CancellationToken ct = default)
    {
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
            return Error.NotFound("TASK_NOT_FOUND", $"task {taskId} does not exist in this enterprise. / 任务不存在。");
        }

        var today = ChinaTime.DateOf(clock.GetUtcNow());
        if (task.DoneOn is not null)
        {
            return Error.Conflict("TASK_DONE", $"task {taskId} was already done on {task.DoneOn:yyyy-MM-dd}.");
        }

        var day = doneOn ?? today;
        if (day > today)
        {
            return Error.Validation("doneOn", "DATE_IN_FUTURE", $"doneOn {day:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}).");
        }

        task.DoneOn = day;
        task.DoneBy = actor;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(enterpriseId, actor, AuditActions.LicenceTaskDone, $"licence-task:{task.Id}", $"kind={task.Kind} due={task.DueOn:yyyy-MM-dd} done={day:yyyy-MM-dd}", ct);

        var dossier = await db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == task.DossierId, ct);
        if (task.Kind == LicenceTaskKind.AnnualReport)
        {
            // The next report is due one interval after the one just filed was due, not after it was filed late.
            var reportMonths = (await policies.ForDutiesAsync(today, ct)).AnnualReportMonths;
            await OpenAsync(dossier, LicenceTaskKind.AnnualReport, task.Title, task.Detail, Fixed(task.DueOn.AddMonths(reportMonths)), actor, ct);
        }

        return View(task, dossier.Title, today);
    }

    /// <summary>A due date fixed by the authority (no period counted, never moved).</summary>
    private static PeriodDue Fixed(DateOnly day) => new(PeriodRule.CalendarDays, day, 0, day, day, false, null);

    private async Task<LicenceTask> OpenAsync(StoredDossier dossier, LicenceTaskKind kind, string title, string? detail, PeriodDue due, string actor, CancellationToken ct)
    {
        var task = new LicenceTask
        {
            EnterpriseId = dossier.EnterpriseId,
            DossierId = dossier.Id,
            Kind = kind,
            Title = Text.Clip(title, 200),
            Detail = detail is null ? null : Text.Clip(detail, 2000),
            DueOn = due.Due,
            PeriodFrom = due.Count > 0 ? due.From : null,
            PeriodDays = due.Count > 0 ? due.Count : null,
            DueEstimated = due.Estimated,
            CreatedAt = clock.GetUtcNow(),
        };
        db.LicenceTasks.Add(task);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(dossier.EnterpriseId, actor, AuditActions.LicenceTaskOpened, $"licence-task:{task.Id}", $"kind={kind} due={due.Due:yyyy-MM-dd}{(due.Estimated ? " (estimated)" : "")}", ct);
        return task;
    }

    public LicenceTaskView View(LicenceTask t, string dossier, DateOnly today)
    {
        var left = t.DueOn.DayNumber - today.DayNumber;
        var status = t.DoneOn is not null ? "done" : left < 0 ? "late" : "open";
        var rule = t is { PeriodFrom: { } from, PeriodDays: { } days } ? calendar.DaysAfter(from, days) with { Due = t.DueOn, Estimated = t.DueEstimated } : null;
        return new LicenceTaskView(t.Id, t.DossierId, dossier, t.Kind.ToString(), t.Title, t.Detail, t.DueOn, t.DueEstimated, rule, t.DoneOn, status, left);
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
