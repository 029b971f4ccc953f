using Hotline95.Core.Calendar;
using Hotline95.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline95.Web.Endpoints;

public static class CalendarEndpoints
{
    public sealed record DayResponse(DateOnly Date, bool IsWorkday, string Kind, string? Holiday, string ReasonZh, string ReasonEn);

    public sealed record DateResponse(DateOnly Date);

    public sealed record CountResponse(int Workdays);

    public static IEndpointRouteBuilder MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calendar").WithTags("Calendar");
        group.MapGet("/days/{date}", GetDay);
        group.MapGet("/add-workdays", AddWorkdays);
        group.MapGet("/between", Between);
        return app;
    }

    public static Results<Ok<DayResponse>, ProblemHttpResult> GetDay(DateOnly date, WorkdayCalendar calendar) =>
        Guard(() =>
        {
            var day = calendar.GetDay(date);
            return new DayResponse(day.Date, day.IsWorkday, day.Kind.ToString(), day.HolidayName, day.ReasonZh, day.ReasonEn);
        });

    public static Results<Ok<DateResponse>, ProblemHttpResult> AddWorkdays(DateOnly from, int days, WorkdayCalendar calendar) =>
        Math.Abs(days) > 3660
            ? Error.Validation("days", "DAYS_OUT_OF_RANGE", "days must be between -3660 and 3660.").ToProblem()
            : Guard(() => new DateResponse(calendar.AddWorkdays(from, days)));

    public static Results<Ok<CountResponse>, ProblemHttpResult> Between(DateOnly from, DateOnly to, WorkdayCalendar calendar) =>
        Guard(() => new CountResponse(calendar.WorkdaysBetween(from, to)));

    private static Results<Ok<T>, ProblemHttpResult> Guard<T>(Func<T> compute)
    {
        try
        {
            return TypedResults.Ok(compute());
        }
        catch (CalendarYearMissingException ex)
        {
            return new Error("CALENDAR_YEAR_MISSING", ex.Message, ErrorKind.Validation, "date").ToProblem();
        }
    }
}
