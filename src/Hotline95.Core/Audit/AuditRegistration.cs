using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.Core.Audit;

public static class AuditRegistration
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddScoped<AuditLog>();
        services.AddScoped<VerifyAuditLogHandler>();
        return services;
    }
}
