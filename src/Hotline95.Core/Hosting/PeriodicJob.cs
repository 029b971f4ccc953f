using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hotline95.Core.Hosting;

/// <summary>
/// A check the server runs on a period (reminders, anomaly detection, red lines): each run in its own scope, on the
/// injected clock, and a failed run logged and retried at the next tick rather than stopping the job.
/// </summary>
public abstract class PeriodicJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger log) : BackgroundService
{
    protected abstract TimeSpan Every { get; }

    /// <summary>Run once at start-up too, not only after the first period.</summary>
    protected virtual bool RunAtStart => false;

    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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
            await RunOnceAsync(scope.ServiceProvider, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "{Job} failed; retrying at the next check", GetType().Name);
        }
    }
}
