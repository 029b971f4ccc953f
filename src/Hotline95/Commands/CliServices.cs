using System.CommandLine;
using Hotline95.Core.Calendar;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Enterprises;
using Hotline95.Core.Hosting;
using Hotline95.Core.Security;
using Hotline95.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hotline95.Commands;

/// <summary>Builds the same services the web host uses, for one shell command, and reports start-up problems as one line.</summary>
internal static class CliServices
{
    public static Result<Hotline95Settings> ResolveSettings(ParseResult parse, CliIo io) =>
        Hotline95Settings.Resolve(parse.GetValue(GlobalOptions.Db), parse.GetValue(GlobalOptions.Data), io.Environment);

    /// <summary>Runs <paramref name="body"/> with services; the database is migrated first unless <paramref name="database"/> is false.</summary>
    public static async Task<int> RunAsync(ParseResult parse, CliIo io, CancellationToken ct, Func<CommandScope, Task<int>> body, bool database = true)
    {
        var settings = ResolveSettings(parse, io);
        if (!settings.IsSuccess)
        {
            return Fail(io, settings.Error);
        }

        var services = new ServiceCollection();
        var configuration = Hotline95Configuration.Build(settings.Value);
        services.AddSingleton(configuration);
        // Shell output is the command's answer: diagnostics go to stderr, and only warnings and worse.
        services.AddLogging(b => b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
        services.AddHotline95Core(configuration, settings.Value);
        await using var provider = services.BuildServiceProvider();

        try
        {
            provider.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException ex)
        {
            return Fail(io, new Error("CONFIG_INVALID", $"invalid configuration: {string.Join("; ", ex.Failures)}"));
        }

        await using var scope = provider.CreateAsyncScope();
        MigrationOutcome? migration = null;
        if (database)
        {
            var init = await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(SettingName(parse, io), ct);
            if (!init.IsSuccess)
            {
                return Fail(io, init.Error);
            }

            migration = init.Value;
            var master = scope.ServiceProvider.GetRequiredService<KeyRing>().Master();
            if (!master.IsSuccess)
            {
                return Fail(io, master.Error);
            }

            // Deadlines computed by this command use the notices loaded into the installation (and any new one in the folder).
            await scope.ServiceProvider.GetRequiredService<CalendarNotices>().PickUpAsync(ct);
        }

        return await body(new CommandScope(scope.ServiceProvider, parse, io, migration, ct));
    }

    /// <summary>Like <see cref="RunAsync"/>, for commands that act on one enterprise (--enterprise, or the default one).</summary>
    public static Task<int> RunForEnterpriseAsync(ParseResult parse, CliIo io, CancellationToken ct, Func<CommandScope, Enterprise, Task<int>> body) =>
        RunAsync(parse, io, ct, async scope =>
        {
            var enterprise = await scope.EnterpriseAsync();
            return enterprise.IsSuccess ? await body(scope, enterprise.Value) : Fail(io, enterprise.Error);
        });

    public static int Fail(CliIo io, Error error)
    {
        io.Error.WriteLine($"hotline95: {error.Message}");
        return error.Kind == ErrorKind.NotFound ? ExitCodes.Negative : ExitCodes.Usage;
    }

    private static string SettingName(ParseResult parse, CliIo io) =>
        !string.IsNullOrWhiteSpace(parse.GetValue(GlobalOptions.Db)) ? "--db"
        : !string.IsNullOrWhiteSpace(io.Environment(Hotline95Settings.DbVariable)) ? Hotline95Settings.DbVariable
        : "--db";
}

/// <summary>What a command body gets: services, its parsed arguments, and where to write.</summary>
internal sealed record CommandScope(IServiceProvider Services, ParseResult Parse, CliIo Io, MigrationOutcome? Migration, CancellationToken CancellationToken)
{
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public TextWriter Out => Io.Out;

    public async Task<Result<Enterprise>> EnterpriseAsync() =>
        await Get<EnterpriseDirectory>().FindAsync(Parse.GetValue(GlobalOptions.Enterprise), CancellationToken);

    /// <summary>Who is acting, for the audit log: the operating-system user at the shell.</summary>
    public string Actor => $"cli:{Environment.UserName}";
}
