namespace Hotline95.Testing;

/// <summary>Calendar fixture files (tests/fixtures/README.md).</summary>
public static class CalendarFixtures
{
    /// <summary>A hand-written stand-in for the 2027 notice: statutory days, days in lieu, and a swap (02-12 off, 02-20 worked).</summary>
    public static string Fake2027NoticeJson() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "fake-2027-notice.json"));
}
