using Hotline95.Core.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Calendar;

public static class CalendarRegistration
{
    public static IServiceCollection AddCalendar(this IServiceCollection services, IConfiguration configuration, Hotline95Settings settings)
    {
        services.AddOptions<CalendarOptions>()
            .Bind(configuration.GetSection(CalendarOptions.Section))
            .PostConfigure(o => o.Directory ??= Path.Combine(settings.SharedDirectory, "calendar"))
            .Validate(o => o.PickUpEvery >= TimeSpan.FromSeconds(1) && o.PickUpEvery <= TimeSpan.FromHours(1), "Calendar:PickUpEvery must be between 00:00:01 and 01:00:00.")
            .ValidateOnStart();
        services.AddSingleton(sp => HolidayNoticeSource.Build(
            sp.GetRequiredService<IOptions<CalendarOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger(typeof(WorkdayCalendar))));
        services.AddScoped<CalendarNotices>();
        services.AddSingleton<CalendarFolderMemory>();
        services.AddHostedService<CalendarPickUpJob>();
        return services;
    }
}

/// <summary>Picks up notices dropped into the calendar folder and loaded by other nodes, without a restart.</summary>
public sealed class CalendarPickUpJob(IServiceScopeFactory scopes, IOptions<CalendarOptions> options, TimeProvider clock, ILogger<CalendarPickUpJob> log)
    : PeriodicJob(scopes, clock, log)
{
    protected override TimeSpan Every => options.Value.PickUpEvery;

    protected override bool RunAtStart => true;

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<CalendarNotices>().PickUpAsync(ct);
}
