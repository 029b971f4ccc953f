using System.CommandLine;
using System.Globalization;
using Hotline95.Core.Calendar;

namespace Hotline95.Commands;

/// <summary>China's working-day calendar for scripts. Needs no database.</summary>
internal static class CalendarCommands
{
    public static Command Build(CliIo io)
    {
        var calendar = new Command("calendar", "China's working-day calendar (statutory holidays and 调休 make-up days). / 中国工作日日历。");

        var date = new Argument<string>("DATE") { Description = "A date, yyyy-MM-dd" };
        var isWorkday = new Command("is-workday", "Print 'workday' or 'off-day', then the reason. / 是否工作日。") { date };
        isWorkday.SetAction((parse, ct) => Run(parse, io, ct, cal =>
        {
            var day = ParseDate(parse.GetValue(date)!, "DATE");
            var info = cal.GetDay(day);
            io.Out.WriteLine($"{(info.IsWorkday ? "workday" : "off-day")} {info.ReasonZh} ({info.ReasonEn}){(info.FromFallback ? " [weekday fallback: no notice for this year]" : "")}");
        }));

        var from = new Argument<string>("DATE") { Description = "Start date, yyyy-MM-dd" };
        var count = new Argument<string>("N") { Description = "Working days to add (negative counts back)" };
        var addWorkdays = new Command("add-workdays", "Print the N-th working day after DATE. / 计算第N个工作日。") { from, count };
        addWorkdays.SetAction((parse, ct) => Run(parse, io, ct, cal =>
        {
            var start = ParseDate(parse.GetValue(from)!, "DATE");
            var text = parse.GetValue(count)!;
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) || Math.Abs(n) > 3660)
            {
                throw new CalendarUsageException($"N: '{text}' is not a whole number of working days (at most 3660).");
            }

            io.Out.WriteLine(cal.AddWorkdays(start, n).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }));

        var first = new Argument<string>("FROM") { Description = "yyyy-MM-dd (not counted)" };
        var second = new Argument<string>("TO") { Description = "yyyy-MM-dd (counted)" };
        var between = new Command("between", "Print the working days after FROM up to and including TO. / 两日期间的工作日数。") { first, second };
        between.SetAction((parse, ct) => Run(parse, io, ct, cal =>
        {
            var a = ParseDate(parse.GetValue(first)!, "FROM");
            var b = ParseDate(parse.GetValue(second)!, "TO");
            io.Out.WriteLine(cal.WorkdaysBetween(a, b).ToString(CultureInfo.InvariantCulture));
        }));

        var years = new Command("years", "List the years with a loaded holiday notice. / 已加载的年份。");
        years.SetAction((parse, ct) => Run(parse, io, ct, cal => io.Out.WriteLine(string.Join(' ', cal.Years))));

        calendar.Subcommands.Add(isWorkday);
        calendar.Subcommands.Add(addWorkdays);
        calendar.Subcommands.Add(between);
        calendar.Subcommands.Add(years);
        return calendar;
    }

    private static Task<int> Run(ParseResult parse, CliIo io, CancellationToken ct, Action<WorkdayCalendar> body) =>
        CliServices.RunAsync(parse, io, ct, scope =>
        {
            try
            {
                body(scope.Get<WorkdayCalendar>());
                return Task.FromResult(ExitCodes.Ok);
            }
            catch (Exception ex) when (ex is CalendarYearMissingException or CalendarUsageException or InvalidDataException)
            {
                io.Error.WriteLine($"hotline95: {ex.Message}");
                return Task.FromResult(ExitCodes.Usage);
            }
        }, database: false);

    private static DateOnly ParseDate(string text, string argument) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CalendarUsageException($"{argument}: '{text}' is not a date; write it as yyyy-MM-dd, e.g. 2026-02-14.");

    private sealed class CalendarUsageException(string message) : Exception(message);
}
