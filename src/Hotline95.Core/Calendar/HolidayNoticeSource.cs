using Microsoft.Extensions.Logging;

namespace Hotline95.Core.Calendar;

/// <summary>Loads the notices embedded in the build, then any in the data folder's calendar directory.</summary>
public static class HolidayNoticeSource
{
    private const string ResourcePrefix = "Hotline95.Calendar.";

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

    /// <summary>Notices dropped into <paramref name="directory"/> (e.g. 2027.json); a malformed file is an error naming it.</summary>
    public static IEnumerable<HolidayNotice> FromDirectory(string? directory)
    {
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(file);
            yield return HolidayNotice.Parse(stream, file);
        }
    }

    public static WorkdayCalendar Build(CalendarOptions options, ILogger? logger = null)
    {
        var notices = Embedded().Concat(FromDirectory(options.Directory)).ToList();
        var calendar = new WorkdayCalendar(notices, options.WeekdayFallback);
        logger?.LogDebug("Working-day calendar covers {Years}", string.Join(", ", calendar.Years));
        return calendar;
    }
}
