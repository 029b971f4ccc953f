using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Data;

public static class DatabaseSetup
{
    public const string SqliteMigrationsAssembly = "Hotline95.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Hotline95.Migrations.Postgres";

    private static readonly SqlitePragmas Pragmas = new();

    public static DbContextOptionsBuilder Use(this DbContextOptionsBuilder options, DatabaseTarget target) => target.Provider switch
    {
        DatabaseProvider.Sqlite => options.UseSqlite(target.ConnectionString, x => x.MigrationsAssembly(SqliteMigrationsAssembly)).AddInterceptors(Pragmas),
        DatabaseProvider.Postgres => options.UseNpgsql(target.ConnectionString, x => x.MigrationsAssembly(PostgresMigrationsAssembly)),
        _ => throw new ArgumentOutOfRangeException(nameof(target), target.Provider, null),
    };
}
