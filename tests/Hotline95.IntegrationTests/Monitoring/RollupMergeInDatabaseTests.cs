using System.Security.Cryptography;
using Hotline95.Core.Calls;
using Hotline95.Core.Data;
using Hotline95.Core.Enterprises;
using Hotline95.Core.Monitoring;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Hotline95.IntegrationTests.Monitoring;

/// <summary>
/// A CTI batch's writes on PostgreSQL go in one round trip that commits them (issue 18 point 5): the database merges the
/// new callers into the stored sketch, and a statement that had to change one row fails the whole batch inside the database.
/// </summary>
public sealed class RollupMergeInDatabaseTests
{
    private const int Shard = 5;
    private static readonly DateOnly Day = new(2026, 11, 30);

    [Fact]
    public async Task AddMerging_StoredDayAndNewDay_CountersAddAndSketchesMergeByRegisterMaximum()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres, migrated: true);
        await using var db = database.OpenContext();
        var (enterprise, connection) = await OpenWithEnterpriseAsync(db);
        var stored = Calls(enterprise.Id, Day, 0, 100);
        await RollupStore.ApplyAsync(connection, null, DatabaseProvider.Postgres, stored, Shard, CancellationToken.None); // read, merged here, written
        var delta = Calls(enterprise.Id, Day, 50, 150); // 50 callers again, 100 new
        delta.Merge(Calls(enterprise.Id, Day.AddDays(1), 0, 10));

        var writes = new StatementBatch(connection, DatabaseProvider.Postgres);
        RollupStore.AddMerging(writes, delta, Shard);
        await writes.ExecuteAsync(null, CancellationToken.None);

        var rows = await db.DailyFigures.AsNoTracking().Where(d => d.EnterpriseId == enterprise.Id).OrderBy(d => d.Day).ToListAsync();
        var expected = (byte[])stored.Days[(enterprise.Id, "95528", Day)].Callers!.Clone();
        CallerSketch.MergeInto(expected, delta.Days[(enterprise.Id, "95528", Day)].Callers);
        Assert.Equal([Day, Day.AddDays(1)], rows.Select(r => r.Day));
        Assert.All(rows, r => Assert.Equal(Shard, r.Shard));
        Assert.Equal([200, 10], rows.Select(r => r.CallsIn));
        Assert.Equal([100, 5], rows.Select(r => r.Answered));
        Assert.Equal(expected, rows[0].Callers);
        Assert.Equal(delta.Days[(enterprise.Id, "95528", Day.AddDays(1))].Callers, rows[1].Callers);
        Assert.InRange(CallerSketch.Estimate(rows[0].Callers), 145, 155); // 150 distinct callers, not 200
        Assert.Equal(210, await db.HourlyVolumes.Where(h => h.EnterpriseId == enterprise.Id).SumAsync(h => h.Calls));
    }

    [Fact]
    public async Task ExecuteAsync_NoTransactionAndAnUpdateThatMustChangeOneRowFindsNone_NothingOfTheBatchIsCommitted()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres, migrated: true);
        await using var db = database.OpenContext();
        var (enterprise, connection) = await OpenWithEnterpriseAsync(db);

        var refused = new StatementBatch(connection, DatabaseProvider.Postgres);
        RollupStore.AddMerging(refused, Calls(enterprise.Id, Day, 0, 3), Shard);
        refused.Add("""UPDATE enterprises SET "Name" = @p0 WHERE "Id" = @p1""", ["renamed", Guid.NewGuid()], "enterprise gone");
        var failure = await Assert.ThrowsAsync<PostgresException>(() => refused.ExecuteAsync(null, CancellationToken.None));
        var afterRefused = await db.DailyFigures.AsNoTracking().CountAsync(d => d.EnterpriseId == enterprise.Id);

        var accepted = new StatementBatch(connection, DatabaseProvider.Postgres);
        RollupStore.AddMerging(accepted, Calls(enterprise.Id, Day, 0, 3), Shard);
        accepted.Add("""UPDATE enterprises SET "Name" = @p0 WHERE "Id" = @p1""", ["renamed", enterprise.Id], "enterprise gone");
        await accepted.ExecuteAsync(null, CancellationToken.None);

        Assert.Equal(StatementBatch.RequireOneRowState, failure.SqlState);
        Assert.Equal("enterprise gone", failure.MessageText);
        Assert.Equal(0, afterRefused); // the roll-up upsert before the failed update was rolled back with it
        Assert.Equal(3, await db.DailyFigures.AsNoTracking().Where(d => d.EnterpriseId == enterprise.Id).SumAsync(d => d.CallsIn));
        Assert.Equal("renamed", await db.Enterprises.AsNoTracking().Where(e => e.Id == enterprise.Id).Select(e => e.Name).SingleAsync());
    }

    [Fact]
    public async Task AddMerging_OnSqlite_Refused()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, migrated: true);
        await using var db = database.OpenContext();

        var writes = new StatementBatch(db.Database.GetDbConnection(), DatabaseProvider.Sqlite);

        Assert.Throws<InvalidOperationException>(() => RollupStore.AddMerging(writes, Calls(Guid.NewGuid(), Day, 0, 1), Shard));
    }

    /// <summary>An enterprise to own the roll-ups, and the context's connection, open.</summary>
    private static async Task<(Enterprise Enterprise, System.Data.Common.DbConnection Connection)> OpenWithEnterpriseAsync(Hotline95DbContext db)
    {
        var enterprise = new Enterprise { Slug = "merge", Name = "Merge", CreatedAt = Hotline95AppFactory.DefaultStart };
        db.Enterprises.Add(enterprise);
        await db.SaveChangesAsync();
        await db.Database.OpenConnectionAsync();
        return (enterprise, db.Database.GetDbConnection());
    }

    /// <summary>Inbound calls on line 95528, caller <c>i</c> for i in [from, to), every other one answered.</summary>
    private static RollupDelta Calls(Guid enterprise, DateOnly day, int from, int to)
    {
        var delta = new RollupDelta();
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
        for (var i = from; i < to; i++)
        {
            var caller = SHA256.HashData(BitConverter.GetBytes(i));
            delta.Add(enterprise, new CallContribution("95528", CallDirection.In, start.AddSeconds(i), i % 2 == 0, i % 2 != 0, 60, 5, caller));
        }

        return delta;
    }
}
