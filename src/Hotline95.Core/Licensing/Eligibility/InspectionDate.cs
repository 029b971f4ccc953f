using Hotline95.Core.Calendar;

namespace Hotline95.Core.Licensing.Eligibility;

/// <summary>
/// The day the authority is expected to inspect the premises on site, and how it was reckoned (said in each language):
/// from the application's timeline when one is declared, else from the check date as if declared that day.
/// </summary>
public sealed record InspectionDate(DateOnly On, bool Estimated, string BasisZh, string BasisEn)
{
    /// <summary>
    /// Each review taking its whole limit from <paramref name="from"/>, the formal review (unless already passed) and the
    /// substantive review, and the inspection on the next working day: the substantive review's last day is still its own.
    /// </summary>
    /// <exception cref="CalendarYearOutOfRangeException">The count runs into a year the calendar does not answer.</exception>
    public static InspectionDate Counted(WorkdayCalendar calendar, EligibilityPolicy policy, DateOnly from, bool formalPassed, string fromZh, string fromEn)
    {
        var review = policy.ReviewWorkingDays;
        var workdays = formalPassed ? review.Substantive : policy.WorkingDaysToInspection;
        var (date, estimated) = calendar.AddWorkdays(from, workdays + 1);
        var spanZh = formalPassed ? $"{review.Substantive} 个工作日实质审查" : $"{review.Formal} 个工作日形式审查 + {review.Substantive} 个工作日实质审查";
        var spanEn = formalPassed ? $"{review.Substantive} working days of substantive review" : $"{review.Formal} working days of formal and {review.Substantive} of substantive review";
        return new InspectionDate(date, estimated,
            $"{fromZh} {from:yyyy-MM-dd} 起 {spanZh}后的下一个工作日{(estimated ? "，含尚无节假日安排年份的估算" : "")}",
            $"the working day after {fromEn} {from:yyyy-MM-dd} plus {spanEn}{(estimated ? ", estimated for a year without a holiday notice" : "")}");
    }

    /// <summary>Without an application: declared on the check date.</summary>
    public static InspectionDate FromCheckDate(WorkdayCalendar calendar, EligibilityPolicy policy, DateOnly on) =>
        Counted(calendar, policy, on, false, "检查日", "the check date");
}
