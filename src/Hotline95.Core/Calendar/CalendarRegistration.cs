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
            .PostConfigure(o => o.Directory ??= Path.Combine(settings.DataDirectory, "calendar"));
        services.AddSingleton(sp => HolidayNoticeSource.Build(
            sp.GetRequiredService<IOptions<CalendarOptions>>().Value,
            sp.GetService<ILoggerFactory>()?.CreateLogger(typeof(WorkdayCalendar))));
        return services;
    }
}
