using Hotline95.Core.Data;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.IntegrationTests.Data;

public abstract class MigrationTests(DatabaseKind kind)
{
    [Fact]
    public async Task DbMigrate_EmptyDatabase_AppliesEveryMigrationAndLeavesNoModelChangesPending()
    {
        await using var database = await TestDatabase.CreateAsync(kind);

        var first = await CliRunner.RunAsync(CliRunner.On(database, "db", "migrate"));
        var second = await CliRunner.RunAsync(CliRunner.On(database, "db", "migrate"));

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Initial", first.Out);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("up to date", second.Out);

        await using var db = database.OpenContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration: run dotnet ef migrations add for both providers");
        Assert.Equal(1, await db.Enterprises.CountAsync());
    }
}

public sealed class MigrationTestsOnSqlite() : MigrationTests(DatabaseKind.Sqlite);

public sealed class MigrationTestsOnPostgres() : MigrationTests(DatabaseKind.Postgres);
