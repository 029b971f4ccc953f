using System.CommandLine;

namespace Hotline95.Commands;

/// <summary>Options every subcommand accepts.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Db = new("--db")
    {
        Description = "Database: a SQLite file path or 'Data Source=…', or PostgreSQL as 'Host=…;Database=…' or postgres://user:pass@host:port/db. Env: HOTLINE95_DB. Default: <data>/hotline95.db",
        Recursive = true,
    };

    public static readonly Option<string?> Data = new("--data")
    {
        Description = "Data directory (database, keys, recordings, calendar notices). Env: HOTLINE95_DATA. Default: ./data",
        Recursive = true,
    };

    public static readonly Option<string?> Enterprise = new("--enterprise")
    {
        Description = "The enterprise (tenant) to act on, by its short name. Default: the installation's default enterprise",
        Recursive = true,
    };
}
