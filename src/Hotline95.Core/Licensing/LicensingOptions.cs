using System.ComponentModel.DataAnnotations;

namespace Hotline95.Core.Licensing;

/// <summary>
/// The platform's own planning assumptions and reminders. The authority's limits (review days, filing days,
/// the annual report interval) are not here: they belong to the policy version in force.
/// </summary>
public sealed class LicensingOptions
{
    public const string Section = "Licensing";

    /// <summary>Days an applicant needs to gather and stamp the materials, for backward planning.</summary>
    [Range(1, 365)]
    public int MaterialsPreparationDays { get; set; } = 30;

    /// <summary>Working days kept between the certificate and go-live for the MIIT filing.</summary>
    [Range(0, 60)]
    public int FilingWorkingDays { get; set; } = 5;

    /// <summary>A step due within this many working days counts as at risk.</summary>
    [Range(0, 30)]
    public int AtRiskWorkingDays { get; set; } = 3;

    /// <summary>Days before a due date on which a reminder goes out.</summary>
    [MinLength(1)]
    public int[] ReminderLeadDays { get; set; } = [30, 7, 1];

    /// <summary>How often the reminder check runs inside the server.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan ReminderCheckEvery { get; set; } = TimeSpan.FromHours(1);
}
