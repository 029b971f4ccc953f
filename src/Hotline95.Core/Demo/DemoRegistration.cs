using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.Core.Demo;

public static class DemoRegistration
{
    public static IServiceCollection AddDemo(this IServiceCollection services)
    {
        services.AddScoped<SeedDemoHandler>();
        services.AddScoped<SeedDemoCallsHandler>();
        services.AddScoped<SeedDemoActivityHandler>();
        return services;
    }
}
