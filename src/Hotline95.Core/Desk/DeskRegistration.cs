using Hotline95.Core.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Desk;

public static class DeskRegistration
{
    /// <summary>The live desk: desk events written with CTI calls, this node's feed of them, their catch-up and pruning.</summary>
    public static IServiceCollection AddDesk(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeskOptions>()
            .Bind(configuration.GetSection(DeskOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<DeskFeed>();
        services.AddScoped<DeskEventsHandler>();
        services.AddScoped<DeskCallHandler>();
        services.AddHostedService<PruneDeskEventsJob>();
        return services;
    }
}

/// <summary>Deletes old desk events: they only serve desks that reconnect.</summary>
public sealed class PruneDeskEventsJob(IServiceScopeFactory scopes, IOptions<DeskOptions> options, TimeProvider clock, ILogger<PruneDeskEventsJob> log)
    : PeriodicJob(scopes, clock, log)
{
    protected override TimeSpan Every => options.Value.PruneEvery;

    protected override bool RunAtStart => true;

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<DeskEventsHandler>().PruneAsync(ct);
}
