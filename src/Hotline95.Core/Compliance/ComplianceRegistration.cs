using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.Core.Compliance;

public static class ComplianceRegistration
{
    /// <summary>The red-line scanner and the enterprise's lexicon.</summary>
    public static IServiceCollection AddCompliance(this IServiceCollection services)
    {
        services.AddScoped<ComplianceLexiconHandler>();
        return services;
    }
}
