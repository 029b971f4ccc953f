using Microsoft.Extensions.Logging;

namespace Hotline95.Core.Calendar;

/// <summary>Reads notices: those embedded in the build, and the files of a calendar folder.</summary>
public static class HolidayNoticeSource
{
    private const string ResourcePrefix = "Hotline95.Calendar.";

    /// <summary>
    /// The notices embedded in the build. Tests that need a year without a notice pass their own set to
    /// <see cref="WorkdayCalendar"/> instead (e.g. <c>Embedded().Where(n =&gt; n.Year &lt;= 2026)</c>), so they keep
    /// passing when a newer notice ships.
    /// </summary>
    public static IEnumerable<HolidayNotice> Embedded()
    {
        var assembly = typeof(HolidayNoticeSource).Assembly;
        foreach (var name in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            yield return HolidayNotice.Parse(stream, name);
        }
    }

    /// <summary>The shipped notices this installation uses (<see cref="CalendarOptions.ShippedNoticesUpTo"/>).</summary>
    public static IEnumerable<HolidayNotice> Shipped(CalendarOptions options) =>
        Embedded().Where(n => options.ShippedNoticesUpTo is not { } last || n.Year <= last);

    /// <summary>The notice files (e.g. 2027.json) of <paramref name="directory"/>, with their bytes (an unreadable file is skipped).</summary>
    public static IEnumerable<(string Path, byte[] Bytes)> FolderFiles(string? directory)
    {
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            yield return (file, bytes);
        }
    }

    /// <summary>
    /// The calendar at start-up: embedded notices, then the calendar folder's valid files (an invalid one is logged and skipped). Notices loaded into the database
    /// are added by <see cref="CalendarNotices.SyncAsync"/> when a database is open.
    /// </summary>
    public static WorkdayCalendar Build(CalendarOptions options, TimeProvider clock, ILogger? logger = null)
    {
        var embedded = Shipped(options).ToList();
        var lastYear = Common.ChinaTime.DateOf(clock.GetUtcNow()).Year + WorkdayCalendar.YearsAhead;
        var folder = new List<HolidayNotice>();
        foreach (var file in FolderFiles(options.Directory))
        {
            var valid = NoticeValidation.Validate(file.Bytes, file.Path, lastYear);
            if (valid.IsSuccess)
            {
                folder.Add(valid.Value);
            }
            else
            {
                logger?.LogError("Calendar folder: {Message}", valid.Error.Message);
            }
        }

        var calendar = new WorkdayCalendar(embedded.Concat(folder), clock, embedded.Where(n => n.IsPublished).Select(n => n.Year));
        logger?.LogDebug("Working-day calendar: notices for {Years}", string.Join(", ", calendar.Years));
        return calendar;
    }
}
