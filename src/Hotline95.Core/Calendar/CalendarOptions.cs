namespace Hotline95.Core.Calendar;

public sealed class CalendarOptions
{
    public const string Section = "Calendar";

    /// <summary>
    /// Folder scanned for newer State Council notices (same JSON schema as holiday-cn); a file there
    /// replaces the embedded year of the same number. Defaults to &lt;data&gt;/calendar.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>
    /// When true, a year without a notice is treated as plain Monday–Friday working days instead of an error.
    /// Off by default: a deadline computed without the holidays would be wrong.
    /// </summary>
    public bool WeekdayFallback { get; set; }
}
