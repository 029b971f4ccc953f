using Hotline95.Core.Common;
using Hotline95.Core.Data;

namespace Hotline95.Core.Hosting;

/// <summary>
/// Where the installation keeps its state: the data directory (database, keys, recordings, calendar
/// notices) and the database. Resolved once at start-up: option, then environment variable, then default.
/// </summary>
public sealed record Hotline95Settings(string DataDirectory, DatabaseTarget Database)
{
    public const string DbVariable = "HOTLINE95_DB";
    public const string DataVariable = "HOTLINE95_DATA";
    public const string SharedVariable = "HOTLINE95_SHARED";
    public const string DefaultDataDirectory = "data";

    /// <summary>
    /// Where the files every node of an installation must see live: recordings, holiday notice files, audit anchors.
    /// The data directory unless HOTLINE95_SHARED names a directory that all nodes mount (several nodes on one database).
    /// </summary>
    public string SharedDirectory { get => _shared ?? DataDirectory; init => _shared = value; }

    private readonly string? _shared;

    /// <summary>The encrypted recordings.</summary>
    public string RecordingsDirectory => Path.Combine(SharedDirectory, "recordings");

    /// <summary>The environment the settings were resolved from (the master key variable is read from it); null: the process's.</summary>
    public Func<string, string?>? Environment { get; init; }

    public static Result<Hotline95Settings> Resolve(string? dbOption, string? dataOption, Func<string, string?> environment)
    {
        var (dataText, dataSetting) = Pick(dataOption, "--data", environment(DataVariable), DataVariable);
        var dataDirectory = Path.GetFullPath(string.IsNullOrWhiteSpace(dataText) ? DefaultDataDirectory : dataText);
        var (dbText, dbSetting) = Pick(dbOption, "--db", environment(DbVariable), DbVariable);

        try
        {
            if (!Directory.Exists(dataDirectory))
            {
                Security.MasterKeyStore.CreatePrivateDirectory(dataDirectory); // 0700: it holds the database and the keys
            }

            ProbeWritable(dataDirectory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Error.Validation(dataSetting, "DATA_DIR_UNWRITABLE", ("setting", dataSetting), ("directory", dataDirectory), ("cause", ex.Message));
        }

        var database = DatabaseTarget.Parse(dbText, dataDirectory, dbSetting);
        if (!database.IsSuccess)
        {
            return database.Error;
        }

        if (database.Value.SqliteFile is { } file)
        {
            if (file != ":memory:")
            {
                try
                {
                    var folder = Path.GetDirectoryName(file)!;
                    Directory.CreateDirectory(folder);
                    ProbeWritable(folder);
                    if (File.Exists(file) && File.GetAttributes(file).HasFlag(FileAttributes.ReadOnly))
                    {
                        throw new UnauthorizedAccessException("the file is read-only");
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    return Error.Validation(dbSetting, "DB_UNWRITABLE", ("setting", dbSetting), ("file", file), ("cause", ex.Message));
                }
            }
        }

        var shared = environment(SharedVariable);
        return new Hotline95Settings(dataDirectory, database.Value)
        {
            Environment = environment,
            SharedDirectory = string.IsNullOrWhiteSpace(shared) ? dataDirectory : Path.GetFullPath(shared),
        };
    }

    private static (string? Value, string Setting) Pick(string? option, string optionName, string? env, string envName) =>
        !string.IsNullOrWhiteSpace(option) ? (option, optionName)
        : !string.IsNullOrWhiteSpace(env) ? (env, envName)
        : (null, optionName);

    private static void ProbeWritable(string folder)
    {
        var probe = Path.Combine(folder, $".write-probe-{System.Environment.ProcessId}");
        File.WriteAllText(probe, "");
        File.Delete(probe);
    }
}
