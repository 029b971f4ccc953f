using System.Net.Http.Json;
using Hotline95.Core.Audit;
using Hotline95.Core.Data;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hotline95.IntegrationTests.Complaints;

/// <summary>
/// A PostgreSQL database whose default isolation is repeatable read (a DBA's choice the product does not control). The
/// product's transactions do not take the default: Npgsql begins each with its level, read committed unless asked. At
/// repeatable read, a transaction that waits for the audit chain's lock would read the chain's head from a snapshot taken
/// before it waited, and its entry would clash with the one committed meanwhile.
/// </summary>
public sealed class RepeatableReadDefaultTests
{
    [Fact]
    public async Task Complaints_CreatedTogetherOnADatabaseDefaultingToRepeatableRead_AreAllStoredWithTheirAuditEntries()
    {
        TestEnvironment.RequirePostgres();
        await using var app = await ComplaintScenario.StartAsync(DatabaseKind.Postgres);
        await using (var db = app.Database.OpenContext())
        {
            var sql = "ALTER DATABASE \"" + db.Database.GetDbConnection().Database + "\" SET default_transaction_isolation = 'repeatable read'";
            await db.Database.ExecuteSqlRawAsync(sql);
        }

        NpgsqlConnection.ClearAllPools(); // new sessions take the database's default
        await using (var db = app.Database.OpenContext())
        {
            Assert.Equal("repeatable read", await db.Database.SqlQueryRaw<string>("SELECT current_setting('default_transaction_isolation') AS \"Value\"").SingleAsync());
        }

        var agent = await app.LoginAsAgentAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => agent.PostAsJsonAsync("/api/complaints", new { line = ComplaintScenario.Line, summary = $"扣费争议 {i}" })));

        Assert.All(answers, a => Assert.True(a.IsSuccessStatusCode, $"{(int)a.StatusCode}: {a.Content.ReadAsStringAsync().Result}"));
        var (complaints, received, verification) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Hotline95DbContext>();
            return (await db.Complaints.CountAsync(), await db.AuditEntries.CountAsync(e => e.Action == AuditActions.ComplaintReceived),
                await sp.GetRequiredService<VerifyAuditLogHandler>().HandleAsync());
        });
        Assert.Equal(12, complaints);
        Assert.Equal(12, received);
        Assert.True(verification.Intact, verification.Describe());
    }
}
