using System.CommandLine;
using Hotline95.Core.Calendar;
using Hotline95.Core.Data;
using Hotline95.Core.Hosting;
using Hotline95.Core.Security;
using Hotline95.Core.Identity;
using Hotline95.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hotline95.Commands;

internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5095";

    private static readonly Option<string?> Urls = new("--urls")
    {
        Description = $"Where to listen, e.g. http://0.0.0.0:8080 (several separated by ';'). Env: HOTLINE95_URLS. Default: {DefaultUrls}",
    };

    public static Command Build(CliIo io)
    {
        var command = new Command("serve", "Apply pending migrations, then serve the web platform and API. / 启动Web平台。");
        command.Options.Add(Urls);
        command.SetAction((parse, ct) => RunAsync(parse, io, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CliIo io, CancellationToken ct)
    {
        var settings = CliServices.ResolveSettings(parse, io);
        if (!settings.IsSuccess)
        {
            return CliServices.Fail(io, settings.Error);
        }

        var urls = parse.GetValue(Urls) ?? io.Environment("HOTLINE95_URLS") ?? DefaultUrls;
        WebApplication app;
        try
        {
            app = Hotline95WebApp.Build(settings.Value, builder => builder.WebHost.UseUrls(urls));
            app.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException ex)
        {
            io.Error.WriteLine($"hotline95: invalid configuration: {string.Join("; ", ex.Failures)}");
            return ExitCodes.Usage;
        }
        catch (InvalidOperationException ex) when (CliServices.ConfigurationValueError(ex) is { } message)
        {
            io.Error.WriteLine($"hotline95: invalid configuration: {message}");
            return ExitCodes.Usage;
        }

        await using (app)
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                // Several nodes starting together: one migrates, checks the master key and creates the first
                // administrator while the others wait, then each finds the work done. What needs no database is done first,
                // by every node at once.
                var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
                initializer.Prepare();
                await using var startUp = await StartUpLockAsync(settings.Value.Database, ct);
                var init = await initializer.InitializeAsync("--db", ct);
                if (!init.IsSuccess)
                {
                    return CliServices.Fail(io, init.Error);
                }

                string? password;
                try
                {
                    password = await SetUpSharedStateAsync(scope.ServiceProvider, ct);
                }
                catch (InvalidDataException ex)
                {
                    io.Error.WriteLine($"hotline95: calendar: {ex.Message}");
                    return ExitCodes.Usage;
                }

                io.Out.WriteLine($"Database: {init.Value.Database} ({(init.Value.Applied.Count == 0 ? "up to date" : $"applied {string.Join(", ", init.Value.Applied)}")})");
                if (password is not null)
                {
                    io.Out.WriteLine();
                    io.Out.WriteLine("First start: created the administrator account. This password is shown only once. / 首次启动：已创建管理员账户，密码仅显示一次。");
                    io.Out.WriteLine($"  user: {BootstrapAdminHandler.AdminUserName}");
                    io.Out.WriteLine($"  password: {password}");
                    io.Out.WriteLine();
                }
            }

            try
            {
                await app.StartAsync(ct);
            }
            catch (IOException ex)
            {
                io.Error.WriteLine($"hotline95: --urls: cannot listen on {urls}: {ex.Message}");
                return ExitCodes.Usage;
            }

            io.Out.WriteLine($"Hotline95 listening on {string.Join(", ", app.Urls)} — press Ctrl+C to stop.");
            await app.WaitForShutdownAsync(ct);
            return ExitCodes.Ok;
        }
    }

    /// <summary>
    /// What a starting node sets up for the whole installation once it has migrated, under the start-up lock, so that nodes
    /// starting together do it once: the calendar's notices, the first administrator (the password when made now, else
    /// null) and the first sign-in key (<see cref="Web.Auth.SessionKeyRing"/>). An unreadable calendar notice throws
    /// <see cref="InvalidDataException"/>.
    /// </summary>
    public static async Task<string?> SetUpSharedStateAsync(IServiceProvider services, CancellationToken ct)
    {
        services.GetRequiredService<WorkdayCalendar>();
        await services.GetRequiredService<CalendarNotices>().PickUpAsync(ct);
        var password = await services.GetRequiredService<BootstrapAdminHandler>().HandleAsync(ct);
        Web.Auth.SessionKeyRing.Ensure(services);
        return password;
    }

    private static async Task<IAsyncDisposable> StartUpLockAsync(DatabaseTarget target, CancellationToken ct)
    {
        try
        {
            return await ClusterLocks.AcquireAsync(target, ClusterLocks.StartUp, ct);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return ClusterLocks.None; // an unreachable database: the initializer names it and stops the start
        }
    }
}
