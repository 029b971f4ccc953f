using Hotline95.Core.Calendar;

namespace Hotline95.Core.Tests.Calendar;

public sealed class WorkdayCalendarTests
{
    private static readonly WorkdayCalendar Calendar = new(HolidayNoticeSource.Embedded());

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Embedded_Notices_Cover2019Through2026()
    {
        Assert.Equal([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026], Calendar.Years);
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
        Assert.Equal(D("2026-10-13"), Calendar.AddWorkdays(D("2026-09-30"), 5));
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
        Assert.Equal(D("2026-09-30"), Calendar.AddWorkdays(D("2026-10-08"), -1));
        Assert.Equal(D("2026-02-14"), Calendar.AddWorkdays(D("2026-02-24"), -1));
    }

    [Fact]
    public void AddWorkdaysAndWorkdaysBetween_AnyDateAndCount_AreInverse()
    {
        var random = new Random(95);
        for (var i = 0; i < 500; i++)
        {
            var start = new DateOnly(2019, 1, 1).AddDays(random.Next(0, 365 * 7));
            var n = random.Next(0, 40);
            var end = Calendar.AddWorkdays(start, n);
            Assert.Equal(n, Calendar.WorkdaysBetween(start, end));
            Assert.True(n == 0 || Calendar.IsWorkday(end));
        }
    }

    [Fact]
    public void EndOfNthWorkdayAfter_ComplaintOnFriday13February2026_IsMidnightOf2March()
    {
        var received = new DateTimeOffset(2026, 2, 13, 15, 0, 0, TimeSpan.FromHours(8));

        var due = Calendar.EndOfNthWorkdayAfter(received, 7);

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 23, 59, 59, TimeSpan.FromHours(8)), due);
    }

    [Fact]
    public void EndOfNthWorkdayAfter_ReceivedLateEveningUtc_UsesTheShanghaiDate()
    {
        // 2026-02-13 17:00 UTC is already Saturday 14 Feb 01:00 in Shanghai.
        var received = new DateTimeOffset(2026, 2, 13, 17, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2026, 2, 24), DateOnly.FromDateTime(Calendar.EndOfNthWorkdayAfter(received, 1).DateTime));
    }

    [Fact]
    public void GetDay_YearWithoutNotice_ThrowsNamingTheYear()
    {
        var ex = Assert.Throws<CalendarYearMissingException>(() => Calendar.GetDay(D("2027-01-04")));

        Assert.Equal(2027, ex.Year);
        Assert.Contains("2027", ex.Message);
    }

    [Fact]
    public void GetDay_YearWithoutNoticeAndWeekdayFallback_UsesMondayToFriday()
    {
        var fallback = new WorkdayCalendar(HolidayNoticeSource.Embedded(), weekdayFallback: true);

        var monday = fallback.GetDay(D("2027-01-04"));
        var saturday = fallback.GetDay(D("2027-01-02"));

        Assert.True(monday.IsWorkday);
        Assert.True(monday.FromFallback);
        Assert.False(saturday.IsWorkday);
    }

    [Fact]
    public void Build_NoticeDroppedIntoDataFolder_AddsItsYearWithoutRebuild()
    {
        var folder = Directory.CreateTempSubdirectory("h95-cal-").FullName;
        File.WriteAllText(Path.Combine(folder, "2027.json"), """
            {"year":2027,"papers":["https://example.invalid/2027"],"days":[
              {"name":"元旦","date":"2027-01-01","isOffDay":true},
              {"name":"春节","date":"2027-02-06","isOffDay":false}]}
            """);

        var calendar = HolidayNoticeSource.Build(new CalendarOptions { Directory = folder });

        Assert.True(calendar.Covers(2027));
        Assert.False(calendar.IsWorkday(D("2027-01-01")));
        Assert.Equal(DayKind.MakeUpWorkday, calendar.GetDay(D("2027-02-06")).Kind);
        Assert.True(calendar.IsWorkday(D("2027-01-04")));
    }

    [Fact]
    public void Build_EmptyPlaceholderNotice_DoesNotCountAsCoverage()
    {
        var folder = Directory.CreateTempSubdirectory("h95-cal-").FullName;
        File.WriteAllText(Path.Combine(folder, "2027.json"), """{"year":2027,"papers":[],"days":[]}""");

        var calendar = HolidayNoticeSource.Build(new CalendarOptions { Directory = folder });

        Assert.False(calendar.Covers(2027));
    }

    [Fact]
    public void Build_MalformedNoticeInDataFolder_FailsNamingTheFile()
    {
        var folder = Directory.CreateTempSubdirectory("h95-cal-").FullName;
        var file = Path.Combine(folder, "2027.json");
        File.WriteAllText(file, "{ not json");

        var ex = Assert.Throws<InvalidDataException>(() => HolidayNoticeSource.Build(new CalendarOptions { Directory = folder }));

        Assert.Contains(file, ex.Message);
    }
}
