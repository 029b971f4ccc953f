using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>
    /// The detail PostgreSQL adds to a refusal by <see cref="RefuseInsertsAsync"/>, as a constraint's refusal carries the
    /// row's values (shown to a client whose connection string has <c>Include Error Detail</c>, as the tests' has).
    /// </summary>
    public const string RefusedRowDetail = "Failing row contains (13800138000, 张三)";

    /// <summary>
    /// A write fault for as long as the result is not disposed: every insert into <typeparamref name="TEntity"/>'s table is
    /// refused by the database itself (a trigger), as a full disk or a lost privilege would refuse it.
    /// </summary>
    public async Task<IAsyncDisposable> RefuseInsertsAsync<TEntity>()
    {
        await using var db = OpenContext();
        var table = db.Model.FindEntityType(typeof(TEntity))!.GetTableName()!;
        string[] refuse = Kind == DatabaseKind.Postgres
            ?
            [
                "CREATE FUNCTION test_refuse_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'insert refused (test fault)' USING DETAIL = '" + RefusedRowDetail + "'; END $$",
                $"CREATE TRIGGER test_refuse_insert BEFORE INSERT ON \"{table}\" FOR EACH ROW EXECUTE FUNCTION test_refuse_insert()",
            ]
            : [$"CREATE TRIGGER test_refuse_insert BEFORE INSERT ON \"{table}\" BEGIN SELECT RAISE(ABORT, 'insert refused (test fault)'); END"];
        string[] allow = Kind == DatabaseKind.Postgres
            ? [$"DROP TRIGGER test_refuse_insert ON \"{table}\"", "DROP FUNCTION test_refuse_insert()"]
            : ["DROP TRIGGER test_refuse_insert"];
        foreach (var sql in refuse)
        {
            await db.Database.ExecuteSqlRawAsync(sql);
        }

        return new Fault(this, allow);
    }

    /// <summary>
    /// For as long as the result is not disposed, every update of a <typeparamref name="TEntity"/> row is silently skipped (a
    /// trigger), as when another process changed or destroyed the row between a read and a conditional update of it: the
    /// update finds no row as read.
    /// </summary>
    public async Task<IAsyncDisposable> SkipUpdatesAsync<TEntity>()
    {
        await using var db = OpenContext();
        var table = db.Model.FindEntityType(typeof(TEntity))!.GetTableName()!;
        string[] skip = Kind == DatabaseKind.Postgres
            ?
            [
                "CREATE FUNCTION test_skip_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$",
                $"CREATE TRIGGER test_skip_update BEFORE UPDATE ON \"{table}\" FOR EACH ROW EXECUTE FUNCTION test_skip_update()",
            ]
            : [$"CREATE TRIGGER test_skip_update BEFORE UPDATE ON \"{table}\" BEGIN SELECT RAISE(IGNORE); END"];
        string[] allow = Kind == DatabaseKind.Postgres
            ? [$"DROP TRIGGER test_skip_update ON \"{table}\"", "DROP FUNCTION test_skip_update()"]
            : ["DROP TRIGGER test_skip_update"];
        foreach (var sql in skip)
        {
            await db.Database.ExecuteSqlRawAsync(sql);
        }

        return new Fault(this, allow);
    }

    private sealed class Fault(TestDatabase database, string[] allow) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using var db = database.OpenContext();
            foreach (var sql in allow)
            {
                await db.Database.ExecuteSqlRawAsync(sql);
            }
        }
    }

    public string SqlitePath => new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(Target.ConnectionString).DataSource;

    /// <summary>
    /// A throwaway database: empty (as <c>hotline95 migrate</c> or a first start finds a new installation), or, with
    /// <paramref name="migrated"/>, already holding the schema (every migration applied, no rows, no keys), copied from
    /// a template migrated once per test process, so a test that starts the application does not pay for the
    /// migrations. Tests of migrating itself (the CLI, the start-up lock, upgrades) take the empty one.
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind, bool migrated = false)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("hotline95-test-").FullName;
        if (kind == DatabaseKind.Sqlite)
        {
            var path = Path.Combine(dataDirectory, DatabaseTarget.DefaultFileName);
            if (migrated)
            {
                File.Copy(await SqliteTemplate.Value, path);
            }
            else
            {
                // An empty database, as CREATE DATABASE gives PostgreSQL: commands refuse a path with no database at all.
                await File.WriteAllBytesAsync(path, []);
            }

            return new TestDatabase(kind, dataDirectory, DatabaseTarget.Parse(path, dataDirectory).Value, null);
        }

        TestEnvironment.RequirePostgres();
        var name = $"h95_test_{Guid.NewGuid():N}";
        var template = migrated ? $" TEMPLATE \"{await PostgresTemplate.Value}\"" : "";
        await using (var admin = new NpgsqlConnection(TestEnvironment.PostgresAdmin))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{template}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresAdmin) { Database = name };
        // Through Parse, as the product reads HOTLINE95_DB, so the tests run with its defaults (statements auto-prepared).
        return new TestDatabase(kind, dataDirectory, DatabaseTarget.Parse(builder.ConnectionString, dataDirectory).Value, name);
    }

    /// <summary>A migrated SQLite file in this process's temp folder (removed when the process exits).</summary>
    private static readonly Lazy<Task<string>> SqliteTemplate = new(() => Task.Run(async () =>
    {
        var folder = Directory.CreateTempSubdirectory("hotline95-template-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteFolder(folder);
        var path = Path.Combine(folder, DatabaseTarget.DefaultFileName);
        await File.WriteAllBytesAsync(path, []);
        // Unpooled, so the file is whole and closed once the migrations are done.
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = path, Pooling = false };
        await MigrateAsync(new DatabaseTarget(DatabaseProvider.Sqlite, file.ConnectionString));
        return path;
    }));

    /// <summary>
    /// A migrated PostgreSQL database to copy (CREATE DATABASE … TEMPLATE), named after a hash of the migrations assembly and the EF and Npgsql versions, so
    /// every test process on the server (and every worktree with the same migrations) shares it. One process builds it
    /// under an advisory lock, under another name, and renames it when complete: no one copies a half-migrated template.
    /// </summary>
    private static readonly Lazy<Task<string>> PostgresTemplate = new(() => Task.Run(async () =>
    {
        var assembly = Path.Combine(AppContext.BaseDirectory, DatabaseSetup.PostgresMigrationsAssembly + ".dll");
        // The migrations and the providers that turn them into SQL: a patch release of EF or Npgsql may change the SQL.
        var versions = string.Join("|", new[] { typeof(Microsoft.EntityFrameworkCore.DbContext), typeof(NpgsqlConnection), typeof(Microsoft.EntityFrameworkCore.NpgsqlDbContextOptionsBuilderExtensions) }
            .Select(t => System.Diagnostics.FileVersionInfo.GetVersionInfo(t.Assembly.Location).FileVersion));
        var hash = System.Security.Cryptography.SHA256.HashData([.. await File.ReadAllBytesAsync(assembly), .. System.Text.Encoding.UTF8.GetBytes(versions)]);
        var name = $"h95_tmpl_{Convert.ToHexStringLower(hash)[..16]}";
        await using var admin = new NpgsqlConnection(TestEnvironment.PostgresAdmin);
        await admin.OpenAsync();
        await ExecuteAsync(admin, $"SELECT pg_advisory_lock({BitConverter.ToInt64(hash)})");
        try
        {
            await using (var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", admin))
            {
                exists.Parameters.AddWithValue("name", name);
                if ((long)(await exists.ExecuteScalarAsync())! > 0)
                {
                    return name;
                }
            }

            // A process that died while building left its half-built copy behind; no one else builds one under this lock.
            var leftovers = new List<string>();
            await using (var find = new NpgsqlCommand("SELECT datname FROM pg_database WHERE left(datname, length(@name) + 1) = @name || '_'", admin))
            {
                find.Parameters.AddWithValue("name", name);
                await using var reader = await find.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    leftovers.Add(reader.GetString(0));
                }
            }

            foreach (var leftover in leftovers)
            {
                await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{leftover}\" WITH (FORCE)");
            }

            var building = $"{name}_{Guid.NewGuid():N}";
            await ExecuteAsync(admin, $"CREATE DATABASE \"{building}\"");
            var target = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresAdmin) { Database = building, Pooling = false };
            await MigrateAsync(new DatabaseTarget(DatabaseProvider.Postgres, target.ConnectionString));
            await ExecuteAsync(admin, $"ALTER DATABASE \"{building}\" RENAME TO \"{name}\"");
            return name;
        }
        finally
        {
            await ExecuteAsync(admin, $"SELECT pg_advisory_unlock({BitConverter.ToInt64(hash)})");
        }
    }));

    private static async Task MigrateAsync(DatabaseTarget target)
    {
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<Hotline95DbContext>();
        options.Use(target);
        await using var db = new Hotline95DbContext(options.Options);
        await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(db.Database);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
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

        DeleteFolder(DataDirectory);
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
