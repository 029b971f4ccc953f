using Hotline95.Core.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Callbacks;

public static class CallbacksRegistration
{
    /// <summary>Missed-call follow-up: the callback list, marks, linking and the roll-ups behind "called back within 24 hours".</summary>
    public static IServiceCollection AddCallbacks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CallbackOptions>()
            .Bind(configuration.GetSection(CallbackOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<CallbacksHandler>();
        services.AddHostedService<CallbackLinkJob>();
        return services;
    }
}

/// <summary>Links outbound calls to the missed calls they call back, so the figures hold even when nobody opens the list.</summary>
public sealed class CallbackLinkJob(IServiceScopeFactory scopes, IOptions<CallbackOptions> options, TimeProvider clock, ILogger<CallbackLinkJob> log)
    : PeriodicJob(scopes, clock, log)
{
    protected override TimeSpan Every => options.Value.LinkEvery;

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<CallbacksHandler>().LinkAsync(null, ct);
}
