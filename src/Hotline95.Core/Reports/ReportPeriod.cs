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
                return Error.Validation(request.From is null ? "from" : "to", "PERIOD_INCOMPLETE");
            }

            (from, to) = (request.From.Value, request.To.Value);
            if ((DateRange.Check("from", from) ?? DateRange.Check("to", to)) is { } bad)
            {
                return bad;
            }

            if (to < from || to > from.AddYears(1).AddDays(-1))
            {
                return Error.Validation("to", "PERIOD_INVALID", ("rule", Phrase.Of("period.within", ("span", Phrase.Of("span.months", ("n", 12))))));
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
                return Error.Validation("year", "YEAR_INVALID", ("year", y));
            }

            (from, to, year) = (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31), y);
        }

        var yesterday = today.AddDays(-1);
        if (from > yesterday)
        {
            return Error.Validation("from", "PERIOD_NOT_STARTED", ("from", from), ("today", today));
        }

        if (to <= yesterday)
        {
            return (from, to, year, false);
        }

        if (!request.Partial)
        {
            return Error.Validation("to", "PERIOD_NOT_ENDED", ("to", to), ("today", today), ("yesterday", yesterday));
        }

        return (from, yesterday, year, true);
    }
}
