using System.CommandLine;
using Hotline95.Core.Calendar;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Enterprises;
using Hotline95.Core.Hosting;
using Hotline95.Core.Security;
using Hotline95.Text;
using Hotline95.Web;
using Microsoft.EntityFrameworkCore;
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
    /// <param name="createsDatabase">Whether the command may create a SQLite database that does not exist (db migrate,
    /// keys init, keys recover, backup restore); any other command refuses a path with no database behind it, instead of
    /// quietly starting an empty installation there.</param>
    public static async Task<int> RunAsync(ParseResult parse, CliIo io, CancellationToken ct, Func<CommandScope, Task<int>> body, bool database = true,
        MasterKeyCheck masterKey = MasterKeyCheck.VerifyOrCreate, bool createsDatabase = false)
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
        // EF's own log of a failed command or save is not: the command reports the failure itself, in one line, without the
        // stack trace and the details (row values, with Include Error Detail) EF's log carries (DatabaseCause).
        services.AddLogging(b => b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.EntityFrameworkCore.Update", LogLevel.None).AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None));
        services.AddServerText().AddHotline95Core(configuration, settings.Value);
        await using var provider = services.BuildServiceProvider();

        try
        {
            provider.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException ex)
        {
            return Fail(io, Error.Of(ErrorKind.Validation, "CONFIG_INVALID", null, ("cause", string.Join("; ", ex.Failures))));
        }
        catch (InvalidOperationException ex) when (ConfigurationValueError(ex) is { } message)
        {
            return Fail(io, Error.Of(ErrorKind.Validation, "CONFIG_INVALID", null, ("cause", message)));
        }

        if (database && !createsDatabase && !settings.Value.Database.Exists)
        {
            return Fail(io, Error.Validation(SettingName(parse, io), "DB_MISSING", ("file", settings.Value.Database.SqliteFile), ("variable", Hotline95Settings.DbVariable)));
        }

        await using var scope = provider.CreateAsyncScope();
        try
        {
            MigrationOutcome? migration = null;
            if (database)
            {
                // The master key is checked against the stored keys before anything is written (MasterKeyGuard).
                var init = await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(SettingName(parse, io), ct, masterKey);
                if (!init.IsSuccess)
                {
                    return Fail(io, init.Error);
                }

                migration = init.Value;

                // Deadlines computed by this command use the notices loaded into the installation (the server picks up the folder).
                await scope.ServiceProvider.GetRequiredService<CalendarNotices>().SyncAsync(ct);
            }

            return await body(new CommandScope(scope.ServiceProvider, parse, io, migration, ct));
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException)
        {
            // Not a crash with a stack trace: what the database said, and what that means for the work.
            io.Error.WriteLine($"hotline95: {ServerText.Both(Error.Of(ErrorKind.Conflict, "DB_FAILED", null, ("cause", DatabaseCause(ex))))}");
            return ExitCodes.DatabaseFailed;
        }
    }

    /// <summary>
    /// What the database said, without the row values its details can carry (PostgreSQL's DETAIL, shown with
    /// <c>Include Error Detail</c>): the SQL state and the message's first line.
    /// </summary>
    private static string DatabaseCause(Exception ex)
    {
        var cause = ex;
        while (cause.InnerException is { } inner)
        {
            cause = inner;
        }

        var text = cause is Npgsql.PostgresException postgres ? $"{postgres.SqlState} {postgres.MessageText}" : cause.Message;
        return text.Split('\n')[0].Trim().TrimEnd('.', '。');
    }

    /// <summary>Like <see cref="RunAsync"/>, for commands that act on one enterprise (--enterprise, or the default one).</summary>
    public static Task<int> RunForEnterpriseAsync(ParseResult parse, CliIo io, CancellationToken ct, Func<CommandScope, Enterprise, Task<int>> body) =>
        RunAsync(parse, io, ct, async scope =>
        {
            var enterprise = await scope.EnterpriseAsync();
            return enterprise.IsSuccess ? await body(scope, enterprise.Value) : Fail(io, enterprise.Error);
        });

    /// <summary>A setting that cannot even be read as its type (Identity:LockoutDuration=banana): its message, naming the setting.</summary>
    public static string? ConfigurationValueError(Exception ex)
    {
        for (var e = (Exception?)ex; e is not null; e = e.InnerException)
        {
            if (e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
            {
                return e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;
            }
        }

        return null;
    }

    public static int Fail(CliIo io, Error error)
    {
        io.Error.WriteLine($"hotline95: {ServerText.Both(error)}");
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
