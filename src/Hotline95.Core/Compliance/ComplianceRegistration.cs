using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.Core.Compliance;

public static class ComplianceRegistration
{
    /// <summary>The red-line scanner and lexicon, the red-line checks and their alerts, the export guard.</summary>
    public static IServiceCollection AddCompliance(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedLineOptions>()
            .Bind(configuration.GetSection(RedLineOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<ComplianceLexiconHandler>();
        services.AddScoped<RedLineAlertsHandler>();
        services.AddScoped<DetectRedLinesHandler>();
        services.AddScoped<ExportPersonalDataHandler>();
        services.AddScoped<OutboundCampaignsHandler>();
        services.AddHostedService<RedLineService>();
        return services;
    }
}
