using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.Core.Enterprises;

public static class EnterprisesRegistration
{
    public static IServiceCollection AddEnterprises(this IServiceCollection services)
    {
        services.AddScoped<EnterpriseDirectory>();
        services.AddScoped<AddLineHandler>();
        services.AddScoped<ListLinesHandler>();
        services.AddScoped<SetLineTrunksHandler>();
        services.AddScoped<EnterpriseProfileHandler>();
        return services;
    }
}
