using System.ComponentModel.DataAnnotations;

namespace Hotline95.Core.Compliance;

/// <summary>Limits of the data-leak guard and how often the red-line checks run.</summary>
public sealed class RedLineOptions
{
    public const string Section = "RedLines";

    /// <summary>Reveals of personal data by one user within <see cref="RevealWindow"/> that raise a data-leak alert.</summary>
    [Range(2, 10_000)]
    public int RevealBurst { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan RevealWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Exports of personal data one user may make per day (Asia/Shanghai).</summary>
    [Range(1, 1_000)]
    public int ExportsPerUserPerDay { get; set; } = 3;

    /// <summary>Rows one export may hold.</summary>
    [Range(1, 10_000_000)]
    public int MaxExportRows { get; set; } = 10_000;

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(5);
}
