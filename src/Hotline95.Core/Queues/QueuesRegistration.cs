using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.Core.Queues;

public static class QueuesRegistration
{
    /// <summary>Queue statistics from the PBX's queue records: import, roll-ups, figures, the line–queue map.</summary>
    public static IServiceCollection AddQueues(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QueueOptions>()
            .Bind(configuration.GetSection(QueueOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<ImportQueuesHandler>();
        services.AddScoped<QueueFiguresHandler>();
        services.AddScoped<SetLineQueuesHandler>();
        return services;
    }
}
