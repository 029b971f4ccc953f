using System.ComponentModel.DataAnnotations;

namespace Hotline95.Core.Monitoring;

/// <summary>How anomalies are recognised. The defaults raise nothing for ordinary peaks (a Monday morning) or dips (Spring Festival).</summary>
public sealed class MonitoringOptions
{
    public const string Section = "Monitoring";

    /// <summary>Robust z-score (observed − median) / spread above which an hour is a surge.</summary>
    [Range(1.0, 100.0)]
    public double SurgeScore { get; set; } = 6;

    /// <summary>…and it must also be at least this many times the baseline median…</summary>
    [Range(1.0, 100.0)]
    public double SurgeRatio { get; set; } = 2;

    /// <summary>…and at least this many calls, so that 3 calls instead of 1 at night raise nothing.</summary>
    [Range(1, 1_000_000)]
    public int SurgeMinimumCalls { get; set; } = 30;

    /// <summary>Days of the same kind (working day, weekend, statutory holiday) that form the baseline of an hour.</summary>
    [Range(3, 60)]
    public int BaselineDays { get; set; } = 8;

    /// <summary>How far back to look for those days.</summary>
    [Range(7, 400)]
    public int BaselineLookbackDays { get; set; } = 120;

    /// <summary>A caller with this many calls within <see cref="FloodWindow"/> is flooding the line.</summary>
    [Range(2, 10_000)]
    public int FloodCalls { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan FloodWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the server runs the checks.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(5);
}
