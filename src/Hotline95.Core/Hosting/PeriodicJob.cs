using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hotline95.Core.Hosting;

/// <summary>
/// A check the server runs on a period (reminders, anomaly detection, red lines, escalation, the nightly purge): each
/// run in its own scope, on the injected clock, and a failed run logged and retried at the next tick rather than
/// stopping the job. With several nodes on one database a run happens only on the node holding the <see cref="JobLease"/>,
/// confirmed with the database just before the run (a node whose session ended a moment ago does not start a run beside
/// the new holder) and cancelled when the lease's periodic check finds it lost (a long run stops within
/// <see cref="JobLease.RetryEvery"/> instead of going on beside the new holder), unless the job is one every node runs for itself (<see cref="OnEveryNode"/>).
/// </summary>
public abstract class PeriodicJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger log) : BackgroundService
{
    protected abstract TimeSpan Every { get; }

    /// <summary>Run once at start-up too, not only after the first period.</summary>
    protected virtual bool RunAtStart => false;

    /// <summary>
    /// True for a job that keeps this node's own state up to date (its calendar, say), which every node must run; such a job
    /// asks <see cref="JobLease"/> itself for any part that only one node may do.
    /// </summary>
    protected virtual bool OnEveryNode => false;

    /// <summary>False turns the job off (configuration).</summary>
    protected virtual bool Enabled => true;

    /// <summary>For a job at a time of day: how long from <paramref name="now"/> until the next run; null runs every <see cref="Every"/>.</summary>
    protected virtual TimeSpan? DelayUntilNextRun(DateTimeOffset now) => null;

    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        if (DelayUntilNextRun(clock.GetUtcNow()) is not null)
        {
            while (DelayUntilNextRun(clock.GetUtcNow()) is { } delay)
            {
                await Task.Delay(delay, clock, stoppingToken);
                await RunGuardedAsync(stoppingToken);
            }

            return;
        }

        using var timer = new PeriodicTimer(Every, clock);
        if (RunAtStart)
        {
            await RunGuardedAsync(stoppingToken);
        }

        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RunGuardedAsync(stoppingToken);
        }
    }

    private async Task RunGuardedAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            if (OnEveryNode || services.GetService<JobLease>() is not { } lease)
            {
                await RunOnceAsync(services, ct);
            }
            else
            {
                await lease.RunIfHeldAsync(GetType().Name, run => RunOnceAsync(services, run), ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A cancellation that is not the node stopping (an HTTP client's timeout, say) is a failed run too, not the end of the job.
            log.LogError(ex, "{Job} failed; retrying at the next check", GetType().Name);
        }
    }
}
