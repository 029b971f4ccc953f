using Hotline95.Core.Calendar;
using Microsoft.Extensions.Time.Testing;

namespace Hotline95.Core.Tests.Calendar;

/// <summary>
/// Calendars built from a chosen set of notices, so a test that needs a year without a notice keeps passing when the
/// product ships that year's notice.
/// </summary>
internal static class TestCalendars
{
    /// <summary>The notices of 2019–2026 only, on 2026-11-30 (so 2027 and 2028 are estimated and 2029 is out of range).</summary>
    public static WorkdayCalendar Through2026(DateTimeOffset? now = null) =>
        new(HolidayNoticeSource.Embedded().Where(n => n.Year <= 2026), new FakeTimeProvider(now ?? new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero)),
            Enumerable.Range(2019, 8));

    public static HolidayNotice Notice(int year) => HolidayNoticeSource.Embedded().Single(n => n.Year == year);

    /// <summary>A stand-in for the 2027 notice shaped like a real one (tests/fixtures/README.md).</summary>
    public static string Fake2027NoticeJson() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "fake-2027-notice.json"));
}
