using System.Net.Http.Json;
using Hotline95.Core.Data;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>A forger with the database but not the master key: deletes an entry and recomputes the whole chain as the old unkeyed scheme did.</summary>
    [Fact]
    public async Task AuditVerify_ChainRecomputedWithoutTheAuditKey_IsDetected()
    {
        await using var database = await WithActivityAsync(kind);
        await using (var db = database.OpenContext())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM audit_log WHERE \"Sequence\" = 3");
            var entries = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
            await db.Database.ExecuteSqlRawAsync("DELETE FROM audit_log");
            await RewriteAsync(db, entries);
        }

        var result = await CliRunner.RunAsync(CliRunner.On(database, "audit", "verify"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("#1", result.Error);
        Assert.Contains("audit key", result.Error);
    }

    [Fact]
    public async Task AuditVerify_EntriesRemovedUpToTheNewestAnchor_IsDetectedEvenWithAValidChain()
    {
        await using var database = await WithActivityAsync(kind);
        var anchor = await CliRunner.RunAsync(CliRunner.On(database, "audit", "anchor"));
        Assert.Equal(0, anchor.ExitCode);
        Assert.Contains("#4", anchor.Out);
        await using (var db = database.OpenContext())
        {
            // Truncating the tail leaves a chain whose every remaining link still holds.
            await db.Database.ExecuteSqlRawAsync("DELETE FROM audit_log WHERE \"Sequence\" >= 3");
        }

        var result = await CliRunner.RunAsync(CliRunner.On(database, "audit", "verify"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("anchored", result.Error);
        Assert.Contains("removed", result.Error);
    }

    [Fact]
    public async Task ExistingUnkeyedChain_IsMovedOntoTheAuditKeyOnce_AndRecordsThatItWasIntact()
    {
        await using var database = await WithActivityAsync(kind);
        await using (var db = database.OpenContext())
        {
            // Put the log back as an installation before the audit key wrote it: plain SHA-256 links, no key.
            var entries = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
            await db.Database.ExecuteSqlRawAsync("DELETE FROM audit_log");
            await db.Database.ExecuteSqlRawAsync("DELETE FROM audit_keys");
            await RewriteAsync(db, entries);
        }

        var verify = await CliRunner.RunAsync(CliRunner.On(database, "audit", "verify"));

        Assert.Equal(0, verify.ExitCode);
        await using var after = database.OpenContext();
        var keyed = await after.AuditEntries.SingleAsync(e => e.Action == Core.Audit.AuditLog.ChainKeyed);
        Assert.Equal("entries=4 legacy=intact", keyed.Details);
        Assert.Equal(1, await after.AuditKeys.CountAsync());
    }

    /// <summary>Writes <paramref name="entries"/> again, numbered from 1 and linked by plain SHA-256 (what anyone can compute).</summary>
    private static async Task RewriteAsync(Hotline95DbContext db, IReadOnlyList<Core.Audit.AuditEntry> entries)
    {
        var previous = Core.Audit.AuditChain.GenesisHash;
        var sequence = 1L;
        foreach (var e in entries)
        {
            var shape = new Core.Audit.AuditEntry
            {
                Sequence = sequence++, EnterpriseId = e.EnterpriseId, At = e.At, Actor = e.Actor, Action = e.Action, Target = e.Target, Details = e.Details,
                PreviousHash = previous, Hash = "",
            };
            var hash = Core.Audit.AuditChain.ComputeLegacy(shape);
            db.AuditEntries.Add(new Core.Audit.AuditEntry
            {
                Sequence = shape.Sequence, EnterpriseId = e.EnterpriseId, At = e.At, Actor = e.Actor, Action = e.Action, Target = e.Target, Details = e.Details,
                PreviousHash = previous, Hash = hash,
            });
            previous = hash;
        }

        await db.SaveChangesAsync();
    }

    /// <summary>
    /// A change and the entry that records it commit together (<see cref="Core.Audit.AuditLog.SaveAndAppendAsync"/>): while
    /// the database refuses audit entries, a line added, a role changed, a key revoked and the default outbound line moved
    /// (which also clears the other line's) are refused whole, and none of them is stored unrecorded. Before, each was
    /// committed and then its entry failed.
    /// </summary>
    [Fact]
    public async Task Change_AuditEntryRefused_ChangeNotStoredUntilItsEntryIs()
    {
        await using var database = await WithActivityAsync(kind);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(database, "lines", "add", "95530", "--name", "外呼热线"))).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(database, "lines", "outbound", "95528", "--default", "true"))).ExitCode);
        async Task<(bool Line, string Role, bool Revoked, string Default)> StateAsync()
        {
            await using var db = database.OpenContext();
            return (await db.Lines.AnyAsync(l => l.Number == "95529"), (await db.Users.SingleAsync(u => u.UserName == "alice")).Role.ToString(),
                await db.ApiKeys.AnyAsync(k => k.Name == "pbx" && k.RevokedAt != null),
                string.Join(",", await db.Lines.Where(l => l.DefaultOutbound).Select(l => l.Number).ToListAsync()));
        }

        string[][] changes = [["lines", "add", "95529", "--name", "投诉热线"], ["users", "set-role", "alice", "Agent"], ["apikey", "revoke", "pbx"], ["lines", "outbound", "95530", "--default", "true"]];
        await using (await database.RefuseInsertsAsync<Core.Audit.AuditEntry>())
        {
            foreach (var change in changes)
            {
                Assert.NotEqual(0, (await CliRunner.RunAsync(CliRunner.On(database, change))).ExitCode);
            }

            Assert.Equal((false, "Supervisor", false, "95528"), await StateAsync());
        }

        foreach (var change in changes)
        {
            Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(database, change))).ExitCode);
        }

        Assert.Equal((true, "Agent", true, "95530"), await StateAsync());
        var verified = await CliRunner.RunAsync(CliRunner.On(database, "audit", "verify"));
        Assert.Equal(0, verified.ExitCode);
        Assert.Contains("10 entries", verified.Out); // the six before, and one for each change
    }

    /// <summary>
    /// A ticket with a note and no number, in a month whose complaints key does not exist yet: the note is sealed (creating
    /// the key) before the ticket's transaction. Inside it, on SQLite, the key's creation on a connection of its own waited
    /// 30 s for the transaction's write lock and failed.
    /// </summary>
    [Fact]
    public async Task OpenTicket_NoteAndNoNumberInAMonthWithoutAKey_OpensWithItsNote()
    {
        await using var app = await Calls.CallStoreScenario.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var opened = await agent.PostAsJsonAsync("/api/tickets", new { line = "95528", note = "来电咨询账单" }, patience.Token);

        Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync());
        var id = (await opened.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt64();
        Assert.Contains("来电咨询账单", await agent.GetStringAsync($"/api/tickets/{id}"));
    }

    /// <summary>A ticket's step moves the ticket, writes the step and its entry together: a refused entry leaves the ticket where it was.</summary>
    [Fact]
    public async Task TicketStep_AuditEntryRefused_TicketStaysAtItsStep()
    {
        await using var app = await Calls.CallStoreScenario.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();
        var ticket = await (await agent.PostAsJsonAsync("/api/tickets", new { line = "95528", customerPhone = "13800138000" })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var id = ticket.GetProperty("id").GetInt64();
        async Task<(string Step, int Steps)> StoredAsync()
        {
            await using var db = app.Database.OpenContext();
            return ((await db.Tickets.SingleAsync(t => t.Id == id)).Step.ToString(), await db.TicketSteps.CountAsync(s => s.TicketId == id));
        }

        await using (await app.Database.RefuseInsertsAsync<Core.Audit.AuditEntry>())
        {
            Assert.False((await agent.PostAsJsonAsync($"/api/tickets/{id}/steps", new { step = "Answered" })).IsSuccessStatusCode);
            Assert.Equal(("Opened", 1), await StoredAsync());
        }

        Assert.True((await agent.PostAsJsonAsync($"/api/tickets/{id}/steps", new { step = "Answered" })).IsSuccessStatusCode);
        Assert.Equal(("Answered", 2), await StoredAsync());
    }

    [Fact]
    public async Task Append_InsideATransactionWhileAnotherAppendWaitsOnIt_BothCommitAtOnce()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        await using var outer = app.Services.CreateAsyncScope();
        await using var inner = app.Services.CreateAsyncScope();
        var before = await app.WithScopeAsync(s => s.GetRequiredService<Hotline95DbContext>().AuditEntries.CountAsync());

        // A change whose entry is part of its transaction (a complaint, an escalation): on SQLite its BEGIN IMMEDIATE holds the write lock.
        var changing = inner.ServiceProvider.GetRequiredService<Hotline95DbContext>();
        await using var tx = await changing.Database.BeginTransactionAsync();
        // Meanwhile a sign-in's entry, outside any transaction, which must wait for that transaction to end.
        var other = Task.Run(() => outer.ServiceProvider.GetRequiredService<Core.Audit.AuditLog>().AppendAsync(Guid.Empty, "test", "test.outside", "t", "waits for the transaction"));
        await Task.Delay(500);

        var append = inner.ServiceProvider.GetRequiredService<Core.Audit.AuditLog>().AppendAsync(Guid.Empty, "test", "test.inside", "t", "inside the transaction");
        var finished = await Task.WhenAny(append, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(finished == append, "the append inside the transaction waited on the append that waits for the transaction");
        await append;
        await tx.CommitAsync();
        await other;

        Assert.Equal(before + 2, await app.WithScopeAsync(s => s.GetRequiredService<Hotline95DbContext>().AuditEntries.CountAsync()));
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "audit", "verify"))).ExitCode);
    }
}

public sealed class AuditLogTestsOnSqlite() : AuditLogTests(DatabaseKind.Sqlite);

public sealed class AuditLogTestsOnPostgres() : AuditLogTests(DatabaseKind.Postgres);
