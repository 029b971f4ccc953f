using Hotline95.Core.Calendar;
using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Licensing.Eligibility;
using Hotline95.Core.Licensing.Maintenance;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Licensing.Applications;

public sealed record CorrectionNoticeView(Guid Id, DateOnly ReceivedOn, IReadOnlyList<string> Codes, string Text, DateOnly CorrectBy, bool CorrectByEstimated,
    PeriodDue CorrectByRule, DateOnly? CorrectedOn);

/// <summary>An application as it stands. <paramref name="Warnings"/>: recorded dates that fall on a non-working day (accepted, but worth a second look).</summary>
public sealed record ApplicationView(Guid Id, Guid DossierId, string Dossier, string Policy, DateOnly Today, DateOnly? TargetGoLive,
    IReadOnlyList<StepView> Steps, IReadOnlyList<CorrectionNoticeView> Corrections, ApplicationPlan? Plan, IReadOnlyList<DateWarning> Warnings);

/// <summary>A recorded date on a non-working day: <paramref name="What"/> is the step key (or <c>correction-received</c>, <c>corrected</c>).</summary>
public sealed record DateWarning(string What, DateOnly Date, string Code, Phrase Reason);

public sealed record RecordStepRequest(Guid EnterpriseId, Guid ApplicationId, string? Step, DateOnly? On, string? CertificateNumber, string Actor);

public sealed record CorrectionNoticeRequest(Guid EnterpriseId, Guid ApplicationId, DateOnly? ReceivedOn, IReadOnlyList<string>? Codes, string? Text, string Actor);

/// <summary>An application's six steps: started for a dossier, advanced one completed step at a time, paused by correction notices.</summary>
public sealed class ApplicationsHandler(
    Hotline95DbContext db, ApplicationTimeline timeline, WorkdayCalendar calendar, PolicyCatalogue policies, LicenceTasks tasks, IOptions<LicensingOptions> options,
    AuditLog audit, TimeProvider clock)
{
    /// <summary>Step keys accepted by <see cref="RecordStepAsync"/>, in order.</summary>
    public static readonly IReadOnlyList<string> StepKeys = ["materials-ready", "declared", "formal-review-passed", "substantive-review-passed", "inspection-passed", "certificate-issued", "filed"];

    public async Task<Result<ApplicationView>> StartAsync(Guid enterpriseId, Guid dossierId, DateOnly? targetGoLive, string actor, CancellationToken ct = default)
    {
        var dossier = await db.Dossiers.AsNoTracking().SingleOrDefaultAsync(d => d.EnterpriseId == enterpriseId && d.Id == dossierId, ct);
        if (dossier is null)
        {
            return Error.NotFound("DOSSIER_NOT_FOUND", ("id", dossierId));
        }

        if (targetGoLive is { } target && calendar.OutOfRange("targetGoLive", target) is { } outOfRange)
        {
            return outOfRange;
        }

        if (await db.LicenceApplications.AnyAsync(a => a.EnterpriseId == enterpriseId && a.DossierId == dossierId && a.FiledOn == null, ct))
        {
            return Error.Conflict("APPLICATION_IN_PROGRESS", "dossierId");
        }

        var application = new LicenceApplication { EnterpriseId = enterpriseId, DossierId = dossierId, TargetGoLive = targetGoLive, CreatedAt = clock.GetUtcNow() };
        db.LicenceApplications.Add(application);
        await audit.SaveAndAppendAsync(db, enterpriseId, actor, AuditActions.ApplicationStep, $"application:{application.Id}", $"started dossier={dossierId} target={targetGoLive:yyyy-MM-dd}", ct);
        return await GetAsync(enterpriseId, application.Id, ct);
    }

    public async Task<Result<ApplicationView>> GetAsync(Guid enterpriseId, Guid applicationId, CancellationToken ct = default)
    {
        var application = await db.LicenceApplications.AsNoTracking().SingleOrDefaultAsync(a => a.EnterpriseId == enterpriseId && a.Id == applicationId, ct);
        if (application is null)
        {
            return Error.NotFound("APPLICATION_NOT_FOUND", ("id", applicationId));
        }

        var title = await db.Dossiers.Where(d => d.Id == application.DossierId).Select(d => d.Title).SingleAsync(ct);
        var notices = await db.CorrectionNotices.AsNoTracking().Where(n => n.ApplicationId == applicationId).OrderBy(n => n.ReceivedOn).ToListAsync(ct);
        return View(application, title, notices, await policies.AllAsync(ct), ChinaTime.DateOf(clock.GetUtcNow()));
    }

    /// <summary>Every application of the enterprise, with its dossier titles, notices and the policy catalogue each read once.</summary>
    public async Task<IReadOnlyList<ApplicationView>> ViewsAsync(Guid enterpriseId, CancellationToken ct = default)
    {
        var applications = await db.LicenceApplications.AsNoTracking().Where(a => a.EnterpriseId == enterpriseId).ToListAsync(ct);
        if (applications.Count == 0)
        {
            return [];
        }

        var titles = await db.Dossiers.AsNoTracking().Where(d => d.EnterpriseId == enterpriseId).ToDictionaryAsync(d => d.Id, d => d.Title, ct);
        var notices = (await db.CorrectionNotices.AsNoTracking().Where(n => n.EnterpriseId == enterpriseId).OrderBy(n => n.ReceivedOn).ToListAsync(ct))
            .ToLookup(n => n.ApplicationId);
        var all = await policies.AllAsync(ct);
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        return applications.Select(a => View(a, titles[a.DossierId], notices[a.Id].ToList(), all, today))
            .Where(v => v.IsSuccess).Select(v => v.Value).ToList();
    }

    private Result<ApplicationView> View(LicenceApplication application, string title, IReadOnlyList<CorrectionNotice> notices, IReadOnlyList<EligibilityPolicy> all, DateOnly today)
    {
        var policy = PolicyCatalogue.InForce(all, application.DeclaredOn ?? today);
        if (!policy.IsSuccess)
        {
            return policy.Error;
        }

        var o = options.Value;
        try
        {
            return Build();
        }
        catch (CalendarYearOutOfRangeException ex)
        {
            // A date stored before the calendar's range was checked (or a plan reaching past it): said, not a crash.
            return ex.ToError("date");
        }

        ApplicationView Build() => new ApplicationView(application.Id, application.DossierId, title, policy.Value.Id, today, application.TargetGoLive,
            timeline.Steps(application, notices, policy.Value, o, today),
            notices.Select(n =>
            {
                var due = calendar.DaysAfter(n.ReceivedOn, policy.Value.CorrectionDays);
                return new CorrectionNoticeView(n.Id, n.ReceivedOn, n.Codes, n.Text, due.Due, due.Estimated, due, n.CorrectedOn);
            }).ToList(),
            application.TargetGoLive is { } goLive ? timeline.Plan(goLive, policy.Value, o, today) : null,
            DateWarnings(application, notices));
    }

    /// <summary>Authorities act and applicants file on working days: a step dated on a rest day is kept, with a warning.</summary>
    private List<DateWarning> DateWarnings(LicenceApplication application, IReadOnlyList<CorrectionNotice> notices)
    {
        var dated = Dates(application).Select((d, i) => (What: StepKeys[i], Date: d))
            .Concat(notices.Select(n => (What: "correction-received", Date: (DateOnly?)n.ReceivedOn)))
            .Concat(notices.Select(n => (What: "corrected", Date: n.CorrectedOn)));
        var warnings = new List<DateWarning>();
        foreach (var (what, date) in dated)
        {
            if (date is not { } d)
            {
                continue;
            }

            DayInfo day;
            try
            {
                day = calendar.GetDay(d);
            }
            catch (CalendarYearOutOfRangeException)
            {
                continue;
            }

            if (!day.IsWorkday)
            {
                warnings.Add(new DateWarning(what, d, "DATE_NOT_WORKDAY",
                    Phrase.Of("licence.warning.dateNotWorkday", ("date", d), ("day", new Bilingual(day.ReasonZh, day.ReasonEn)))));
            }
        }

        return warnings;
    }

    public async Task<Result<ApplicationView>> RecordStepAsync(RecordStepRequest request, CancellationToken ct = default)
    {
        var application = await db.LicenceApplications.SingleOrDefaultAsync(a => a.EnterpriseId == request.EnterpriseId && a.Id == request.ApplicationId, ct);
        if (application is null)
        {
            return Error.NotFound("APPLICATION_NOT_FOUND", ("id", request.ApplicationId));
        }

        var index = StepKeys.ToList().IndexOf(request.Step?.Trim() ?? "");
        if (index < 0)
        {
            return Error.Validation("step", "STEP_UNKNOWN", ("value", request.Step), ("allowed", StepKeys));
        }

        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var on = request.On ?? today;
        if (on > today)
        {
            return Error.Validation("on", "DATE_IN_FUTURE", ("field", "on"), ("date", on), ("today", today));
        }

        if (calendar.OutOfRange("on", on) is { } outOfRange)
        {
            return outOfRange;
        }

        var dates = Dates(application);
        if (dates[index] is { } recorded)
        {
            return Error.Conflict("STEP_ALREADY_RECORDED", "step", ("step", StepKeys[index]), ("on", recorded));
        }

        if (index > 0 && dates[index - 1] is not { } previous)
        {
            return Error.Conflict("STEP_OUT_OF_ORDER", "step", ("step", StepKeys[index]), ("reason", Phrase.Of("step.previousMissing", ("previous", StepKeys[index - 1]))));
        }
        else if (index > 0 && on < dates[index - 1])
        {
            return Error.Validation("on", "STEP_BEFORE_PREVIOUS", ("on", on), ("previous", StepKeys[index - 1]), ("previousOn", dates[index - 1]));
        }

        if (index == 2 && await db.CorrectionNotices.AnyAsync(n => n.ApplicationId == application.Id && n.CorrectedOn == null, ct))
        {
            return Error.Conflict("CORRECTION_OPEN", "step");
        }

        if (index == 5 && (string.IsNullOrWhiteSpace(request.CertificateNumber) || request.CertificateNumber.Trim().Length > 64))
        {
            return Error.Validation("certificateNumber", "CERTIFICATE_NUMBER_REQUIRED");
        }

        Set(application, index, on);
        // The step, the tasks it opens or completes and their entries, all or none.
        await db.Database.InTransactionAsync(async () =>
        {
            var dossier = await db.Dossiers.SingleAsync(d => d.Id == application.DossierId, ct);
            if (index == 5)
            {
                dossier.CertificateNumber = request.CertificateNumber!.Trim();
                dossier.CertificateIssuedOn = on;
                await tasks.OpenAfterCertificateAsync(dossier, on, request.Actor, ct);
            }

            await db.SaveChangesAsync(ct);
            if (index == 6 && await db.LicenceTasks.FirstOrDefaultAsync(t => t.DossierId == dossier.Id && t.Kind == LicenceTaskKind.CertificateFiling && t.DoneOn == null, ct) is { } filing)
            {
                await tasks.CompleteAsync(request.EnterpriseId, filing.Id, on, request.Actor, ct);
            }

            await audit.AppendAsync(request.EnterpriseId, request.Actor, AuditActions.ApplicationStep, $"application:{application.Id}", $"{StepKeys[index]}={on:yyyy-MM-dd}", ct);
        }, ct);
        return await GetAsync(request.EnterpriseId, application.Id, ct);
    }

    public async Task<Result<ApplicationView>> AddCorrectionNoticeAsync(CorrectionNoticeRequest request, CancellationToken ct = default)
    {
        var application = await db.LicenceApplications.AsNoTracking().SingleOrDefaultAsync(a => a.EnterpriseId == request.EnterpriseId && a.Id == request.ApplicationId, ct);
        if (application is null)
        {
            return Error.NotFound("APPLICATION_NOT_FOUND", ("id", request.ApplicationId));
        }

        if (application.DeclaredOn is null || application.FormalReviewPassedOn is not null)
        {
            return Error.Conflict("NOT_IN_FORMAL_REVIEW");
        }

        var codes = (request.Codes ?? []).Where(c => c is not null).Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length > 0).Distinct().ToList();
        var unknown = codes.FirstOrDefault(c => !FindingCodes.All.Contains(c));
        if (unknown is not null)
        {
            return Error.Validation("codes", "FINDING_CODE_UNKNOWN", ("code", unknown));
        }

        if (codes.Count == 0 && string.IsNullOrWhiteSpace(request.Text))
        {
            return Error.Validation("codes", "CORRECTION_EMPTY");
        }

        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var received = request.ReceivedOn ?? today;
        if (received > today || received < application.DeclaredOn)
        {
            return Error.Validation("receivedOn", "DATE_OUT_OF_RANGE", ("field", "receivedOn"), ("date", received), ("earliest", application.DeclaredOn), ("latest", today));
        }

        var text = request.Text?.Trim() ?? "";
        var notice = new CorrectionNotice { EnterpriseId = request.EnterpriseId, ApplicationId = application.Id, ReceivedOn = received, Codes = codes, Text = Text.Clip(text, 4000) };
        db.CorrectionNotices.Add(notice);
        await audit.SaveAndAppendAsync(db, request.EnterpriseId, request.Actor, AuditActions.CorrectionNoticeRecorded, $"application:{application.Id}", $"received={received:yyyy-MM-dd} codes={string.Join(',', codes)}", ct);
        return await GetAsync(request.EnterpriseId, application.Id, ct);
    }

    public async Task<Result<ApplicationView>> MarkCorrectedAsync(Guid enterpriseId, Guid applicationId, Guid noticeId, DateOnly? on, string actor, CancellationToken ct = default)
    {
        var notice = await db.CorrectionNotices.SingleOrDefaultAsync(n => n.EnterpriseId == enterpriseId && n.ApplicationId == applicationId && n.Id == noticeId, ct);
        if (notice is null)
        {
            return Error.NotFound("CORRECTION_NOT_FOUND", ("id", noticeId), ("application", applicationId));
        }

        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var day = on ?? today;
        if (day > today || day < notice.ReceivedOn)
        {
            return Error.Validation("on", "DATE_OUT_OF_RANGE", ("field", "on"), ("date", day), ("earliest", notice.ReceivedOn), ("latest", today));
        }

        notice.CorrectedOn = day;
        await audit.SaveAndAppendAsync(db, enterpriseId, actor, AuditActions.CorrectionNoticeRecorded, $"application:{applicationId}", $"corrected={day:yyyy-MM-dd} notice={noticeId}", ct);
        return await GetAsync(enterpriseId, applicationId, ct);
    }

    /// <summary>Codes that open correction notices of the dossier's applications raise again, with the notice that raised them.</summary>
    public async Task<IReadOnlyList<CorrectionNotice>> OpenNoticesAsync(Guid enterpriseId, Guid dossierId, CancellationToken ct = default) =>
        await (from n in db.CorrectionNotices.AsNoTracking()
               join a in db.LicenceApplications.AsNoTracking() on n.ApplicationId equals a.Id
               where a.EnterpriseId == enterpriseId && a.DossierId == dossierId && n.CorrectedOn == null
               select n).ToListAsync(ct);

    /// <summary>The day the dossier's latest application was declared (when its documents were filed); null when none was.</summary>
    public async Task<DateOnly?> DeclaredOnAsync(Guid enterpriseId, Guid dossierId, CancellationToken ct = default) =>
        (await db.LicenceApplications.AsNoTracking()
            .Where(a => a.EnterpriseId == enterpriseId && a.DossierId == dossierId && a.DeclaredOn != null)
            .Select(a => a.DeclaredOn).ToListAsync(ct)).Max();

    /// <summary>
    /// When the on-site inspection of the dossier's declared application is expected (<see cref="ApplicationTimeline.ExpectedInspection"/>);
    /// null when no application of it is declared and still waiting for its inspection, or when the count leaves the calendar.
    /// </summary>
    public async Task<InspectionDate?> ExpectedInspectionAsync(Guid enterpriseId, Guid dossierId, DateOnly? on, CancellationToken ct = default)
    {
        var application = (await db.LicenceApplications.AsNoTracking()
                .Where(a => a.EnterpriseId == enterpriseId && a.DossierId == dossierId && a.DeclaredOn != null && a.InspectionPassedOn == null)
                .ToListAsync(ct))
            .OrderByDescending(a => a.DeclaredOn).FirstOrDefault();
        if (application is null || PolicyCatalogue.InForce(await policies.AllAsync(ct), application.DeclaredOn!.Value) is not { IsSuccess: true } policy)
        {
            return null;
        }

        var notices = await db.CorrectionNotices.AsNoTracking().Where(n => n.ApplicationId == application.Id).ToListAsync(ct);
        try
        {
            return timeline.ExpectedInspection(application, notices, policy.Value, on ?? ChinaTime.DateOf(clock.GetUtcNow()));
        }
        catch (CalendarYearOutOfRangeException)
        {
            return null;
        }
    }

    private static DateOnly?[] Dates(LicenceApplication a) =>
        [a.MaterialsReadyOn, a.DeclaredOn, a.FormalReviewPassedOn, a.SubstantiveReviewPassedOn, a.InspectionPassedOn, a.CertificateIssuedOn, a.FiledOn];

    private static void Set(LicenceApplication a, int index, DateOnly on)
    {
        switch (index)
        {
            case 0: a.MaterialsReadyOn = on; break;
            case 1: a.DeclaredOn = on; break;
            case 2: a.FormalReviewPassedOn = on; break;
            case 3: a.SubstantiveReviewPassedOn = on; break;
            case 4: a.InspectionPassedOn = on; break;
            case 5: a.CertificateIssuedOn = on; break;
            default: a.FiledOn = on; break;
        }
    }
}
