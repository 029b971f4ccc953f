using Hotline95.Core.Calendar;
using Hotline95.Core.Licensing.Applications;
using Hotline95.Core.Licensing.Documents;
using Hotline95.Core.Licensing.Dossiers;
using Hotline95.Core.Licensing.Eligibility;
using Hotline95.Core.Licensing.Maintenance;
using Hotline95.Core.Roster;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.Core.Licensing;

public static class LicensingRegistration
{
    /// <summary>The licence lifecycle: dossiers and their check, documents, the application timeline, the duties after the certificate; and the roster they read.</summary>
    public static IServiceCollection AddLicensing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LicensingOptions>()
            .Bind(configuration.GetSection(LicensingOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<EligibilityChecker>();
        services.AddSingleton<ApplicationTimeline>();
        services.AddScoped<PolicyCatalogue>();
        services.AddScoped<Uploads.UploadsHandler>();
        services.AddScoped<PlatformFactsSource>();
        services.AddScoped<CheckDossierHandler>();
        services.AddScoped<CheckStoredDossierHandler>();
        services.AddScoped<PublishPolicyHandler>();
        services.AddScoped<DossiersHandler>();
        services.AddScoped<GenerateDocumentHandler>();
        services.AddScoped<ApplicationsHandler>();
        services.AddScoped<LicenceTasks>();
        services.AddScoped<IDeadlineRecomputer, RecomputeLicenceTaskDeadlines>();
        services.AddScoped<LicenceCalendarFeed>();
        services.AddScoped<SendLicenceRemindersHandler>();
        services.AddScoped<PortfolioHandler>();
        services.AddScoped<RosterHandler>();
        services.AddHostedService<LicenceReminderService>();
        return services;
    }
}
