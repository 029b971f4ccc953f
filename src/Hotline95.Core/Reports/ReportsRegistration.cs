using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.Core.Reports;

public static class ReportsRegistration
{
    /// <summary>The annual usage report, its typical cases, the inspection pack and its verification.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReportOptions>()
            .Bind(configuration.GetSection(ReportOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<BuildAnnualReportHandler>();
        services.AddScoped<ReportCasesHandler>();
        services.AddScoped<BuildInspectionPackHandler>();
        services.AddScoped<VerifyInspectionPackHandler>();
        return services;
    }
}
