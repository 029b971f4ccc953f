using Hotline95.Core.Calendar;
using Hotline95.Core.Licensing;
using Hotline95.Core.Licensing.Applications;
using Hotline95.Core.Licensing.Maintenance;
using static Hotline95.Core.Tests.Licensing.LicensingFixtures;

namespace Hotline95.Core.Tests.Licensing;

public sealed class ApplicationTimelineTests
{
    private static readonly WorkdayCalendar Workdays = LicensingFixtures.Calendar;
    private static readonly ApplicationTimeline Timeline = new(LicensingFixtures.Calendar);
    private static readonly LicensingOptions Options = new();

    private static StepView Step(IReadOnlyList<StepView> steps, string key) => steps.Single(s => s.Key == key);

    [Fact]
    public void Steps_DeclaredBeforeNationalDay_FormalReviewDueFiveWorkingDaysLaterSkippingTheHoliday()
    {
        var application = new LicenceApplication { MaterialsReadyOn = new(2026, 9, 20), DeclaredOn = new(2026, 9, 25) };

        var steps = Timeline.Steps(application, [], Policy, Options, new DateOnly(2026, 9, 28));

        var formal = Step(steps, "formal-review");
        Assert.Equal(new DateOnly(2026, 10, 9), formal.DueOn);
        Assert.Equal(5, Workdays.WorkdaysBetween(new DateOnly(2026, 9, 25), formal.DueOn!.Value));
        Assert.Equal("authority", formal.Who);
        Assert.Equal("on-track", formal.Flag);
    }

    [Theory]
    [InlineData("2026-10-08", "at-risk")]
    [InlineData("2026-10-12", "late")]
    [InlineData("2026-09-28", "on-track")]
    public void Steps_FormalReviewNotDone_IsFlaggedByToday(string today, string flag)
    {
        var application = new LicenceApplication { MaterialsReadyOn = new(2026, 9, 20), DeclaredOn = new(2026, 9, 25) };

        var steps = Timeline.Steps(application, [], Policy, Options, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(flag, Step(steps, "formal-review").Flag);
    }

    [Fact]
    public void Steps_OpenCorrectionNotice_GivesTheApplicantTenDaysThenTheReviewRestarts()
    {
        var application = new LicenceApplication { MaterialsReadyOn = new(2026, 6, 1), DeclaredOn = new(2026, 6, 8) };
        var notice = new CorrectionNotice { ReceivedOn = new(2026, 6, 12), Codes = ["COND3_PHOTOS"], Text = "补充现场照片" };

        var open = Step(Timeline.Steps(application, [notice], Policy, Options, new DateOnly(2026, 6, 15)), "formal-review");
        notice.CorrectedOn = new DateOnly(2026, 6, 18);
        var restarted = Step(Timeline.Steps(application, [notice], Policy, Options, new DateOnly(2026, 6, 19)), "formal-review");

        Assert.Equal("applicant", open.Who);
        Assert.Equal(new DateOnly(2026, 6, 22), open.DueOn);
        Assert.Equal("authority", restarted.Who);
        Assert.Equal(new DateOnly(2026, 6, 18), restarted.StartedOn);
        Assert.Equal(5, Workdays.WorkdaysBetween(new DateOnly(2026, 6, 18), restarted.DueOn!.Value));
    }

    [Fact]
    public void Steps_Certificate_FilingDueWithinThirtyDays()
    {
        var application = new LicenceApplication
        {
            MaterialsReadyOn = new(2026, 3, 1), DeclaredOn = new(2026, 3, 2), FormalReviewPassedOn = new(2026, 3, 6),
            SubstantiveReviewPassedOn = new(2026, 4, 3), InspectionPassedOn = new(2026, 4, 24), CertificateIssuedOn = new(2026, 5, 8),
        };

        var filing = Step(Timeline.Steps(application, [], Policy, Options, new DateOnly(2026, 5, 10)), "certificate-and-filing");

        // 2026-05-08 + 30 days is Sunday 06-07: the period ends on the next working day (民法典 art. 203).
        Assert.Equal(new DateOnly(2026, 6, 8), filing.DueOn);
        Assert.Equal(new DateOnly(2026, 6, 7), filing.DueRule!.RestDay!.Date);
        Assert.Equal("applicant", filing.Who);
        Assert.Equal("in-progress", filing.Status);
    }

    [Fact]
    public void Plan_FromGoLive_LeavesThePolicysWorkingDaysBetweenMilestones()
    {
        // Mid-December: the last days of December stay estimated until the next year's notice is out.
        var goLive = new DateOnly(2026, 12, 15);

        var plan = Timeline.Plan(goLive, Policy, Options, new DateOnly(2026, 5, 1));

        DateOnly At(string key) => plan.Milestones.Single(m => m.Key == key).LatestOn;
        Assert.Equal(Options.FilingWorkingDays, Workdays.WorkdaysBetween(At("certificate"), goLive));
        Assert.Equal(Policy.ReviewWorkingDays.OnSite, Workdays.WorkdaysBetween(At("on-site-inspection"), At("certificate")));
        Assert.Equal(Policy.ReviewWorkingDays.Substantive, Workdays.WorkdaysBetween(At("substantive-review"), At("on-site-inspection")));
        Assert.True(At("declaration") < At("substantive-review").AddDays(-Policy.CorrectionDays));
        Assert.Equal(At("declaration").AddDays(-Options.MaterialsPreparationDays), At("materials"));
        Assert.Equal(new DateOnly(2026, 6, 15), plan.AdvisedStart);
        Assert.True(plan.Feasible);
        Assert.Empty(plan.Warnings);
    }

    /// <summary>
    /// The plan's claim, run forward with the calendar's own counting and nothing of the planner: declared on the plan's
    /// latest day, the formal review takes all its working days and ends in a correction notice, the applicant takes the
    /// whole correction period (as the law counts it), the formal review starts again in full, then the substantive
    /// review, the inspection and the filing each take their whole limit. It must reach the go-live date.
    /// </summary>
    [Fact]
    public void Plan_EveryGoLiveFrom2026To2027_RunForwardInTheWorstCaseArrivesInTime()
    {
        var review = Policy.ReviewWorkingDays;
        var misses = new List<string>();
        var estimatedSeen = false;
        for (var goLive = new DateOnly(2026, 1, 5); goLive <= new DateOnly(2027, 6, 30); goLive = goLive.AddDays(1))
        {
            var plan = Timeline.Plan(goLive, Policy, Options, new DateOnly(2025, 1, 1));
            var declared = plan.Milestones.Single(m => m.Key == "declaration").LatestOn;
            var notice = Workdays.AddWorkdays(declared, review.Formal).Date;
            var corrected = Workdays.DaysAfter(notice, Policy.CorrectionDays).Due;
            var formalPassed = Workdays.AddWorkdays(corrected, review.Formal).Date;
            var substantivePassed = Workdays.AddWorkdays(formalPassed, review.Substantive).Date;
            var certificate = Workdays.AddWorkdays(substantivePassed, review.OnSite).Date;
            var live = Workdays.AddWorkdays(certificate, Options.FilingWorkingDays).Date;
            if (live > goLive)
            {
                misses.Add($"{goLive:yyyy-MM-dd}: declared {declared:yyyy-MM-dd} arrives {live:yyyy-MM-dd}");
            }

            estimatedSeen |= plan.Milestones.Any(m => m.Estimated);
        }

        Assert.Empty(misses);
        Assert.True(estimatedSeen, "go-live dates in 2027 depend on the estimated 2027 calendar and must say so");
    }

    [Fact]
    public void Plan_DeclarationOneDayLater_WouldMissSomeGoLiveDates()
    {
        // The plan is the latest that works: run forward from the day after its declaration date, some dates are missed.
        var review = Policy.ReviewWorkingDays;
        var late = 0;
        for (var goLive = new DateOnly(2026, 1, 5); goLive <= new DateOnly(2026, 12, 31); goLive = goLive.AddDays(1))
        {
            var declared = Timeline.Plan(goLive, Policy, Options, new DateOnly(2025, 1, 1)).Milestones.Single(m => m.Key == "declaration").LatestOn.AddDays(1);
            var corrected = Workdays.DaysAfter(Workdays.AddWorkdays(declared, review.Formal).Date, Policy.CorrectionDays).Due;
            var live = Workdays.AddWorkdays(Workdays.AddWorkdays(Workdays.AddWorkdays(Workdays.AddWorkdays(corrected, review.Formal).Date, review.Substantive).Date, review.OnSite).Date, Options.FilingWorkingDays).Date;
            late += live > goLive ? 1 : 0;
        }

        Assert.True(late > 100, $"only {late} go-live dates would be missed by declaring a day later");
    }

    [Fact]
    public void Plan_StartedTooLate_IsFlaggedInfeasible()
    {
        var plan = Timeline.Plan(new DateOnly(2026, 12, 31), Policy, Options, new DateOnly(2026, 11, 28));

        Assert.False(plan.Feasible);
        Assert.Contains(plan.Warnings, w => w.Key == "licence.plan.late");
    }

    [Fact]
    public void Plan_IntoAYearWithoutANotice_IsMarkedEstimated()
    {
        var plan = Timeline.Plan(new DateOnly(2027, 9, 30), Policy, Options, new DateOnly(2026, 11, 28));

        Assert.All(plan.Milestones, m => Assert.True(m.Estimated));
        Assert.Contains(plan.Warnings, w => w.Key == "licence.plan.estimated");
    }

    [Fact]
    public void Ics_LongCjkLines_AreFoldedAt75OctetsWithoutSplittingACharacter()
    {
        var summary = string.Concat(Enumerable.Repeat("年度使用情况报告", 10));

        var ics = LicenceCalendarFeed.Ics([("t1", new DateOnly(2027, 5, 8), summary, "a,b;c")], [30, 7, 1], DateTimeOffset.UnixEpoch);

        var lines = ics.Split("\r\n");
        Assert.All(lines, l => Assert.True(System.Text.Encoding.UTF8.GetByteCount(l) <= 75, l));
        Assert.Contains("DTSTART;VALUE=DATE:20270508", lines);
        Assert.Contains("TRIGGER:-P30D", lines);
        Assert.Contains("DESCRIPTION:a\\,b\\;c", lines);
        var unfolded = ics.Replace("\r\n ", "", StringComparison.Ordinal);
        Assert.Contains($"SUMMARY:{summary}", unfolded);
        Assert.Equal("BEGIN:VCALENDAR", lines[0]);
    }

    [Fact]
    public void ExpectedInspection_Declared_IsTheWorkingDayAfterFivePlusTwentyWorkingDaysAcrossNationalDay()
    {
        var application = new LicenceApplication { MaterialsReadyOn = new(2026, 9, 20), DeclaredOn = new(2026, 9, 25) };

        var inspection = Timeline.ExpectedInspection(application, [], Policy, new DateOnly(2026, 9, 28))!;

        Assert.Equal(26, Workdays.WorkdaysBetween(new DateOnly(2026, 9, 25), inspection.On));
        Assert.True(Workdays.IsWorkday(inspection.On));
        Assert.True(inspection.On > new DateOnly(2026, 9, 25).AddDays(35), "the National Day holiday is not counted");
        Assert.Contains("申报日 2026-09-25", inspection.BasisZh);
    }

    [Fact]
    public void ExpectedInspection_AsTheApplicationAdvances_FollowsItsRecordedSteps()
    {
        var application = new LicenceApplication { MaterialsReadyOn = new(2026, 6, 1), DeclaredOn = new(2026, 6, 8) };
        var notice = new CorrectionNotice { ReceivedOn = new(2026, 6, 12), Codes = ["COND3_PHOTOS"], Text = "补充现场照片" };
        var today = new DateOnly(2026, 6, 15);

        var undeclared = Timeline.ExpectedInspection(new LicenceApplication { MaterialsReadyOn = new(2026, 6, 1) }, [], Policy, today);
        var declared = Timeline.ExpectedInspection(application, [], Policy, today)!;
        var correctionDue = Timeline.ExpectedInspection(application, [notice], Policy, today)!;
        notice.CorrectedOn = new DateOnly(2026, 6, 18);
        var corrected = Timeline.ExpectedInspection(application, [notice], Policy, new DateOnly(2026, 6, 19))!;
        application.FormalReviewPassedOn = new DateOnly(2026, 6, 25);
        var formalPassed = Timeline.ExpectedInspection(application, [notice], Policy, new DateOnly(2026, 6, 26))!;
        application.SubstantiveReviewPassedOn = new DateOnly(2026, 7, 20);
        var substantivePassed = Timeline.ExpectedInspection(application, [notice], Policy, new DateOnly(2026, 7, 21))!;

        Assert.Null(undeclared);
        Assert.Equal(26, Workdays.WorkdaysBetween(new DateOnly(2026, 6, 8), declared.On));
        Assert.Equal(26, Workdays.WorkdaysBetween(today, correctionDue.On));
        Assert.Equal(26, Workdays.WorkdaysBetween(new DateOnly(2026, 6, 18), corrected.On));
        Assert.Equal(21, Workdays.WorkdaysBetween(new DateOnly(2026, 6, 25), formalPassed.On));
        Assert.Equal(new DateOnly(2026, 7, 20), substantivePassed.On);
        Assert.True(declared.On < correctionDue.On && correctionDue.On < corrected.On);
    }

    /// <summary>
    /// The substantive review ends on its 20th working day and the inspection comes the working day after, over the
    /// holidays of the State Council's notice: across 国庆, onto the make-up working Saturday 2026-02-14, and after 春节
    /// when the review ends on that Saturday.
    /// </summary>
    [Theory]
    [InlineData("2026-08-26", "2026-09-30", "2026-10-08")]
    [InlineData("2026-01-09", "2026-02-13", "2026-02-14")]
    [InlineData("2026-01-12", "2026-02-14", "2026-02-24")]
    public void InspectionDate_FromCheckDate_IsTheWorkingDayAfterTheSubstantiveReviewsLastDay(string on, string reviewEnds, string expected)
    {
        var day = DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture);
        var last = DateOnly.Parse(reviewEnds, System.Globalization.CultureInfo.InvariantCulture);

        var inspection = Core.Licensing.Eligibility.InspectionDate.FromCheckDate(Workdays, Policy, day);

        Assert.Equal(last, Workdays.AddWorkdays(day, Policy.WorkingDaysToInspection).Date);
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), inspection.On);
        Assert.Equal(1, Workdays.WorkdaysBetween(last, inspection.On));
        Assert.True(Workdays.IsWorkday(inspection.On));
        Assert.False(inspection.Estimated);
        Assert.Contains("下一个工作日", inspection.BasisZh, StringComparison.Ordinal);
    }
}
