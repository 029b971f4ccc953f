using Hotline95.Core.Audit;
using Hotline95.Core.Callbacks;
using Hotline95.Core.Calls;
using Hotline95.Core.Complaints;
using Hotline95.Core.Dashboard;
using Hotline95.Core.Compliance;
using Hotline95.Core.Calendar;
using Hotline95.Core.Data;
using Hotline95.Core.Demo;
using Hotline95.Core.Desk;
using Hotline95.Core.Enterprises;
using Hotline95.Core.Identity;
using Hotline95.Core.Licensing;
using Hotline95.Core.Monitoring;
using Hotline95.Core.Notifications;
using Hotline95.Core.Queues;
using Hotline95.Core.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hotline95.Core.Hosting;

/// <summary>One registration shared by the web host and the CLI, so both run the same handlers.</summary>
public static class CoreRegistration
{
    public static IServiceCollection AddHotline95Core(this IServiceCollection services, IConfiguration configuration, Hotline95Settings settings)
    {
        services.TryAddSingleton(TimeProvider.System);
        // The hosts register their catalog's writer first (ServerText.AddServerText); this is the fallback.
        services.TryAddSingleton<Common.IPhraseWriter, Common.UntranslatedPhraseWriter>();
        services.AddSingleton(settings);
        services.AddSingleton(settings.Database);
        // The factory (singletons such as the key ring) and a scoped context (handlers) share one configuration.
        services.AddDbContextFactory<Hotline95DbContext>(o => o.Use(settings.Database));
        services.AddScoped<DatabaseInitializer>();
        // Registered before every job, so that its first try happens before the jobs start.
        services.AddSingleton<JobLease>();
        services.AddHostedService(sp => sp.GetRequiredService<JobLease>());

        return services
            .AddCalendar(configuration, settings)
            .AddNotifications()
            .AddAudit(configuration, settings)
            .AddEnterprises()
            .AddCallStore(configuration, settings)
            .AddServiceAndComplaints(configuration)
            .AddIdentityFeature(configuration)
            .AddLicensing(configuration)
            .AddMonitoring(configuration)
            .AddQueues(configuration)
            .AddCallbacks(configuration)
            .AddDesk(configuration)
            .AddReports(configuration)
            .AddCompliance(configuration)
            .AddDemo()
            .AddDashboard()
            .AddScoped<Backup.Backups>();
    }
}
