namespace Hotline95.Core.Calendar;

public sealed class CalendarOptions
{
    public const string Section = "Calendar";

    /// <summary>
    /// Folder watched for newer State Council notices (holiday-cn JSON schema, e.g. 2027.json): a file there is loaded
    /// into the database (audited) within <see cref="PickUpEvery"/> and replaces the embedded year of the same number.
    /// Defaults to &lt;data&gt;/calendar.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>
    /// Use the notices shipped with the product up to this year only (none after it): to see how the product behaves
    /// before a notice exists, and for tests that need a year without one. Unset: all shipped notices.
    /// </summary>
    public int? ShippedNoticesUpTo { get; set; }

    /// <summary>How often the server looks for new notices in the folder and the database (other nodes' loads).</summary>
    public TimeSpan PickUpEvery { get; set; } = TimeSpan.FromMinutes(1);
}
