using Hotline95.Core.Calendar;

namespace Hotline95.Core.Licensing.Eligibility.Rules;

/// <summary>Condition 3: the office and call centre (场地).</summary>
internal static class PremisesRules
{
    public static void Seats(CheckContext c)
    {
        var p = c.Policy;
        var source = c.FactsFrom;
        if ((c.Platform?.Seats ?? c.Dossier.Premises?.Seats) is not { } count)
        {
            c.Add("COND3_SEATS", 3, "$.premises.seats", "未填写坐席数。", "The number of seats is missing.",
                $"填写呼叫中心坐席数（不少于 {p.MinSeats} 个）。", $"Give the call centre's seats (at least {p.MinSeats}).", missing: true);
        }
        else if (count < p.MinSeats)
        {
            c.Add("COND3_SEATS", 3, "$.premises.seats", $"坐席 {count} 个，少于 {p.MinSeats} 个{source.Zh}。", $"{count} seats, fewer than {p.MinSeats}{source.En}.",
                $"增设坐席至 {p.MinSeats} 个以上，每席配话机与电脑。", $"Set up at least {p.MinSeats} seats, each with a phone and a computer.");
        }
        else
        {
            c.Note(3, $"坐席 {count} 个{source.Zh}", $"{count} seats{source.En}");
        }
    }

    /// <summary>Own property, or a lease long enough, in force on the expected inspection date and outlasting the review.</summary>
    public static void Lease(CheckContext c)
    {
        var pr = c.Dossier.Premises;
        var p = c.Policy;
        if (pr?.OwnProperty == true)
        {
            c.Note(3, "自有房产（房产证）", "own property (property certificate)");
            return;
        }

        if (pr?.LeaseStart is not { } start || pr.LeaseEnd is not { } end)
        {
            c.Add("COND3_LEASE", 3, pr?.LeaseStart is null ? "$.premises.leaseStart" : "$.premises.leaseEnd", "未填写租赁起止日期（或自有房产）。",
                "The lease dates (or own property) are missing.", $"填写租赁合同起止日期（不少于 {p.MinLeaseMonths} 个月），或注明自有房产。",
                $"Give the lease's start and end (at least {p.MinLeaseMonths} months), or state own property.", missing: true);
            return;
        }

        if (end < start.AddMonths(p.MinLeaseMonths).AddDays(-1))
        {
            c.Add("COND3_LEASE", 3, "$.premises.leaseEnd", $"租期 {start:yyyy-MM-dd} 至 {end:yyyy-MM-dd}，不足 {p.MinLeaseMonths} 个月。",
                $"The lease from {start:yyyy-MM-dd} to {end:yyyy-MM-dd} is shorter than {p.MinLeaseMonths} months.",
                $"续签租赁合同至不少于 {p.MinLeaseMonths} 个月。", $"Extend the lease to at least {p.MinLeaseMonths} months.");
            return;
        }

        if (InForceAtInspection(c, start, end) && OutlastsTheReview(c, end))
        {
            c.Note(3, $"租期 {start:yyyy-MM-dd} 至 {end:yyyy-MM-dd}", $"lease {start:yyyy-MM-dd} to {end:yyyy-MM-dd}");
        }
    }

    /// <summary>The authority inspects the premises after the formal and substantive reviews: the lease must be in force that day.</summary>
    private static bool InForceAtInspection(CheckContext c, DateOnly start, DateOnly end)
    {
        InspectionDate inspected;
        try
        {
            inspected = c.Inspection ?? InspectionDate.FromCheckDate(c.Calendar, c.Policy, c.On);
        }
        catch (CalendarYearOutOfRangeException e)
        {
            CannotReckon(c, e);
            return false;
        }

        if (start <= inspected.On && end >= inspected.On)
        {
            return true;
        }

        var after = start > inspected.On;
        c.Add("COND3_LEASE", 3, after ? "$.premises.leaseStart" : "$.premises.leaseEnd",
            after
                ? $"租约自 {start:yyyy-MM-dd} 起租，晚于预计现场核查日 {inspected.On:yyyy-MM-dd}（{inspected.BasisZh}）：核查时场地须在租期内。"
                : $"租约于 {end:yyyy-MM-dd} 到期，早于预计现场核查日 {inspected.On:yyyy-MM-dd}（{inspected.BasisZh}）：核查时场地须在租期内。",
            after
                ? $"The lease starts on {start:yyyy-MM-dd}, after the expected on-site inspection on {inspected.On:yyyy-MM-dd} ({inspected.BasisEn}): the premises must be leased when inspected."
                : $"The lease ends on {end:yyyy-MM-dd}, before the expected on-site inspection on {inspected.On:yyyy-MM-dd} ({inspected.BasisEn}): the premises must be leased when inspected.",
            after ? "提前租约起租日，或待租约生效后再申报。" : RenewZh,
            after ? "Bring the lease's start forward, or declare once the lease is in force." : RenewEn);
        return false;
    }

    /// <summary>The review may run to its end, and a correction round: the lease should outlast it too.</summary>
    private static bool OutlastsTheReview(CheckContext c, DateOnly end)
    {
        var p = c.Policy;
        CalendarDate reviewedBy;
        PeriodDue correction;
        try
        {
            reviewedBy = c.Calendar.AddWorkdays(c.On, p.ReviewWorkingDaysTotal);
            correction = c.Calendar.DaysAfter(reviewedBy.Date, p.CorrectionDays);
        }
        catch (CalendarYearOutOfRangeException e)
        {
            CannotReckon(c, e);
            return false;
        }

        var reviewEnds = correction.Due;
        var estimated = reviewedBy.Estimated || correction.Estimated;
        if (end >= reviewEnds)
        {
            return true;
        }

        c.Add("COND3_LEASE", 3, "$.premises.leaseEnd",
            $"租约于 {end:yyyy-MM-dd} 到期，早于审查可能结束的 {reviewEnds:yyyy-MM-dd}（{p.ReviewWorkingDaysTotal} 个工作日审查 + {p.CorrectionDays} 天补正{(estimated ? "，含尚无节假日安排年份的估算" : "")}）。",
            $"The lease ends {end:yyyy-MM-dd}, before the review could finish on {reviewEnds:yyyy-MM-dd} ({p.ReviewWorkingDaysTotal} working days of review + {p.CorrectionDays} days of correction{(estimated ? ", estimated for a year without a holiday notice" : "")}).",
            RenewZh, RenewEn);
        return false;
    }

    /// <summary>The review would run into a year the working-day calendar does not answer: there is no date to hold the lease against.</summary>
    private static void CannotReckon(CheckContext c, CalendarYearOutOfRangeException e) =>
        c.Add("COND3_LEASE", 3, "$.premises.leaseEnd",
            $"无法推算预计现场核查日与审查结束日：审查将延续至 {e.Year} 年，超出工作日日历范围（{e.FirstYear}–{e.LastYear} 年），无法核对租约是否覆盖。",
            $"The expected inspection and the end of the review cannot be reckoned: the review would run into {e.Year}, outside the working-day calendar ({e.FirstYear}–{e.LastYear}), so the lease cannot be held against them.",
            $"以更近的检查日期重新检查，或导入 {e.Year} 年节假日安排后再检查。",
            $"Check again with a nearer check date, or once the {e.Year} holiday arrangement is loaded.",
            missing: true);

    private const string RenewZh = "申报前续签租约，使其覆盖审查期及之后至少一年。";

    private const string RenewEn = "Renew the lease before declaring so that it covers the review and at least a year after.";

    public static void Photos(CheckContext c)
    {
        var pr = c.Dossier.Premises;
        if (pr?.Photos is not { Count: > 0 } photos)
        {
            c.Add("COND3_PHOTOS", 3, "$.premises.photos", "缺少呼叫中心照片。", "No call-centre photos.",
                "补充清晰展示坐席、话机与公司标识的现场照片。", "Add photos that clearly show the seats, phones and the company logo.", missing: pr?.Photos is null);
        }
        else
        {
            c.Note(3, $"现场照片 {photos.Count} 张", $"{photos.Count} photos");
        }
    }
}
