using Hotline95.Core.Calendar;
using Hotline95.Core.Service;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.Core.Complaints;

public static class ComplaintsRegistration
{
    /// <summary>Service flow (lines' purposes, tickets) and complaint handling with deadlines and escalation.</summary>
    public static IServiceCollection AddServiceAndComplaints(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ComplaintPolicyOptions>()
            .Bind(configuration.GetSection(ComplaintPolicyOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<SetLineUsageHandler>();
        services.AddScoped<TicketsHandler>();
        services.AddSingleton<ComplaintDeadlines>();
        services.AddSingleton<ComplaintReader>();
        services.AddSingleton<EscalationWebhook>();
        services.AddScoped<CreateComplaintHandler>();
        services.AddScoped<PeriodComplaintsHandler>();
        services.AddScoped<HandleComplaintHandler>();
        services.AddScoped<ListComplaintsHandler>();
        services.AddScoped<ComplaintHistoryHandler>();
        services.AddScoped<UnaskedSatisfactionHandler>();
        services.AddScoped<EscalateDueComplaintsHandler>();
        services.AddScoped<ComplaintFiguresHandler>();
        services.AddScoped<IDeadlineRecomputer, RecomputeComplaintDeadlines>();
        services.AddHostedService<ComplaintEscalationService>();
        return services;
    }
}
