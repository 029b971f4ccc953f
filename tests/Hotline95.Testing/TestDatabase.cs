using Hotline95.Core.Data;
using Npgsql;

namespace Hotline95.Testing;

/// <summary>A throwaway database (a SQLite file in a temp folder, or a fresh PostgreSQL database) and data directory.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _postgresName;

    private TestDatabase(DatabaseKind kind, string dataDirectory, DatabaseTarget target, string? postgresName)
    {
        Kind = kind;
        DataDirectory = dataDirectory;
        Target = target;
        _postgresName = postgresName;
    }

    public DatabaseKind Kind { get; }
    public string DataDirectory { get; }
    public DatabaseTarget Target { get; }

    /// <summary>The value to pass as <c>--db</c>.</summary>
    public string DbArgument => Kind == DatabaseKind.Sqlite ? SqlitePath : Target.ConnectionString;

    /// <summary>A context straight on the database, for tests that inspect or attack the stored rows.</summary>
    public Hotline95DbContext OpenContext()
    {
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<Hotline95DbContext>();
        options.Use(Target);
        return new Hotline95DbContext(options.Options);
    }

    public string SqlitePath => new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(Target.ConnectionString).DataSource;

    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("hotline95-test-").FullName;
        if (kind == DatabaseKind.Sqlite)
        {
            // An empty database, as CREATE DATABASE gives PostgreSQL: commands refuse a path with no database at all.
            var path = Path.Combine(dataDirectory, DatabaseTarget.DefaultFileName);
            await File.WriteAllBytesAsync(path, []);
            return new TestDatabase(kind, dataDirectory, DatabaseTarget.Parse(path, dataDirectory).Value, null);
        }

        TestEnvironment.RequirePostgres();
        var name = $"h95_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(TestEnvironment.PostgresAdmin))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresAdmin) { Database = name };
        return new TestDatabase(kind, dataDirectory, new DatabaseTarget(DatabaseProvider.Postgres, builder.ConnectionString), name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(TestEnvironment.PostgresAdmin);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
