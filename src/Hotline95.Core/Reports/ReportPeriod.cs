using Hotline95.Core.Common;

namespace Hotline95.Core.Reports;

/// <summary>
/// Which days a report covers. Only ended periods are filed: a period that has not ended is refused unless
/// <c>partial</c>, which cuts it at yesterday (the last whole day) and marks it; a period that has not begun is refused.
/// Without a year or dates, the last ended calendar year (the one whose report is due next).
/// </summary>
public static class ReportPeriod
{
    public static Result<(DateOnly From, DateOnly To, int? Year, bool Partial)> Of(AnnualReportRequest request, DateOnly today)
    {
        DateOnly from, to;
        int? year = null;
        if (request.From is not null || request.To is not null)
        {
            if (request.From is null || request.To is null)
            {
                return Error.Validation(request.From is null ? "from" : "to", "PERIOD_INCOMPLETE", "give both --from and --to (or --year). / 请同时给出起止日期。");
            }

            (from, to) = (request.From.Value, request.To.Value);
            if ((DateRange.Check("from", from) ?? DateRange.Check("to", to)) is { } bad)
            {
                return bad;
            }

            if (to < from || to > from.AddYears(1).AddDays(-1))
            {
                return Error.Validation("to", "PERIOD_INVALID", $"the period {from:yyyy-MM-dd}–{to:yyyy-MM-dd} must run forwards and span at most 12 months. / 报告期须不超过12个月。");
            }

            if (from.Month == 1 && from.Day == 1 && to == new DateOnly(from.Year, 12, 31))
            {
                year = from.Year;
            }
        }
        else
        {
            var y = request.Year ?? (request.Partial ? today.Year : today.Year - 1);
            if (y is < 2000 or > 2100)
            {
                return Error.Validation("year", "YEAR_INVALID", $"year {y} is out of range. / 年份无效。");
            }

            (from, to, year) = (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31), y);
        }

        var yesterday = today.AddDays(-1);
        if (from > yesterday)
        {
            return Error.Validation("from", "PERIOD_NOT_STARTED", $"the period starts {from:yyyy-MM-dd}: there is no whole day of it before today ({today:yyyy-MM-dd}). / 报告期尚未开始。");
        }

        if (to <= yesterday)
        {
            return (from, to, year, false);
        }

        if (!request.Partial)
        {
            return Error.Validation("to", "PERIOD_NOT_ENDED",
                $"the period ends {to:yyyy-MM-dd} and has not ended (today is {today:yyyy-MM-dd}): only ended periods are filed; use --partial for a report up to {yesterday:yyyy-MM-dd}. / 报告期尚未结束，仅可报送已结束的期间；如需截至昨日的报告请加 --partial。");
        }

        return (from, yesterday, year, true);
    }
}
