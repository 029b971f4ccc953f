using Hotline95.Core.Calendar;

namespace Hotline95.Core.Tests.Calendar;

public sealed class WorkdayCalendarTests
{
    private static readonly WorkdayCalendar Calendar = TestCalendars.Through2026();

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Embedded_Notices_Cover2019Through2026()
    {
        Assert.Equal([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026], new WorkdayCalendar(HolidayNoticeSource.Embedded()).Years.Where(y => y <= 2026));
    }

    [Theory]
    [InlineData("2026-02-14", true, DayKind.MakeUpWorkday, "春节")]   // Saturday worked for the Spring Festival
    [InlineData("2026-02-28", true, DayKind.MakeUpWorkday, "春节")]
    [InlineData("2026-02-16", false, DayKind.Holiday, "春节")]       // Monday off
    [InlineData("2026-02-23", false, DayKind.Holiday, "春节")]
    [InlineData("2026-02-24", true, DayKind.Weekday, null)]
    [InlineData("2026-03-07", false, DayKind.Weekend, null)]         // ordinary Saturday
    [InlineData("2025-09-28", true, DayKind.MakeUpWorkday, "国庆节")] // make-up Sunday before National Day
    [InlineData("2025-10-11", true, DayKind.MakeUpWorkday, "国庆节")] // make-up Saturday after it
    [InlineData("2025-10-08", false, DayKind.Holiday, "国庆节")]      // Mid-Autumn joined National Day in 2025
    [InlineData("2024-05-01", false, DayKind.Holiday, "劳动节")]
    public void GetDay_KnownDates_MatchTheStateCouncilNotice(string date, bool workday, DayKind kind, string? holiday)
    {
        var day = Calendar.GetDay(D(date));

        Assert.Equal(workday, day.IsWorkday);
        Assert.Equal(kind, day.Kind);
        if (holiday is not null)
        {
            Assert.Contains(holiday, day.HolidayName);
        }
    }

    [Fact]
    public void GetDay_DecemberDayListedInNextYearsNotice_UsesThatNotice()
    {
        // The 2019 notice lists 2018-12-29 (a Saturday worked) and 2018-12-31 (a Monday off) for New Year.
        Assert.True(Calendar.GetDay(D("2018-12-29")).IsWorkday);
        Assert.False(Calendar.GetDay(D("2018-12-31")).IsWorkday);
    }

    [Fact]
    public void AddWorkdays_AcrossNationalDay2026_SkipsTheHolidayAndCountsTheMakeUpSaturday()
    {
        Assert.Equal(D("2026-10-13"), Calendar.AddWorkdays(D("2026-09-30"), 5).Date);
    }

    [Fact]
    public void WorkdaysBetween_AcrossSpringFestival2026_CountsMakeUpSaturdays()
    {
        // 14 Feb (make-up Sat), 24–27 Feb, 28 Feb (make-up Sat), 2 Mar.
        Assert.Equal(7, Calendar.WorkdaysBetween(D("2026-02-13"), D("2026-03-02")));
    }

    [Fact]
    public void AddWorkdays_Negative_CountsBackwards()
    {
        Assert.Equal(D("2026-09-30"), Calendar.AddWorkdays(D("2026-10-08"), -1).Date);
        Assert.Equal(D("2026-02-14"), Calendar.AddWorkdays(D("2026-02-24"), -1).Date);
    }

    [Fact]
    public void AddWorkdaysAndWorkdaysBetween_AnyDateAndCount_AreInverse()
    {
        var random = new Random(95);
        for (var i = 0; i < 500; i++)
        {
            var start = new DateOnly(2019, 1, 1).AddDays(random.Next(0, 365 * 7));
            var n = random.Next(0, 40);
            var end = Calendar.AddWorkdays(start, n).Date;
            Assert.Equal(n, Calendar.WorkdaysBetween(start, end));
            Assert.True(n == 0 || Calendar.IsWorkday(end));
        }
    }

    [Fact]
    public void EndOfNthWorkdayAfter_ComplaintOnFriday13February2026_IsMidnightOf2March()
    {
        var received = new DateTimeOffset(2026, 2, 13, 15, 0, 0, TimeSpan.FromHours(8));

        var due = Calendar.EndOfNthWorkdayAfter(received, 7).At;

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 23, 59, 59, TimeSpan.FromHours(8)), due);
    }

    [Fact]
    public void EndOfNthWorkdayAfter_ReceivedLateEveningUtc_UsesTheShanghaiDate()
    {
        // 2026-02-13 17:00 UTC is already Saturday 14 Feb 01:00 in Shanghai.
        var received = new DateTimeOffset(2026, 2, 13, 17, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2026, 2, 24), DateOnly.FromDateTime(Calendar.EndOfNthWorkdayAfter(received, 1).At.DateTime));
    }

    [Fact]
    public void GetDay_YearBefore2019OrAfterNextTwo_ThrowsNamingTheYear()
    {
        var early = Assert.Throws<CalendarYearOutOfRangeException>(() => Calendar.GetDay(D("2018-06-01")));
        var late = Assert.Throws<CalendarYearOutOfRangeException>(() => Calendar.GetDay(D("2029-01-02")));

        Assert.Equal(2018, early.Year);
        Assert.Contains("2029", late.Message);
        Assert.Equal(2028, late.LastYear);
    }

    [Fact]
    public void AddWorkdays_HugeCount_StopsAtTheCalendarsEdgeInsteadOfLooping()
    {
        Assert.Throws<CalendarYearOutOfRangeException>(() => Calendar.AddWorkdays(D("2026-01-05"), int.MinValue));
        Assert.Throws<CalendarYearOutOfRangeException>(() => Calendar.AddWorkdays(D("2026-01-05"), int.MaxValue));
    }

    [Fact]
    public void GetDay_2027WithoutNotice_IsEstimatedFromTheLaw()
    {
        // 2027: 除夕 02-05 (Fri) to 初三 02-08 (Mon); the Saturday and Sunday are made up on 02-09 and 02-10 (art. 6).
        Assert.Equal(DayKind.Holiday, Calendar.GetDay(D("2027-02-05")).Kind);
        var chuSan = Calendar.GetDay(D("2027-02-08"));
        Assert.Equal((false, DayKind.Holiday, "春节", true), (chuSan.IsWorkday, chuSan.Kind, chuSan.HolidayName, chuSan.Estimated));
        Assert.Equal(DayKind.CompensatoryDayOff, Calendar.GetDay(D("2027-02-09")).Kind);
        Assert.Equal(DayKind.CompensatoryDayOff, Calendar.GetDay(D("2027-02-10")).Kind);
        var after = Calendar.GetDay(D("2027-02-11"));
        Assert.True(after.IsWorkday);
        Assert.True(after.Estimated);
        Assert.False(Calendar.GetDay(D("2027-02-06")).IsWorkday); // no swap is guessed: the weekend stays a weekend
    }

    [Fact]
    public void AddWorkdays_OverAnEstimatedDay_SaysSo()
    {
        Assert.True(Calendar.AddWorkdays(D("2026-12-24"), 7).Estimated);
        Assert.False(Calendar.AddWorkdays(D("2026-12-01"), 7).Estimated);
    }

    [Fact]
    public void Replace_WithTheYearsNotice_ClearsTheEstimate()
    {
        var calendar = TestCalendars.Through2026();
        var notice2027 = new HolidayNotice(2027, ["test"], [new HolidayNoticeDay("春节", new DateOnly(2027, 2, 11), true), new HolidayNoticeDay("春节", new DateOnly(2027, 2, 20), false)]);

        calendar.Replace(calendar.Notices.Append(notice2027), version: "2027:test");

        Assert.False(calendar.GetDay(D("2027-02-11")).IsWorkday);
        Assert.False(calendar.GetDay(D("2027-02-11")).Estimated);
        Assert.True(calendar.GetDay(D("2027-02-20")).IsWorkday);
        Assert.Equal("2027:test", calendar.Version);
        Assert.Equal(CalendarYearSource.Loaded, calendar.Coverage().Single(y => y.Year == 2027).Source);
        Assert.Equal(CalendarYearSource.Estimated, calendar.Coverage().Single(y => y.Year == 2028).Source);
        Assert.Equal(CalendarYearSource.Embedded, calendar.Coverage().Single(y => y.Year == 2026).Source);
    }

    [Theory]
    [InlineData("2026-09-25", 10, "2026-10-08", "2026-10-05")] // the 10th day is in the National Day holiday
    [InlineData("2026-04-10", 30, "2026-05-11", "2026-05-10")] // the 30th day is a Sunday
    [InlineData("2026-03-02", 10, "2026-03-12", null)]         // an ordinary Thursday: not moved
    [InlineData("2026-02-04", 10, "2026-02-14", null)]         // a Saturday worked for the Spring Festival is a working day
    public void DaysAfter_LastDayARestDay_EndsOnTheNextWorkingDay(string eventDay, int days, string due, string? movedFrom)
    {
        var period = Calendar.DaysAfter(D(eventDay), days);

        Assert.Equal(D(due), period.Due);
        Assert.Equal(PeriodRule.CalendarDays, period.Rule);
        Assert.Equal(movedFrom is null ? null : D(movedFrom), period.RestDay?.Date);
        Assert.False(period.Estimated);
    }

    [Fact]
    public void GetDay_LastDaysOfDecemberBeforeAYearWithoutNotice_AreEstimated()
    {
        // The next year's notice may still move them (the 2019 notice set 2018-12-29 to 31).
        Assert.False(Calendar.GetDay(D("2026-12-28")).Estimated);
        Assert.True(Calendar.GetDay(D("2026-12-29")).Estimated);
        Assert.True(Calendar.GetDay(D("2026-12-31")).Estimated);
        Assert.Equal(2027, Calendar.NoticeYearOf(D("2026-12-30")));
        Assert.False(Calendar.GetDay(D("2025-12-31")).Estimated); // 2026's notice is loaded
    }
}
