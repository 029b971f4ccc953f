using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.Core.Dashboard;

public static class DashboardRegistration
{
    /// <summary>The dashboard by role: each card's figures, read from the roll-ups and records the other features keep.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddScoped<MyWorkFigures>();
        services.AddScoped<ServiceFigures>();
        services.AddScoped<ComplianceFigures>();
        services.AddScoped<AdminFigures>();
        services.AddSingleton<AuditChainStatus>();
        services.AddScoped<GetDashboardHandler>();
        return services;
    }
}
