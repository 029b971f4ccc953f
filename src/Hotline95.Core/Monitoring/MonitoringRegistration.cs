using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.Core.Monitoring;

public static class MonitoringRegistration
{
    /// <summary>Roll-ups, monthly figures, anomaly detection and its alerts.</summary>
    public static IServiceCollection AddMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MonitoringOptions>()
            .Bind(configuration.GetSection(MonitoringOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<RollupShards>();
        services.AddScoped<LineFiguresHandler>();
        services.AddScoped<RebuildRollupsHandler>();
        services.AddScoped<DetectAnomaliesHandler>();
        services.AddScoped<AlertsHandler>();
        services.AddHostedService<MonitoringService>();
        return services;
    }
}
