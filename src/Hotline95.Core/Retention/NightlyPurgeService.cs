using Hotline95.Core.Common;
using Hotline95.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Retention;

/// <summary>Runs the retention purge once a night (Retention:NightlyAt, Asia/Shanghai) inside the web server.</summary>
public sealed class NightlyPurgeService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<RetentionOptions> options, ILogger<NightlyPurgeService> logger)
    : PeriodicJob(scopes, clock, logger)
{
    protected override TimeSpan Every => TimeSpan.FromDays(1);

    protected override bool Enabled => options.Value.NightlyEnabled;

    protected override TimeSpan? DelayUntilNextRun(DateTimeOffset now) => DelayUntilNextRun(now, options.Value.NightlyAt);

    // A failed night is logged by PeriodicJob and retried the next night.
    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var result = (await services.GetRequiredService<PurgeRetentionHandler>()
            .HandleAsync(new PurgeRequest(null, false, "system:nightly"), ct)).Value;
        logger.LogInformation("Nightly retention purge: {Calls} calls, {Recordings} recordings deleted, {Held} kept on hold",
            result.CallsDeleted, result.RecordingsDeleted, result.CallsKeptOnHold);
    }

    public static TimeSpan DelayUntilNextRun(DateTimeOffset now, TimeOnly at)
    {
        var local = ChinaTime.ToChina(now);
        var today = ChinaTime.StartOfDay(DateOnly.FromDateTime(local.DateTime)).Add(at.ToTimeSpan());
        var next = today > now ? today : today.AddDays(1);
        return next - now;
    }
}
