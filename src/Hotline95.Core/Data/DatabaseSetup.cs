using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Data;

public static class DatabaseSetup
{
    public const string SqliteMigrationsAssembly = "Hotline95.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Hotline95.Migrations.Postgres";

    private static readonly SqlitePragmas Pragmas = new();

    // Search by caller reads one caller's rows through the blind index with a cap and no ORDER BY, on purpose
    // (an ORDER BY lets SQLite pick the date index and scan the whole enterprise); the rows are sorted in memory.
    private static readonly Microsoft.Extensions.Logging.EventId RowLimitWithoutOrder =
        Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.RowLimitingOperationWithoutOrderByWarning;

    public static DbContextOptionsBuilder Use(this DbContextOptionsBuilder options, DatabaseTarget target)
    {
        options.ConfigureWarnings(w => w.Ignore(RowLimitWithoutOrder));
        return target.Provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(target.ConnectionString, x => x.MigrationsAssembly(SqliteMigrationsAssembly)).AddInterceptors(Pragmas),
            DatabaseProvider.Postgres => options.UseNpgsql(target.ConnectionString, x => x.MigrationsAssembly(PostgresMigrationsAssembly)),
            _ => throw new ArgumentOutOfRangeException(nameof(target), target.Provider, null),
        };
    }
}
