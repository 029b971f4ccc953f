using Hotline95.Core.Data;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.IntegrationTests.Audit;

/// <summary>The audit log's integrity is proven by attacking it directly in the database.</summary>
public abstract class AuditLogTests(DatabaseKind kind)
{
    private static async Task<TestDatabase> WithActivityAsync(DatabaseKind kind)
    {
        var database = await TestDatabase.CreateAsync(kind);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(database, "lines", "add", "95528", "--name", "热线"))).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(database, "users", "add", "--name", "alice", "--role", "Agent"))).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(database, "users", "set-role", "alice", "Supervisor"))).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(database, "apikey", "create", "--name", "pbx"))).ExitCode);
        return database;
    }


    [Fact]
    public async Task AuditVerify_UntouchedLog_ExitsZero()
    {
        await using var database = await WithActivityAsync(kind);

        var result = await CliRunner.RunAsync(CliRunner.On(database, "audit", "verify"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("4 entries", result.Out);
    }

    [Fact]
    public async Task AuditVerify_AlteredEntry_FailsNamingIt()
    {
        await using var database = await WithActivityAsync(kind);
        await using (var db = database.OpenContext())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_log SET \"Details\" = 'Agent->Admin' WHERE \"Sequence\" = 3");
        }

        var result = await CliRunner.RunAsync(CliRunner.On(database, "audit", "verify"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("#3", result.Error);
    }

    [Fact]
    public async Task AuditVerify_RemovedEntry_FailsNamingTheGap()
    {
        await using var database = await WithActivityAsync(kind);
        await using (var db = database.OpenContext())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM audit_log WHERE \"Sequence\" = 2");
        }

        var result = await CliRunner.RunAsync(CliRunner.On(database, "audit", "verify"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("#2", result.Error);
    }

    [Fact]
    public async Task AuditVerify_ReorderedEntries_Fails()
    {
        await using var database = await WithActivityAsync(kind);
        await using (var db = database.OpenContext())
        {
            // Swap entries 2 and 3 keeping their own hashes: the sequence numbers now lie about the order.
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_log SET \"Sequence\" = 1000 WHERE \"Sequence\" = 2");
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_log SET \"Sequence\" = 2 WHERE \"Sequence\" = 3");
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_log SET \"Sequence\" = 3 WHERE \"Sequence\" = 1000");
        }

        var result = await CliRunner.RunAsync(CliRunner.On(database, "audit", "verify"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("#2", result.Error);
    }
}

public sealed class AuditLogTestsOnSqlite() : AuditLogTests(DatabaseKind.Sqlite);

public sealed class AuditLogTestsOnPostgres() : AuditLogTests(DatabaseKind.Postgres);
