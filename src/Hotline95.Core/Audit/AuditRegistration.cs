using Hotline95.Core.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.Core.Audit;

public static class AuditRegistration
{
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration, Hotline95Settings settings)
    {
        services.AddOptions<AuditOptions>()
            .Bind(configuration.GetSection(AuditOptions.Section))
            .PostConfigure(o => o.AnchorFile ??= Path.Combine(settings.SharedDirectory, "audit-anchors.jsonl"))
            .Validate(o => o.AnchorEvery > TimeSpan.Zero && o.AnchorEvery <= TimeSpan.FromHours(1), "Audit:AnchorEvery must be more than zero and at most 01:00:00 (anchors are written at least hourly).")
            .ValidateOnStart();
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditAnchors>();
        services.AddScoped<VerifyAuditLogHandler>();
        services.AddHostedService<AuditAnchorJob>();
        return services;
    }
}
