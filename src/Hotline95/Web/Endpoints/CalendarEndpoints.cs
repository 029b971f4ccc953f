using Hotline95.Core.Calendar;
using Hotline95.Core.Common;
using Hotline95.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline95.Web.Endpoints;

/// <summary>
/// The working-day calendar over HTTP. Every answer carries <c>estimated</c>: true when it depended on a day of a year
/// without a State Council notice. Loading a notice is installation-wide and done on the server (<c>calendar load</c>).
/// </summary>
public static class CalendarEndpoints
{
    public sealed record DayResponse(DateOnly Date, bool IsWorkday, string Kind, string? Holiday, string ReasonZh, string ReasonEn, bool Estimated, string? Note);

    public sealed record DateResponse(DateOnly Date, bool Estimated, string? Note);

    public sealed record CountResponse(int Workdays, bool Estimated);

    public sealed record PeriodResponse(DateOnly Due, bool Estimated, string Rule, DateOnly From, int Days, DateOnly Nominal, string? RestDay, string Text);

    public sealed record YearResponse(int Year, string Source, IReadOnlyList<string> Papers);

    public static IEndpointRouteBuilder MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calendar").WithTags("Calendar");
        group.MapGet("/days/{date}", GetDay)
            .Documented("One day of the working-day calendar", "Whether a date (yyyy-MM-dd) is a working day in China and why (a weekend, a statutory holiday, or a weekend day worked in exchange for a holiday), from the State Council notice of its year or estimated when none is loaded.");
        group.MapGet("/add-workdays", AddWorkdays)
            .Documented("Add working days to a date", "The date that many working days after (or before, when negative) a date, skipping weekends and holidays and counting the weekend days worked in exchange for holidays; at most 3,660 days either way.");
        group.MapGet("/between", Between)
            .Documented("Count working days between two dates", "The number of working days from one date to another, and whether a year involved is estimated (no State Council notice loaded).");
        group.MapGet("/period", Period)
            .Documented("The end of a period of days", "The last day of a period of days counted from the day after an event, as Civil Code arts. 201–203 count it (a last day that is a rest day moves to the next working day), with the rule in the reader's language.");
        group.MapGet("/years", Years)
            .Documented("Years the calendar answers", "Each year the calendar answers and its source: a State Council notice shipped with the product, one loaded into the installation, or estimated from the law.");
        return app;
    }

    public static Results<Ok<DayResponse>, ProblemHttpResult> GetDay(DateOnly date, WorkdayCalendar calendar, HttpContext http) =>
        Guard(calendar, () =>
        {
            var day = calendar.GetDay(date);
            return new DayResponse(day.Date, day.IsWorkday, day.Kind.ToString(), day.HolidayName, day.ReasonZh, day.ReasonEn, day.Estimated,
                day.Estimated ? CalendarText.EstimateNote(calendar.NoticeYearOf(date), http.PrefersEnglish()) : null);
        });

    public static Results<Ok<DateResponse>, ProblemHttpResult> AddWorkdays(DateOnly from, int days, WorkdayCalendar calendar, HttpContext http) =>
        Math.Abs((long)days) > 3660
            ? Error.Validation("days", "DAYS_OUT_OF_RANGE", ("min", -3660), ("max", 3660)).ToProblem()
            : Guard(calendar, () =>
            {
                var result = calendar.AddWorkdays(from, days);
                return new DateResponse(result.Date, result.Estimated,
                    result.Estimated ? CalendarText.EstimateNote(calendar.EstimatedYearOf(from, result.Date), http.PrefersEnglish()) : null);
            });

    public static Results<Ok<CountResponse>, ProblemHttpResult> Between(DateOnly from, DateOnly to, WorkdayCalendar calendar) =>
        Guard(calendar, () =>
        {
            return new CountResponse(calendar.WorkdaysBetween(from, to), calendar.MissingNoticeYear(from, to) is not null);
        });

    /// <summary>A period of days after an event, counted as 民法典 arts. 201–203 count it, with the rule that produced the date.</summary>
    public static Results<Ok<PeriodResponse>, ProblemHttpResult> Period(DateOnly from, int days, WorkdayCalendar calendar, HttpContext http) =>
        days is < 1 or > 3660
            ? Error.Validation("days", "DAYS_OUT_OF_RANGE", ("min", 1), ("max", 3660)).ToProblem()
            : Guard(calendar, () => ToResponse(calendar.DaysAfter(from, days), http.PrefersEnglish()));

    public static Ok<List<YearResponse>> Years(WorkdayCalendar calendar) =>
        TypedResults.Ok(calendar.Coverage().Select(y => new YearResponse(y.Year, y.Source.ToString().ToLowerInvariant(), y.Papers)).ToList());

    public static PeriodResponse ToResponse(PeriodDue due, bool english) =>
        new(due.Due, due.Estimated, due.Rule.ToString(), due.From, due.Count, due.Nominal, due.RestDay is { } r ? CalendarText.Reason(r, english) : null,
            CalendarText.Rule(due, english));

    private static Results<Ok<T>, ProblemHttpResult> Guard<T>(WorkdayCalendar calendar, Func<T> compute)
    {
        try
        {
            return TypedResults.Ok(compute());
        }
        catch (CalendarYearOutOfRangeException ex)
        {
            return ex.ToError("date").ToProblem();
        }
        catch (ArgumentOutOfRangeException)
        {
            return CalendarYearOutOfRangeException.OutOfCalendar("date", Phrase.Of("calendar.answer"), WorkdayCalendar.FirstYear, calendar.LastYear).ToProblem();
        }
    }
}
