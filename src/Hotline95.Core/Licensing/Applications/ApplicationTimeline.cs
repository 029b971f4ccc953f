using Hotline95.Core.Common;
using Hotline95.Core.Calendar;
using Hotline95.Core.Licensing.Eligibility;

namespace Hotline95.Core.Licensing.Applications;

public enum ApplicationStep
{
    Materials = 1,
    Declaration = 2,
    FormalReview = 3,
    SubstantiveReview = 4,
    OnSiteInspection = 5,
    CertificateAndFiling = 6,
}

/// <summary>One step as it stands; <paramref name="DueRule"/> is the period that produced <paramref name="DueOn"/> (null for a planned date).</summary>
public sealed record StepView(int Step, string Key, string TitleZh, string TitleEn, string Who, DateOnly? StartedOn, DateOnly? DueOn, bool DueEstimated,
    PeriodDue? DueRule, DateOnly? DoneOn, string Status, string Flag, Phrase? Note);

public sealed record Milestone(string Key, string TitleZh, string TitleEn, DateOnly LatestOn, bool Estimated);

/// <summary>Backward plan from a go-live date: the latest day each step may start or finish, and the advised start.</summary>
public sealed record ApplicationPlan(DateOnly TargetGoLive, DateOnly AdvisedStart, IReadOnlyList<Milestone> Milestones, bool Feasible, IReadOnlyList<Phrase> Warnings);

/// <summary>
/// Computes where an application stands: the authority's steps are due a policy number of working days after
/// they start, the applicant's are due a number of days after their trigger (correction notice, certificate).
/// </summary>
public sealed class ApplicationTimeline(WorkdayCalendar calendar)
{
    /// <summary>
    /// The latest dates that still reach <paramref name="goLive"/> in the worst case the plan absorbs: each review takes its
    /// whole limit, and one correction round takes its whole period (counted as the law counts it) before the formal
    /// review starts again. Built backwards step by step as the latest start whose forward count ends on or before the
    /// next milestone, so running the plan forward always arrives in time.
    /// </summary>
    public ApplicationPlan Plan(DateOnly goLive, EligibilityPolicy policy, LicensingOptions options, DateOnly today)
    {
        var estimated = false;
        // The latest start whose forward count ends on or before the target: from a start that surely fits (twice the
        // span and two weeks before the target), step forward while the next day still fits.
        DateOnly LatestStart(DateOnly target, int span, Func<DateOnly, CalendarDate> forward)
        {
            var start = target.AddDays(-1 - (2 * span) - 14);
            var fits = forward(start);
            if (fits.Date > target)
            {
                throw new InvalidOperationException($"plan: no start before {target:yyyy-MM-dd} fits {span} days");
            }

            for (var next = start.AddDays(1); next <= target; next = next.AddDays(1))
            {
                CalendarDate end;
                try
                {
                    end = forward(next);
                }
                catch (CalendarYearOutOfRangeException)
                {
                    break; // counting from here leaves the calendar: it cannot be shown to fit
                }

                if (end.Date > target)
                {
                    break;
                }

                (start, fits) = (next, end);
            }

            estimated |= fits.Estimated;
            return start;
        }

        CalendarDate Workdays(DateOnly from, int n) => calendar.AddWorkdays(from, n);
        var review = policy.ReviewWorkingDays;
        var certificate = LatestStart(goLive, options.FilingWorkingDays, d => Workdays(d, options.FilingWorkingDays));
        var onSiteStart = LatestStart(certificate, review.OnSite, d => Workdays(d, review.OnSite));
        var substantiveStart = LatestStart(onSiteStart, review.Substantive, d => Workdays(d, review.Substantive));
        // One correction round is planned for: it is the most common delay. The review restarts on the day it is handed in.
        var correctedBy = LatestStart(substantiveStart, review.Formal, d => Workdays(d, review.Formal));
        var noticeBy = LatestStart(correctedBy, policy.CorrectionDays, d =>
        {
            var due = calendar.DaysAfter(d, policy.CorrectionDays);
            return new CalendarDate(due.Due, due.Estimated);
        });
        var formalStart = LatestStart(noticeBy, review.Formal, d => Workdays(d, review.Formal));
        var materialsStart = formalStart.AddDays(-options.MaterialsPreparationDays);
        var advised = goLive.AddMonths(-policy.AdviseStartMonthsAhead);
        var milestones = new List<Milestone>
        {
            new("materials", "开始准备材料", "start preparing the materials", materialsStart, estimated),
            new("declaration", "线上申报", "declare online", formalStart, estimated),
            new("substantive-review", "实质审查开始（形式审查通过）", "substantive review starts (formal review passed)", substantiveStart, estimated),
            new("on-site-inspection", "现场核查开始", "on-site inspection starts", onSiteStart, estimated),
            new("certificate", "取得码号证书", "certificate issued", certificate, estimated),
            new("filing", "完成备案、号码启用", "filed and live", goLive, estimated),
        };
        var warnings = new List<Phrase>();
        var feasible = today <= materialsStart;
        if (!feasible)
        {
            warnings.Add(Phrase.Of("licence.plan.late", ("latest", materialsStart)));
        }
        else if (today > advised)
        {
            warnings.Add(Phrase.Of("licence.plan.soon", ("months", policy.AdviseStartMonthsAhead), ("advised", advised)));
        }

        if (estimated)
        {
            warnings.Add(Phrase.Of("licence.plan.estimated"));
        }

        return new ApplicationPlan(goLive, advised, milestones, feasible, warnings);
    }

    /// <summary>
    /// When the on-site inspection of a declared application is expected, each review taking its whole limit: the day the
    /// substantive review passed; else that review's limit after the formal review passed; else both limits after the
    /// formal review (re)started: the declaration, the last correction handed in, or, while a correction notice is open,
    /// <paramref name="today"/> (it cannot be handed in earlier). Null before the declaration.
    /// </summary>
    public InspectionDate? ExpectedInspection(LicenceApplication a, IReadOnlyList<CorrectionNotice> notices, EligibilityPolicy policy, DateOnly today)
    {
        if (a.SubstantiveReviewPassedOn is { } substantive)
        {
            return new InspectionDate(substantive, false, $"申请时间线：实质审查于 {substantive:yyyy-MM-dd} 通过，现场核查自此开始",
                $"application timeline: the substantive review passed on {substantive:yyyy-MM-dd}, the inspection follows");
        }

        if (a.FormalReviewPassedOn is { } formal)
        {
            return InspectionDate.Counted(calendar, policy, formal, true, "申请时间线：形式审查通过日", "application timeline: the formal review passed on");
        }

        if (a.DeclaredOn is not { } declared)
        {
            return null;
        }

        if (notices.Any(n => n.CorrectedOn is null))
        {
            var from = today > declared ? today : declared;
            return InspectionDate.Counted(calendar, policy, from, false, "申请时间线：补正尚未提交，自检查日", "application timeline: a correction is still due, from the check date");
        }

        return notices.Max(n => n.CorrectedOn) is { } corrected && corrected > declared
            ? InspectionDate.Counted(calendar, policy, corrected, false, "申请时间线：补正提交日", "application timeline: the correction handed in on")
            : InspectionDate.Counted(calendar, policy, declared, false, "申请时间线：申报日", "application timeline: declared on");
    }

    public IReadOnlyList<StepView> Steps(LicenceApplication a, IReadOnlyList<CorrectionNotice> notices, EligibilityPolicy policy, LicensingOptions options, DateOnly today)
    {
        var plan = a.TargetGoLive is { } goLive ? Plan(goLive, policy, options, today) : null;
        DateOnly? Planned(string key) => plan?.Milestones.Single(m => m.Key == key).LatestOn;
        var planEstimated = plan?.Milestones.Any(m => m.Estimated) ?? false;
        var review = policy.ReviewWorkingDays;
        var open = notices.Where(n => n.CorrectedOn is null).OrderBy(n => n.ReceivedOn).FirstOrDefault();
        var lastCorrected = notices.Where(n => n.CorrectedOn is not null).Max(n => n.CorrectedOn);

        var steps = new List<StepView>
        {
            Step(ApplicationStep.Materials, "materials", "材料准备", "Materials", "applicant", null, Planned("declaration"), planEstimated, null, a.MaterialsReadyOn, null),
            Step(ApplicationStep.Declaration, "declaration", "线上申报", "Online declaration", "applicant", a.MaterialsReadyOn, Planned("declaration"), planEstimated, null, a.DeclaredOn, null),
        };

        // The formal review restarts when a correction is handed in; while a notice is open, the applicant holds the clock.
        var formalStart = lastCorrected is { } c && c > a.DeclaredOn ? c : a.DeclaredOn;
        if (open is not null && a.FormalReviewPassedOn is null)
        {
            var correctBy = calendar.DaysAfter(open.ReceivedOn, policy.CorrectionDays);
            steps.Add(Step(ApplicationStep.FormalReview, "formal-review", "形式审查（待补正）", "Formal review (correction due)", "applicant", open.ReceivedOn,
                correctBy.Due, correctBy.Estimated, correctBy, null,
                Phrase.Of("licence.step.correctionDue", ("received", open.ReceivedOn), ("text", open.Text), ("codes", open.Codes))));
        }
        else
        {
            steps.Add(AuthorityStep(ApplicationStep.FormalReview, "formal-review", "形式审查", "Formal review", formalStart, review.Formal, a.FormalReviewPassedOn));
        }

        steps.Add(AuthorityStep(ApplicationStep.SubstantiveReview, "substantive-review", "实质审查", "Substantive review", a.FormalReviewPassedOn, review.Substantive, a.SubstantiveReviewPassedOn));
        steps.Add(AuthorityStep(ApplicationStep.OnSiteInspection, "on-site-inspection", "现场核查", "On-site inspection", a.SubstantiveReviewPassedOn, review.OnSite, a.InspectionPassedOn));
        var filingDue = a.CertificateIssuedOn is { } issued ? calendar.DaysAfter(issued, policy.FilingDays) : null;
        steps.Add(Step(ApplicationStep.CertificateAndFiling, "certificate-and-filing", "发证与备案", "Certificate and filing", "applicant", a.CertificateIssuedOn,
            filingDue?.Due ?? Planned("filing"), filingDue?.Estimated ?? planEstimated, filingDue, a.FiledOn,
            a.CertificateIssuedOn is null ? null : Phrase.Of("licence.step.fileWithin", ("issued", a.CertificateIssuedOn.Value), ("days", policy.FilingDays))));
        return steps;

        StepView AuthorityStep(ApplicationStep step, string key, string zh, string en, DateOnly? started, int workdays, DateOnly? done)
        {
            if (started is not { } start)
            {
                return Step(step, key, zh, en, "authority", null, null, false, null, done, null);
            }

            var due = calendar.WorkdaysAfter(start, workdays);
            return Step(step, key, zh, en, "authority", start, due.Due, due.Estimated, due, done, Phrase.Of("licence.step.workingDays", ("days", workdays)));
        }

        StepView Step(ApplicationStep step, string key, string zh, string en, string who, DateOnly? started, DateOnly? due, bool estimated, PeriodDue? rule, DateOnly? done, Phrase? note)
        {
            var status = done is not null ? "done" : started is not null || step == ApplicationStep.Materials ? "in-progress" : "pending";
            var flag = "none";
            if (done is null && due is { } d)
            {
                var (riskFrom, _) = calendar.AddWorkdays(today, options.AtRiskWorkingDays);
                flag = d < today ? "late" : d <= riskFrom ? "at-risk" : "on-track";
            }

            return new StepView((int)step, key, zh, en, who, started, due, estimated, rule, done, status, flag, note);
        }
    }
}
