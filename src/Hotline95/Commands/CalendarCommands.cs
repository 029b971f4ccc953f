using System.CommandLine;
using System.Globalization;
using Hotline95.Core.Calendar;
using Hotline95.Core.Data;
using Hotline95.Text;

namespace Hotline95.Commands;

/// <summary>
/// China's working-day calendar for scripts. The queries use the installation's database when it exists (so notices
/// loaded there count) and need none otherwise; <c>calendar load</c> stores a notice in the database.
/// </summary>
internal static class CalendarCommands
{
    public static Command Build(CliIo io)
    {
        var calendar = new Command("calendar", "China's working-day calendar (statutory holidays and 调休 make-up days). / 中国工作日日历。");

        var date = new Argument<string>("DATE") { Description = "A date, yyyy-MM-dd" };
        var isWorkday = new Command("is-workday", "Print 'workday' or 'off-day', then the reason; says when the year is estimated. / 是否工作日。") { date };
        isWorkday.SetAction((parse, ct) => Query(parse, io, ct, cal =>
        {
            var day = ParseDate(parse.GetValue(date)!, "DATE");
            var info = cal.GetDay(day);
            io.Out.WriteLine($"{(info.IsWorkday ? "workday" : "off-day")} {info.ReasonZh} ({info.ReasonEn})");
            if (info.Estimated)
            {
                io.Out.WriteLine(CalendarText.Both(en => CalendarText.EstimateNote(cal.NoticeYearOf(day), en)));
            }
        }));

        var from = new Argument<string>("DATE") { Description = "Start date, yyyy-MM-dd" };
        var count = new Argument<string>("N") { Description = "Working days to add (negative counts back)" };
        var addWorkdays = new Command("add-workdays", "Print the N-th working day after DATE (then a note if it is estimated). / 计算第N个工作日。") { from, count };
        addWorkdays.SetAction((parse, ct) => Query(parse, io, ct, cal =>
        {
            var start = ParseDate(parse.GetValue(from)!, "DATE");
            var n = ParseCount(parse.GetValue(count)!, "N");
            var result = cal.AddWorkdays(start, n);
            io.Out.WriteLine(result.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            WriteEstimate(io, cal, start, result.Date, result.Estimated);
        }));

        var eventDay = new Argument<string>("DATE") { Description = "The day of the event, yyyy-MM-dd (not counted)" };
        var days = new Argument<string>("DAYS") { Description = "Days in the period" };
        var period = new Command("period", "Print when a period of DAYS days after DATE ends, counted as 民法典 arts. 201–203 count it, and why. / 按民法典计算期间届满日。") { eventDay, days };
        period.SetAction((parse, ct) => Query(parse, io, ct, cal =>
        {
            var start = ParseDate(parse.GetValue(eventDay)!, "DATE");
            var n = ParseCount(parse.GetValue(days)!, "DAYS");
            if (n < 1)
            {
                throw new CalendarUsageException($"DAYS: {n} is not a period; give at least 1 day.");
            }

            var due = cal.DaysAfter(start, n);
            io.Out.WriteLine(due.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            io.Out.WriteLine(CalendarText.Both(en => CalendarText.Rule(due, en)));
            WriteEstimate(io, cal, start, due.Due, due.Estimated);
        }));

        var first = new Argument<string>("FROM") { Description = "yyyy-MM-dd (not counted)" };
        var second = new Argument<string>("TO") { Description = "yyyy-MM-dd (counted)" };
        var between = new Command("between", "Print the working days after FROM up to and including TO. / 两日期间的工作日数。") { first, second };
        between.SetAction((parse, ct) => Query(parse, io, ct, cal =>
        {
            var a = ParseDate(parse.GetValue(first)!, "FROM");
            var b = ParseDate(parse.GetValue(second)!, "TO");
            io.Out.WriteLine(cal.WorkdaysBetween(a, b).ToString(CultureInfo.InvariantCulture));
            WriteEstimate(io, cal, a, b, cal.MissingNoticeYear(a, b) is not null);
        }));

        var years = new Command("years", "List every year the calendar answers and where its days come from. / 各年份的数据来源。");
        years.SetAction((parse, ct) => Query(parse, io, ct, cal =>
        {
            foreach (var y in cal.Coverage())
            {
                io.Out.WriteLine(y.Source switch
                {
                    CalendarYearSource.Embedded => $"{y.Year}  notice (shipped with the product) / 国务院通知（内置）",
                    CalendarYearSource.Loaded => $"{y.Year}  notice (loaded) / 国务院通知（已加载）",
                    _ => $"{y.Year}  estimated: no notice loaded / 估算：尚无通知",
                });
            }
        }));

        var file = new Argument<string>("FILE") { Description = "A State Council notice in the holiday-cn JSON schema, e.g. 2027.json" };
        var load = new Command("load", "Load a State Council notice into the installation (validated, audited); open deadlines that were estimated are recomputed. / 加载节假日安排。") { file };
        load.SetAction((parse, ct) => CliServices.RunAsync(parse, io, ct, async scope =>
        {
            var path = parse.GetValue(file)!;
            byte[] bytes;
            try
            {
                bytes = await File.ReadAllBytesAsync(path, ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                io.Error.WriteLine($"hotline95: FILE: cannot read {path}: {ex.Message}");
                return ExitCodes.Usage;
            }

            var loaded = await scope.Get<CalendarNotices>().LoadAsync(bytes, Path.GetFullPath(path), scope.Actor, ct);
            if (!loaded.IsSuccess)
            {
                return CliServices.Fail(io, loaded.Error);
            }

            var v = loaded.Value;
            io.Out.WriteLine(v.Status switch
            {
                NoticeLoadStatus.Unchanged => $"{v.Year}: this notice was already loaded; nothing changed. / 该通知已加载，未作改动。",
                NoticeLoadStatus.Replaced => $"{v.Year}: notice replaced ({v.Days} days listed). / 已替换 {v.Year} 年通知。",
                _ => $"{v.Year}: notice loaded ({v.Days} days listed). / 已加载 {v.Year} 年通知。",
            });
            foreach (var m in v.Recomputed)
            {
                io.Out.WriteLine($"  {m.Item}: {m.Old.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm} -> {m.New.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}{(m.New < m.Old ? "  EARLIER (Supervisors notified) / 提前" : "")}{(m.StillEstimated ? "  still estimated" : "")}");
            }

            io.Out.WriteLine($"{v.Recomputed.Count} deadline(s) recomputed. / 已重算 {v.Recomputed.Count} 个期限。");
            return ExitCodes.Ok;
        }));

        calendar.Subcommands.Add(isWorkday);
        calendar.Subcommands.Add(addWorkdays);
        calendar.Subcommands.Add(period);
        calendar.Subcommands.Add(between);
        calendar.Subcommands.Add(years);
        calendar.Subcommands.Add(load);
        return calendar;
    }

    private static void WriteEstimate(CliIo io, WorkdayCalendar cal, DateOnly from, DateOnly to, bool estimated)
    {
        if (estimated)
        {
            io.Out.WriteLine(CalendarText.Both(en => CalendarText.EstimateNote(cal.EstimatedYearOf(from, to), en)));
        }
    }

    /// <summary>Runs a query on the installation's calendar: with its database when there is one, else the shipped and folder notices.</summary>
    private static Task<int> Query(ParseResult parse, CliIo io, CancellationToken ct, Action<WorkdayCalendar> body)
    {
        var settings = CliServices.ResolveSettings(parse, io);
        var hasDatabase = settings.IsSuccess && settings.Value.Database.Exists;
        return CliServices.RunAsync(parse, io, ct, async scope =>
        {
            try
            {
                if (hasDatabase)
                {
                    await scope.Get<CalendarNotices>().PickUpAsync(ct); // a notice just dropped into the folder counts at once
                }

                body(scope.Get<WorkdayCalendar>());
                return ExitCodes.Ok;
            }
            catch (Exception ex) when (ex is CalendarYearOutOfRangeException or CalendarUsageException or InvalidDataException)
            {
                io.Error.WriteLine($"hotline95: {ex.Message}");
                return ExitCodes.Usage;
            }
        }, database: hasDatabase);
    }

    private static int ParseCount(string text, string argument) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && Math.Abs((long)n) <= 3660
            ? n
            : throw new CalendarUsageException($"{argument}: '{text}' is not a whole number of days between -3660 and 3660.");

    private static DateOnly ParseDate(string text, string argument) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CalendarUsageException($"{argument}: '{text}' is not a date; write it as yyyy-MM-dd, e.g. 2026-02-14.");

    private sealed class CalendarUsageException(string message) : Exception(message);
}
