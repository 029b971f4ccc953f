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
            return Invalid(Phrase.Of("notice.unreadable", ("cause", ex.Message)));
        }

        if (notice.Year < WorkdayCalendar.FirstYear || notice.Year > lastYear)
        {
            return Invalid(Phrase.Of("notice.yearOutside", ("source", source), ("year", notice.Year), ("first", WorkdayCalendar.FirstYear), ("last", lastYear)));
        }

        if (notice.Days.Count == 0)
        {
            return Invalid(Phrase.Of("notice.noDays", ("source", source), ("year", notice.Year)));
        }

        var outside = notice.Days.FirstOrDefault(d => d.Date.Year != notice.Year && !(d.Date.Year == notice.Year - 1 && d.Date.Month == 12));
        if (outside is not null)
        {
            return Invalid(Phrase.Of("notice.dayOutside", ("source", source), ("date", outside.Date), ("name", outside.Name), ("year", notice.Year)));
        }

        var duplicate = notice.Days.GroupBy(d => d.Date).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return Invalid(Phrase.Of("notice.duplicate", ("source", source), ("date", duplicate.Key), ("count", duplicate.Count())));
        }

        if (notice.Days.FirstOrDefault(d => string.IsNullOrWhiteSpace(d.Name) || d.Name.Length > 20) is { } unnamed)
        {
            return Invalid(Phrase.Of("notice.unnamed", ("source", source), ("date", unnamed.Date)));
        }

        var listed = notice.Days.ToDictionary(d => d.Date);
        var workedHoliday = StatutoryHolidays.Of(notice.Year).FirstOrDefault(s => listed.TryGetValue(s.Date, out var d) && !d.IsOffDay);
        if (workedHoliday is not null)
        {
            return Invalid(Phrase.Of("notice.workedHoliday", ("source", source), ("date", workedHoliday.Date), ("name", workedHoliday.Name), ("year", notice.Year)));
        }

        var missing = StatutoryHolidays.Of(notice.Year).Where(s => !listed.ContainsKey(s.Date) && !EstimatedYear.IsWeekend(s.Date)).ToList();
        if (missing.Count > 0)
        {
            return Invalid(Phrase.Of("notice.holidaysMissing", ("source", source), ("holidays", missing.Select(m => $"{m.Date:yyyy-MM-dd} {m.Name}").ToList()), ("year", notice.Year)));
        }

        return notice;

        static Error Invalid(Phrase reason) => Error.Validation("file", "NOTICE_INVALID", ("reason", reason));
    }
}
