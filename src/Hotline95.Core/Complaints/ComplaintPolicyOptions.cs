using System.ComponentModel.DataAnnotations;

namespace Hotline95.Core.Complaints;

/// <summary>
/// The complaint-handling policy (投诉处理制度). The numbers are the regulator's and change by notice,
/// so they are configuration: first response within 24 hours (clock time), resolution by the end of the
/// 7th working day after the day of receipt (Asia/Shanghai, China's working-day calendar).
/// </summary>
public sealed class ComplaintPolicyOptions
{
    public const string Section = "Complaints";

    [Range(1, 720)]
    public int ResponseHours { get; set; } = 24;

    [Range(1, 60)]
    public int ResolutionWorkingDays { get; set; } = 7;

    /// <summary>A deadline this close counts as at risk and is escalated to Supervisors before it passes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan WarningWindow { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How often the escalation check runs inside the server.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan EscalationCheckEvery { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Where escalations are POSTed as JSON (a ticketing or chat system); none when empty.</summary>
    [Url]
    public string? EscalationWebhookUrl { get; set; }
}
