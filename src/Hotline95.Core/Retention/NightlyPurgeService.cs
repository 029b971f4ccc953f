using Hotline95.Core.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Retention;

/// <summary>Runs the retention purge once a night (Retention:NightlyAt, Asia/Shanghai) inside the web server.</summary>
public sealed class NightlyPurgeService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<RetentionOptions> options, ILogger<NightlyPurgeService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.NightlyEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(DelayUntilNextRun(clock.GetUtcNow(), options.Value.NightlyAt), clock, stoppingToken);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = (await scope.ServiceProvider.GetRequiredService<PurgeRetentionHandler>()
                    .HandleAsync(new PurgeRequest(null, false, "system:nightly"), stoppingToken)).Value;
                logger.LogInformation("Nightly retention purge: {Calls} calls, {Recordings} recordings deleted, {Held} kept on hold",
                    result.CallsDeleted, result.RecordingsDeleted, result.CallsKeptOnHold);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed night is retried the next night; the error is logged for the operator.
                logger.LogError(ex, "Nightly retention purge failed");
            }
        }
    }

    public static TimeSpan DelayUntilNextRun(DateTimeOffset now, TimeOnly at)
    {
        var local = ChinaTime.ToChina(now);
        var today = ChinaTime.StartOfDay(DateOnly.FromDateTime(local.DateTime)).Add(at.ToTimeSpan());
        var next = today > now ? today : today.AddDays(1);
        return next - now;
    }
}
