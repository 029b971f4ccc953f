using Hotline95.Core.Common;

namespace Hotline95.Core.Calendar;

/// <summary>What makes a notice file trustworthy enough to count deadlines by.</summary>
public static class NoticeValidation
{
    /// <summary>A notice the calendar can trust: parseable, of a year it answers, its days in that year, and every statutory holiday off.</summary>
    public static Result<HolidayNotice> Validate(byte[] json, string source, int lastYear)
    {
        HolidayNotice notice;
        try
        {
            notice = HolidayNotice.Parse(new MemoryStream(json), source);
        }
        catch (InvalidDataException ex)
        {
            return Invalid(ex.Message);
        }

        if (notice.Year < WorkdayCalendar.FirstYear || notice.Year > lastYear)
        {
            return Invalid($"{source}: year {notice.Year} is outside the calendar ({WorkdayCalendar.FirstYear}–{lastYear}).");
        }

        if (notice.Days.Count == 0)
        {
            return Invalid($"{source}: the {notice.Year} notice lists no days (holiday-cn's placeholder before the State Council publishes the year).");
        }

        var outside = notice.Days.FirstOrDefault(d => d.Date.Year != notice.Year && !(d.Date.Year == notice.Year - 1 && d.Date.Month == 12));
        if (outside is not null)
        {
            return Invalid($"{source}: {outside.Date:yyyy-MM-dd} ({outside.Name}) is not in {notice.Year} (only late December of the year before may be listed).");
        }

        var duplicate = notice.Days.GroupBy(d => d.Date).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return Invalid($"{source}: {duplicate.Key:yyyy-MM-dd} is listed {duplicate.Count()} times.");
        }

        if (notice.Days.FirstOrDefault(d => string.IsNullOrWhiteSpace(d.Name) || d.Name.Length > 20) is { } unnamed)
        {
            return Invalid($"{source}: {unnamed.Date:yyyy-MM-dd} has no holiday name (or one over 20 characters).");
        }

        var listed = notice.Days.ToDictionary(d => d.Date);
        var workedHoliday = StatutoryHolidays.Of(notice.Year).FirstOrDefault(s => listed.TryGetValue(s.Date, out var d) && !d.IsOffDay);
        if (workedHoliday is not null)
        {
            return Invalid($"{source}: {workedHoliday.Date:yyyy-MM-dd} is a statutory holiday ({workedHoliday.Name}) but the notice makes it a working day; is this the {notice.Year} notice?");
        }

        var missing = StatutoryHolidays.Of(notice.Year).Where(s => !listed.ContainsKey(s.Date) && !EstimatedYear.IsWeekend(s.Date)).ToList();
        if (missing.Count > 0)
        {
            return Invalid($"{source}: the statutory holidays {string.Join(", ", missing.Select(m => $"{m.Date:yyyy-MM-dd} {m.Name}"))} are not listed as days off; is this the {notice.Year} notice?");
        }

        return notice;

        static Error Invalid(string message) => Error.Validation("file", "NOTICE_INVALID", $"{message} Nothing was loaded. / 节假日安排文件无效，未加载。");
    }
}
