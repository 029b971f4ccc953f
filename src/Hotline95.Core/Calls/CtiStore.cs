using System.Data.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Desk;
using Hotline95.Core.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Calls;

/// <summary>
/// The SQL of the live CTI path, on the context's connection, each command built once per handler and reused
/// (SQLite keeps its statements prepared). EF's query pipeline and change tracking cost several times SQLite's
/// own work for these one-row statements, and at thousands of events a second that was most of the writer's
/// time (see the cti benchmark).
/// </summary>
internal sealed class CtiStore(Hotline95DbContext db) : IDisposable
{
    private static readonly string[] UpdateColumns = [.. CallColumns.Mutable, "Id", "StartedAt"];

    // PostgreSQL: the row's version (xmin, the transaction that wrote it) is read with the call and checked by the update, so
    // a call another node changed in between is not written back as it was read (see AddUpdate).
    private const string RowVersion = "xmin::text::bigint";

    // A CTI call is found by its enterprise, this source and the PBX's call id, by every lookup and by the creation check.
    private static string IsCall(string enterpriseId, string callId) =>
        $"\"EnterpriseId\" = {enterpriseId} AND \"SourceSystem\" = '{ProcessCtiEventHandler.SourceSystem}' AND calls.\"SourceId\" = {callId}";

    private static readonly string FindWhere = $"FROM calls WHERE {IsCall("@p0", "@p1")}";
    private static readonly string FindSqliteSql = $"SELECT \"Id\", {CallColumns.Quoted(CallColumns.Names)} {FindWhere}";
    private static readonly string FindPostgresSql = $"SELECT \"Id\", {CallColumns.Quoted(CallColumns.Names)}, {RowVersion} {FindWhere}";

    // PostgreSQL takes the batch's ids as one array, in the prefetch's one round trip; SQLite, in process, looks each one up.
    // One index lookup per id, whatever the statistics say: with "SourceId" = ANY(@p1) the planner of a month's new partition
    // (not yet analysed: every month's first minutes, every fresh database) read all of the enterprise's calls of the month
    // through the index on "EnterpriseId" and filtered them, 0.3 ms a batch after only 3,000 calls and growing with the month
    // (issue 18). The lateral subquery, kept apart by OFFSET 0, is planned as one lookup on ("EnterpriseId", "SourceId") each.
    internal static readonly string FindManySql = $"""
        SELECT found.* FROM unnest(@p1::text[]) AS wanted(id) CROSS JOIN LATERAL (
          SELECT "Id", {CallColumns.Quoted(CallColumns.Names)}, {RowVersion} FROM calls WHERE {IsCall("@p0", "wanted.id")} OFFSET 0) AS found
        """;

    private static readonly string InsertParameters = string.Join(", ", CallColumns.Names.Select((_, i) => $"@p{i}"));

    private static readonly string InsertSql = $"INSERT INTO calls ({CallColumns.Quoted(CallColumns.Names)}) VALUES ({InsertParameters})";

    // PostgreSQL: the call is created only when no writer created it since the batch looked (see AddInserts).
    private static readonly string InsertIfAbsentSql = $"""
        INSERT INTO calls ({CallColumns.Quoted(CallColumns.Names)}) SELECT {InsertParameters}
        WHERE NOT EXISTS (SELECT 1 FROM calls WHERE {IsCall($"@p{Array.IndexOf(CallColumns.Names, "EnterpriseId")}", $"@p{Array.IndexOf(CallColumns.Names, "SourceId")}")})
        """;

    private const string LockCallSql = "SELECT pg_advisory_xact_lock(@p0, @p1)";

    // The start time is the partition key on PostgreSQL: naming it sends the update straight to one partition.
    private static readonly string UpdateSql =
        $"UPDATE calls SET {string.Join(", ", CallColumns.Mutable.Select((c, i) => $"\"{c}\" = @p{i}"))} WHERE \"Id\" = @p{UpdateColumns.Length - 2} AND \"StartedAt\" = @p{UpdateColumns.Length - 1}";

    private static readonly string UpdateIfUnchangedSql = $"{UpdateSql} AND {RowVersion} = @p{UpdateColumns.Length}";
    private readonly PreparedCommands _commands = new(db);

    public DatabaseProvider Provider { get; } = db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    private DbConnection Connection => _commands.Connection;

    /// <summary>A call as read, with the version of its row on PostgreSQL (0 on SQLite, whose one writer is this process).</summary>
    public sealed record StoredCall(CallRecord Call, long Version);

    public async Task<StoredCall?> FindCallAsync(Guid enterpriseId, string callId, CancellationToken ct)
    {
        await _commands.OpenAsync(ct);
        var find = _commands.Get(Provider == DatabaseProvider.Postgres ? FindPostgresSql : FindSqliteSql, 2);
        find.Parameters[0].Value = Key(enterpriseId);
        find.Parameters[1].Value = callId;
        await using var reader = await find.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadStored(reader) : null;
    }

    private StoredCall ReadStored(DbDataReader reader) =>
        new(CallColumns.Read(reader, Provider), Provider == DatabaseProvider.Postgres ? reader.GetInt64(CallColumns.Names.Length + 1) : 0);

    /// <summary>SQLite (in process, nothing to save by batching): the stored calls among <paramref name="callIds"/>, one lookup each.</summary>
    public async Task<List<StoredCall>> FindCallsAsync(Guid enterpriseId, IReadOnlyList<string> callIds, CancellationToken ct)
    {
        var found = new List<StoredCall>();
        foreach (var id in callIds)
        {
            if (await FindCallAsync(enterpriseId, id, ct) is { } call)
            {
                found.Add(call);
            }
        }

        return found;
    }

    /// <summary>What a batch needs to know of one enterprise before applying its events.</summary>
    public sealed record Prefetched(List<StoredCall> Calls, LineSet Lines, DeskTargets Targets, IReadOnlyList<byte[]> Blocked);

    /// <summary>The batch's keys that are still valid, and what it needs to know of each of its enterprises.</summary>
    public sealed record Prefetch(HashSet<Guid> ValidKeys, Dictionary<Guid, Prefetched> Enterprises);

    private const string LinesSql = """SELECT "Number" FROM lines WHERE "EnterpriseId" = @p0""";
    private const string BlockedSql = """SELECT "NumberIndex" FROM blocked_callers WHERE "EnterpriseId" = @p0""";

    /// <summary>
    /// PostgreSQL: which of <paramref name="keyIds"/> are still unrevoked, and the stored calls among each enterprise's
    /// <c>callIds</c>, its lines, the desks its calls ring and its blocked callers, for every enterprise of the batch in one
    /// round trip (each a round trip of its own had made the writer wait on the network most of its time, the more so through
    /// HAProxy). Read afresh for every batch: a key revoked, a line added, a desk signed in or a caller blocked counts from
    /// the next batch on every node.
    /// </summary>
    public async Task<Prefetch> PrefetchAsync(IReadOnlyList<Guid> keyIds, IReadOnlyList<(Guid EnterpriseId, IReadOnlyList<string> CallIds)> enterprises, CancellationToken ct)
    {
        await _commands.OpenAsync(ct);
        var statements = new List<(string, object?[])>();
        if (keyIds.Count > 0)
        {
            statements.Add((Identity.RememberedApiKeys.StillValidSql, [keyIds.ToArray()]));
        }

        statements.AddRange(enterprises.SelectMany(e => new (string, object?[])[]
        {
            (FindManySql, [Key(e.EnterpriseId), e.CallIds.ToArray()]),
            (LinesSql, [Key(e.EnterpriseId)]),
            (DeskTargets.Sql, [Key(e.EnterpriseId)]),
            (BlockedSql, [Key(e.EnterpriseId)]),
        }));
        await using var batch = StatementBatch.Build(Connection, null, statements);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var first = true;
        async Task<List<T>> ReadAsync<T>(Func<DbDataReader, T> read)
        {
            if (!first && !await reader.NextResultAsync(ct))
            {
                throw new InvalidOperationException("CTI prefetch: fewer results than statements");
            }

            first = false;
            var rows = new List<T>();
            while (await reader.ReadAsync(ct))
            {
                rows.Add(read(reader));
            }

            return rows;
        }

        var valid = keyIds.Count > 0 ? (await ReadAsync(r => r.GetGuid(0))).ToHashSet() : [];
        var found = new Dictionary<Guid, Prefetched>();
        foreach (var (enterpriseId, _) in enterprises)
        {
            var calls = await ReadAsync(ReadStored);
            var lines = new LineSet(await ReadAsync(r => r.GetString(0)));
            var targets = new DeskTargets(await ReadAsync(r => DeskTargets.Read(r, Provider)));
            found[enterpriseId] = new Prefetched(calls, lines, targets, await ReadAsync(r => r.GetFieldValue<byte[]>(0)));
        }

        return new Prefetch(valid, found);
    }

    /// <summary>SQLite (in process): which of <paramref name="keyIds"/> are still unrevoked, one lookup each.</summary>
    public async Task<HashSet<Guid>> ValidKeysAsync(IReadOnlyList<Guid> keyIds, CancellationToken ct)
    {
        var valid = new HashSet<Guid>();
        if (keyIds.Count == 0)
        {
            return valid;
        }

        await _commands.OpenAsync(ct);
        var command = _commands.Get(Identity.RememberedApiKeys.StillValidOneSql, 1);
        foreach (var id in keyIds)
        {
            command.Parameters[0].Value = DbValues.Guid(id, Provider == DatabaseProvider.Postgres);
            if (await command.ExecuteScalarAsync(ct) is not null)
            {
                valid.Add(id);
            }
        }

        return valid;
    }

    public async Task<LineSet> LinesAsync(Guid enterpriseId, CancellationToken ct) =>
        new(await ListAsync<string>(LinesSql, enterpriseId, ct));

    public async Task<IReadOnlyList<byte[]>> BlockedAsync(Guid enterpriseId, CancellationToken ct) =>
        await ListAsync<byte[]>(BlockedSql, enterpriseId, ct);

    public async Task<DeskTargets> DeskTargetsAsync(Guid enterpriseId, CancellationToken ct)
    {
        await _commands.OpenAsync(ct);
        var command = _commands.Get(DeskTargets.Sql, 1);
        command.Parameters[0].Value = Key(enterpriseId);
        var people = new List<DeskTargets.Person>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            people.Add(DeskTargets.Read(reader, Provider));
        }

        return new DeskTargets(people);
    }

    /// <summary>A batch for this handler's writes: sent in one round trip on PostgreSQL, on prepared statements on SQLite.</summary>
    public StatementBatch NewBatch() => new(Connection, Provider, _commands);

    public void AddDeskEvent(StatementBatch writes, PendingDeskEvent desk) => writes.Add(PendingDeskEvent.InsertSql, desk.Values(Provider));

    /// <summary>
    /// On PostgreSQL, tells every node's <see cref="DeskListener"/> that desk events were committed, in a transaction of its
    /// own. Never inside the writes' transaction: PostgreSQL holds one lock for the whole cluster from a notifying
    /// transaction's commit until that commit is flushed and replicated, so two nodes' writers that notified as they committed
    /// took turns at the disk and the synchronous standby (issue 18 point 5: each waited out the other's commit, 60–100 ms
    /// when the disk was slow). A transaction that only notifies writes no WAL of its own before its commit record, so its
    /// commit neither waits for the disk nor for the standby, and it holds that lock only for an instant (almost always:
    /// the rare transaction id that starts a new page of the commit log does write WAL first). The notification carries no
    /// data: one lost (a crash between the commit and it, or a failed send) delays the other nodes' desks until their feeds'
    /// next poll (<see cref="DeskOptions.ListeningPollInterval"/>, 2 s).
    /// </summary>
    public async Task NotifyDesksAsync(CancellationToken ct)
    {
        if (Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        await _commands.OpenAsync(ct);
        await _commands.Get(NotifyDesksSql, 0).ExecuteNonQueryAsync(ct);
    }

    private const string NotifyDesksSql = $"SELECT pg_notify('{DeskListener.Channel}', '')";

    /// <summary>
    /// The batch's new calls. On PostgreSQL a call has no unique key without its start time (the partition key), which each
    /// node takes from its own clock, so two nodes that both found no call (a <c>newCall</c> on one, its <c>answer</c> on the
    /// other at the same moment) would each store one: the call twice, counted twice in the roll-ups. So the batch first
    /// locks each new call's id (<see cref="ClusterLocks.CtiCallCreation"/>, until its commit, all of them in one order, before
    /// any row lock of its updates: no two batches wait on each other in a cycle), then creates each one only if it is still
    /// absent; one found created meanwhile fails the batch, which is tried again on a fresh read (whole once, then event by
    /// event). This relies on read committed (each statement sees what was committed before it began), which the writer's
    /// session sets; a node still on a build without this lock can still store a call twice beside one with it.
    /// </summary>
    public void AddInserts(StatementBatch writes, IEnumerable<CallRecord> calls)
    {
        if (Provider != DatabaseProvider.Postgres)
        {
            foreach (var call in calls)
            {
                writes.Add(InsertSql, Values(call, CallColumns.Names));
            }

            return;
        }

        var ordered = calls.Select(c => (Call: c, Item: ClusterLocks.Of(c.EnterpriseId, c.SourceId))).OrderBy(x => x.Item).ToList();
        foreach (var item in ordered.Select(x => x.Item).Distinct())
        {
            writes.Add(LockCallSql, [ClusterLocks.CtiCallCreation, item]);
        }

        foreach (var (call, _) in ordered)
        {
            writes.Add(InsertIfAbsentSql, Values(call, CallColumns.Names), $"CTI call {call.SourceId} was created by another writer while its events were applied.");
        }
    }

    /// <summary>
    /// The batch fails (and is tried again on a fresh read, whole once, then event by event) when the call is gone or moved since it
    /// was read, or, on PostgreSQL, changed by another node's writer: the row is written whole, so writing it back over another
    /// node's change (an answer on one node, the hangup on the other at the same moment) would lose that change and count the
    /// call in the roll-ups from the wrong state.
    /// </summary>
    public void AddUpdate(StatementBatch writes, CallRecord call, long readVersion)
    {
        var failure = $"CTI call {call.SourceId} (id {call.Id}) changed while its events were applied.";
        if (Provider == DatabaseProvider.Postgres)
        {
            writes.Add(UpdateIfUnchangedSql, [.. Values(call, UpdateColumns), readVersion], failure);
        }
        else
        {
            writes.Add(UpdateSql, Values(call, UpdateColumns), failure);
        }
    }

    // PostgreSQL: a key row another session holds (another node's writer recording the same key's use, a revocation) is
    // skipped rather than waited for: its commit would hold up this whole batch, and the use is recorded there or a minute on.
    private const string KeyUsePostgresSql = """
        UPDATE api_keys SET "LastUsedAt" = @p1 WHERE "Id" IN (SELECT "Id" FROM api_keys WHERE "Id" = ANY(@p0) AND "RevokedAt" IS NULL FOR UPDATE SKIP LOCKED)
        """;

    private const string KeyUseSqliteSql = """UPDATE api_keys SET "LastUsedAt" = @p1 WHERE "Id" = @p0 AND "RevokedAt" IS NULL""";

    /// <summary>
    /// When <paramref name="keyIds"/> were last used (<see cref="CtiSubmission.KeyUseDue"/>), in the batch's commit: never on
    /// a revoked key, and on PostgreSQL never waiting for a key row another session holds.
    /// </summary>
    public void AddKeyUse(StatementBatch writes, IReadOnlyCollection<Guid> keyIds, DateTimeOffset now)
    {
        if (keyIds.Count == 0)
        {
            return;
        }

        var postgres = Provider == DatabaseProvider.Postgres;
        if (postgres)
        {
            writes.Add(KeyUsePostgresSql, [keyIds.ToArray(), DbValues.Instant(now, postgres)]);
            return;
        }

        foreach (var id in keyIds)
        {
            writes.Add(KeyUseSqliteSql, [DbValues.Guid(id, postgres), DbValues.Instant(now, postgres)]);
        }
    }

    private object?[] Values(CallRecord call, string[] columns) => [.. columns.Select(c => CallColumns.Value(call, c, Provider))];

    private async Task<List<T>> ListAsync<T>(string sql, Guid enterpriseId, CancellationToken ct)
    {
        await _commands.OpenAsync(ct);
        var command = _commands.Get(sql, 1);
        command.Parameters[0].Value = Key(enterpriseId);
        var values = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    private object Key(Guid enterpriseId) => DbValues.Guid(enterpriseId, Provider == DatabaseProvider.Postgres);

    public void Dispose() => _commands.Dispose();
}
