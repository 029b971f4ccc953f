using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.Core.Reports;

public static class ReportsRegistration
{
    /// <summary>The annual usage report and the inspection evidence pack.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddScoped<BuildAnnualReportHandler>();
        services.AddScoped<BuildInspectionPackHandler>();
        return services;
    }
}
