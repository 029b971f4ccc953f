using Hotline95.Core.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hotline95.Core.Data;

/// <summary>
/// Where the data lives. <c>Host=…</c> or <c>postgres://…</c> selects PostgreSQL; anything else is a SQLite
/// file path or a <c>Data Source=</c> string. Empty means <c>&lt;data&gt;/hotline95.db</c>.
/// </summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultFileName = "hotline95.db";

    public static Result<DatabaseTarget> Parse(string? value, string dataDirectory, string setting = "--db")
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            return Sqlite(Path.Combine(dataDirectory, DefaultFileName));
        }

        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return FromPostgresUrl(text, setting);
        }

        if (text.Contains("Host=", StringComparison.OrdinalIgnoreCase) || text.Contains("Server=", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return Postgres(new NpgsqlConnectionStringBuilder(text));
            }
            catch (ArgumentException ex)
            {
                return Error.Validation(setting, "DB_INVALID", ("setting", setting), ("reason", Phrase.Of("db.postgresConnection", ("cause", ex.Message))));
            }
        }

        if (text.Contains('=', StringComparison.Ordinal))
        {
            try
            {
                var builder = new SqliteConnectionStringBuilder(text);
                return Sqlite(builder.DataSource);
            }
            catch (ArgumentException ex)
            {
                return Error.Validation(setting, "DB_INVALID", ("setting", setting), ("reason", Phrase.Of("db.sqliteConnection", ("cause", ex.Message))));
            }
        }

        return Sqlite(text);
    }

    /// <summary>The SQLite database file (null for PostgreSQL).</summary>
    public string? SqliteFile => Provider == DatabaseProvider.Sqlite ? new SqliteConnectionStringBuilder(ConnectionString).DataSource : null;

    /// <summary>True unless this is a SQLite file that does not exist yet (a PostgreSQL database is taken to exist).</summary>
    public bool Exists => SqliteFile is not { } file || File.Exists(file);

    /// <summary>A redacted form for logs and health output: never the password.</summary>
    public string Describe() => Provider switch
    {
        DatabaseProvider.Postgres => new NpgsqlConnectionStringBuilder(ConnectionString) is var b
            ? $"PostgreSQL {b.Host}:{b.Port}/{b.Database}"
            : "PostgreSQL",
        _ => $"SQLite {SqliteFile}",
    };

    private static DatabaseTarget Sqlite(string path)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path == ":memory:" ? path : Path.GetFullPath(path),
            // Waits for a writer in another process (CLI beside the server) instead of failing at once.
            DefaultTimeout = 30,
            Pooling = true,
        };
        return new DatabaseTarget(DatabaseProvider.Sqlite, builder.ConnectionString);
    }

    private static Result<DatabaseTarget> FromPostgresUrl(string url, string setting)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return Error.Validation(setting, "DB_INVALID", ("setting", setting), ("reason", Phrase.Of("db.postgresUrl", ("url", Redact(url)))));
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } db ? db : "hotline95",
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }

        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            try
            {
                builder[Uri.UnescapeDataString(kv[0]).Replace('_', ' ')] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            }
            catch (ArgumentException)
            {
                return Error.Validation(setting, "DB_INVALID", ("setting", setting), ("reason", Phrase.Of("db.postgresParameter", ("parameter", kv[0]))));
            }
        }

        return Postgres(builder);
    }

    /// <summary>At most this many statements per connection are kept prepared on the server (Npgsql's auto-prepare).</summary>
    public const int AutoPreparedStatements = 64;

    /// <summary>
    /// Npgsql's automatic preparation, unless the connection string sets <c>Max Auto Prepare</c> itself (0 turns it off, e.g.
    /// behind PgBouncer in transaction mode older than 1.21 or without <c>max_prepared_statements</c>): a statement run twice
    /// on a connection is kept prepared, so the server no longer parses and plans each CTI batch's statements (figures in
    /// docs/benchmarks.md, <c>cti-cold</c>).
    /// </summary>
    private static DatabaseTarget Postgres(NpgsqlConnectionStringBuilder builder)
    {
        // The keys as given (Npgsql's builder answers ContainsKey for every key it knows, set or not).
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = builder.ConnectionString };
        if (!given.ContainsKey("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
            if (!given.ContainsKey("Auto Prepare Min Usages"))
            {
                builder.AutoPrepareMinUsages = 2;
            }
        }

        return new DatabaseTarget(DatabaseProvider.Postgres, builder.ConnectionString);
    }

    private static string Redact(string url) => url.Contains('@', StringComparison.Ordinal) ? "postgres://***@" + url[(url.LastIndexOf('@') + 1)..] : url;
}
