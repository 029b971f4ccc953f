using System.Globalization;
using System.Text;
using Hotline95.Core.Calendar;
using Microsoft.Extensions.Time.Testing;

namespace Hotline95.Core.Tests.Calendar;

public sealed class StatutoryHolidaysTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, CultureInfo.InvariantCulture);

    public static TheoryData<int> NoticeYears => new(Enumerable.Range(2019, 8));

    [Theory]
    [MemberData(nameof(NoticeYears))]
    public void Of_EveryYearWithANotice_EveryStatutoryDayIsOffInTheNotice(int year)
    {
        var notice = TestCalendars.Notice(year);
        var off = notice.Days.Where(d => d.IsOffDay).Select(d => d.Date).ToHashSet();

        var statutory = StatutoryHolidays.Of(year);

        Assert.All(statutory, s => Assert.True(off.Contains(s.Date), $"{s.Date:yyyy-MM-dd} {s.Name} is not off in the {year} notice"));
        Assert.Equal(year >= 2025 ? 13 : 11, statutory.Count + (statutory.Count(s => s.Name.Contains('、')))); // a shared day counts for both holidays
    }

    [Theory]
    [InlineData(2024, "春节", "2024-02-10", 3)] // 2013 measures: 初一 to 初三
    [InlineData(2025, "春节", "2025-01-28", 4)] // 2024 measures: 除夕 added
    [InlineData(2024, "劳动节", "2024-05-01", 1)]
    [InlineData(2025, "劳动节", "2025-05-01", 2)]
    public void RulesInForce_TheRevisionInForceThatYear_GivesItsDays(int year, string holiday, string first, int days)
    {
        var rule = StatutoryHolidays.RulesInForce(year).Single(r => r.Name == holiday);

        var dates = rule.Days(year).ToList();

        Assert.Equal(D(first), dates[0]);
        Assert.Equal(days, dates.Count);
    }

    [Theory]
    [InlineData(2020, "端午节", "2020-06-25")] // 闰四月 before 五月
    [InlineData(2023, "端午节", "2023-06-22")] // 闰二月
    [InlineData(2023, "中秋节", "2023-09-29")]
    [InlineData(2025, "中秋节", "2025-10-06")] // 闰六月 before 八月
    [InlineData(2028, "端午节", "2028-05-28")] // 闰五月 comes after 五月初五
    [InlineData(2028, "中秋节", "2028-10-03")]
    public void Of_LeapMonthYears_PlaceLunarHolidaysOnTheRightDay(int year, string holiday, string expected)
    {
        Assert.Contains(StatutoryHolidays.Of(year), s => s.Name.Contains(holiday) && s.Date == D(expected));
    }

    [Fact]
    public void Qingming_2014To2099_AgreesWithTheCenturyFormula()
    {
        // Independent check: the published 21st-century rule for 清明, day = [y·0.2422 + 4.81] − [y/4] in April.
        for (var year = 2014; year <= 2099; year++)
        {
            var y = year % 100;
            var expected = new DateOnly(year, 4, (int)Math.Floor((y * 0.2422) + 4.81) - (y / 4));
            Assert.Equal(expected, SolarTerms.Qingming(year));
        }
    }

    [Fact]
    public void Qingming_2026_IsNearTheObservatoryInstant()
    {
        // Purple Mountain Observatory: 2026-04-05 02:40 Beijing time.
        var instant = SolarTerms.Instant(2026, 15).ToOffset(TimeSpan.FromHours(8));

        Assert.InRange(instant, new DateTimeOffset(2026, 4, 5, 2, 25, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2026, 4, 5, 2, 55, 0, TimeSpan.FromHours(8)));
    }

    [Fact]
    public void OffDays_2027_StatutoryAndDaysInLieuOnly()
    {
        var off = EstimatedYear.OffDays(2027);

        // 元旦 is a Friday: nothing owed. 春节 02-05..08 owes two days. 清明 04-05 is a Monday.
        // 劳动节 05-01 (Sat), 05-02 (Sun) owe 05-03 and 05-04. 端午 06-09 (Wed). 中秋 09-15 (Wed).
        // 国庆 10-01 (Fri) .. 10-03 (Sun) owes 10-04 and 10-05.
        string[] expected =
        [
            "2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09", "2027-02-10", "2027-04-05",
            "2027-05-01", "2027-05-02", "2027-05-03", "2027-05-04", "2027-06-09", "2027-09-15",
            "2027-10-01", "2027-10-02", "2027-10-03", "2027-10-04", "2027-10-05",
        ];
        Assert.Equal(expected.Select(D), off.Keys.Order());
        Assert.All(off.Values, d => Assert.True(d.Estimated));
    }

    [Fact]
    public void Validate_EveryShippedNotice_IsAccepted()
    {
        foreach (var year in Enumerable.Range(2019, 8))
        {
            var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "CalendarData", $"{year}.json"));
            var result = NoticeValidation.Validate(bytes, $"{year}.json", 2028);
            Assert.True(result.IsSuccess, result.IsSuccess ? "" : result.Error.Message);
        }
    }

    [Theory]
    [InlineData("""{"year":2027,"papers":[],"days":[]}""", "notice.noDays")]
    [InlineData("""{ not json""", "not a holiday notice")]
    [InlineData("""{"year":2030,"papers":["x"],"days":[{"name":"元旦","date":"2030-01-01","isOffDay":true}]}""", "notice.yearOutside")]
    [InlineData("""{"year":2027,"papers":["x"],"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true}]}""", "notice.holidaysMissing")]
    [InlineData("""{"year":2027,"papers":["x"],"days":[{"name":"春节","date":"2027-02-08","isOffDay":false}]}""", "notice.workedHoliday")]
    [InlineData("""{"year":2027,"papers":["x"],"days":[{"name":"元旦","date":"2028-01-01","isOffDay":true}]}""", "notice.dayOutside")]
    /// <summary><paramref name="reason"/>: the catalog phrase that says why (or, for an unreadable file, the parser's words).</summary>
    public void Validate_WrongFile_IsRefusedSayingWhy(string json, string reason)
    {
        var result = NoticeValidation.Validate(Encoding.UTF8.GetBytes(json), "2027.json", 2028);

        Assert.False(result.IsSuccess);
        Assert.Equal("NOTICE_INVALID", result.Error.Code);
        Assert.Contains(reason, result.Error.Message);
        Assert.Contains("2027.json", result.Error.Message);
    }

    [Fact]
    public void Build_NoticeInTheFolder_IsUsedAndAnInvalidOneSkipped()
    {
        var folder = Directory.CreateTempSubdirectory("h95-cal-").FullName;
        File.WriteAllText(Path.Combine(folder, "2027.json"), TestCalendars.Fake2027NoticeJson());
        File.WriteAllText(Path.Combine(folder, "2028.json"), "{ not json");

        var calendar = HolidayNoticeSource.Build(new CalendarOptions { Directory = folder }, new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero)));

        Assert.True(calendar.Covers(2027));
        Assert.False(calendar.Covers(2028));
        Assert.True(calendar.GetDay(D("2027-02-20")).IsWorkday);
        Assert.Equal(DayKind.MakeUpWorkday, calendar.GetDay(D("2027-02-20")).Kind);
        Assert.False(calendar.GetDay(D("2027-02-12")).Estimated);
    }
}
