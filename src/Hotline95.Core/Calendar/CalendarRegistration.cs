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

/// <summary>
/// Brings this node's calendar up to date with the notices in the database (loaded on another node or with
/// <c>calendar load</c>) without a restart: every node runs it, since each keeps its own calendar in memory. The node
/// holding the <see cref="JobLease"/> also loads the notices dropped into the shared calendar folder and recomputes the
/// deadlines a new notice moves (so does the node or command that loads one); the others' calendars only follow.
/// </summary>
public sealed class CalendarPickUpJob(IServiceScopeFactory scopes, IOptions<CalendarOptions> options, TimeProvider clock, ILogger<CalendarPickUpJob> log)
    : PeriodicJob(scopes, clock, log)
{
    protected override TimeSpan Every => options.Value.PickUpEvery;

    protected override bool RunAtStart => true;

    protected override bool OnEveryNode => true;

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var notices = services.GetRequiredService<CalendarNotices>();
        if (services.GetService<JobLease>() is not { } lease)
        {
            await notices.PickUpAsync(ct);
        }
        else if (!await lease.RunIfHeldAsync(nameof(CalendarPickUpJob), notices.PickUpAsync, ct))
        {
            await notices.FollowAsync(ct); // another node loads the folder's files and recomputes
        }
    }
}
