using System.ComponentModel.DataAnnotations;

namespace Hotline95.Core.Queues;

/// <summary>The call-centre thresholds (DOMAIN.md, call-centre figures): the regulator's and the industry's usual values by default.</summary>
public sealed class QueueOptions
{
    public const string Section = "Queues";

    /// <summary>An answer within this many seconds of entering the queue counts for the service level (20 秒接通率).</summary>
    [Range(1, 600)]
    public int ServiceLevelSeconds { get; set; } = 20;

    /// <summary>A caller who hangs up after waiting at most this long is a short abandon, left out of the rates.</summary>
    [Range(0, 60)]
    public int ShortAbandonSeconds { get; set; } = 5;

    /// <summary>An hour of business whose service level is below this raises an alert…</summary>
    [Range(0.01, 1.0)]
    public double ServiceLevelTarget { get; set; } = 0.8;

    /// <summary>…when at least this many calls were offered in it.</summary>
    [Range(1, 100_000)]
    public int AlertMinimumOffered { get; set; } = 20;

    /// <summary>Queue-log lines per import transaction: larger batches cost fewer commits, smaller ones hold the write lock less long.</summary>
    [Range(1, 1_000_000)]
    public int ImportBatchLines { get; set; } = 10_000;

    public QueueThresholds Thresholds => new(ServiceLevelSeconds, ShortAbandonSeconds);
}
