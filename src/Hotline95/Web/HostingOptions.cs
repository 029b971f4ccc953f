using System.ComponentModel.DataAnnotations;

namespace Hotline95.Web;

/// <summary>How a node starts and stops behind a load balancer (section <c>Hosting</c>), validated when the node starts.</summary>
public sealed class HostingOptions
{
    public const string Section = "Hosting";

    /// <summary>
    /// Seconds a stop may take after the drain: Kestrel finishing the requests in flight and the CTI writer committing what
    /// it has queued (.NET's default for a whole stop). The host's shutdown timeout is at least the drain plus this.
    /// </summary>
    public const int FinishSeconds = 30;

    /// <summary>Seconds a stopping node answers 503 on <c>/readyz</c> before it stops accepting (<see cref="NodeReadiness"/>).</summary>
    [Range(0, 300)]
    public int DrainSeconds { get; set; } = 5;

    /// <summary>Seconds the node rehearses its CTI path before <c>/readyz</c> turns 200 (<see cref="StartupWarmUp"/>); 0 turns it off.</summary>
    [Range(0.0, 120.0)]
    public double WarmUpSeconds { get; set; } = 3;
}
