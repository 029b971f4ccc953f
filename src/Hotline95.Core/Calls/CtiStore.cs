using System.Data.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Desk;
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

    private static readonly string FindSql = $"""
        SELECT "Id", {CallColumns.Quoted(CallColumns.Names)} FROM calls
        WHERE "EnterpriseId" = @p0 AND "SourceSystem" = '{ProcessCtiEventHandler.SourceSystem}' AND "SourceId" = @p1
        """;

    // PostgreSQL takes the batch's ids as one array (one round trip); SQLite, in process, looks each one up.
    private static readonly string FindManySql = $"""
        SELECT "Id", {CallColumns.Quoted(CallColumns.Names)} FROM calls
        WHERE "EnterpriseId" = @p0 AND "SourceSystem" = '{ProcessCtiEventHandler.SourceSystem}' AND "SourceId" = ANY(@p1)
        """;

    private static readonly string InsertSql =
        $"INSERT INTO calls ({CallColumns.Quoted(CallColumns.Names)}) VALUES ({string.Join(", ", CallColumns.Names.Select((_, i) => $"@p{i}"))})";

    // The start time is the partition key on PostgreSQL: naming it sends the update straight to one partition.
    private static readonly string UpdateSql =
        $"UPDATE calls SET {string.Join(", ", CallColumns.Mutable.Select((c, i) => $"\"{c}\" = @p{i}"))} WHERE \"Id\" = @p{UpdateColumns.Length - 2} AND \"StartedAt\" = @p{UpdateColumns.Length - 1}";
    private readonly PreparedCommands _commands = new(db);

    public DatabaseProvider Provider { get; } = db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    private DbConnection Connection => _commands.Connection;

    public async Task<CallRecord?> FindCallAsync(Guid enterpriseId, string callId, CancellationToken ct)
    {
        await _commands.OpenAsync(ct);
        var find = _commands.Get(FindSql, 2);
        find.Parameters[0].Value = Key(enterpriseId);
        find.Parameters[1].Value = callId;
        await using var reader = await find.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? CallColumns.Read(reader, Provider) : null;
    }

    /// <summary>The stored calls among <paramref name="callIds"/>.</summary>
    public async Task<List<CallRecord>> FindCallsAsync(Guid enterpriseId, IReadOnlyList<string> callIds, CancellationToken ct)
    {
        var found = new List<CallRecord>();
        if (Provider == DatabaseProvider.Sqlite || callIds.Count == 1)
        {
            foreach (var id in callIds)
            {
                if (await FindCallAsync(enterpriseId, id, ct) is { } call)
                {
                    found.Add(call);
                }
            }

            return found;
        }

        await _commands.OpenAsync(ct);
        var find = _commands.Get(FindManySql, 2);
        find.Parameters[0].Value = Key(enterpriseId);
        find.Parameters[1].Value = callIds.ToArray();
        await using var reader = await find.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            found.Add(CallColumns.Read(reader, Provider));
        }

        return found;
    }

    public async Task<LineSet> LinesAsync(Guid enterpriseId, CancellationToken ct) =>
        new(await ListAsync<string>("""SELECT "Number" FROM lines WHERE "EnterpriseId" = @p0""", enterpriseId, ct));

    public async Task<IReadOnlyList<byte[]>> BlockedAsync(Guid enterpriseId, CancellationToken ct) =>
        await ListAsync<byte[]>("""SELECT "NumberIndex" FROM blocked_callers WHERE "EnterpriseId" = @p0""", enterpriseId, ct);

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

    public async Task InsertDeskEventAsync(PendingDeskEvent desk, DbTransaction transaction, CancellationToken ct)
    {
        var command = _commands.Get(PendingDeskEvent.InsertSql, PendingDeskEvent.Parameters);
        command.Transaction = transaction;
        var values = desk.Values(Provider);
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        await command.ExecuteNonQueryAsync(ct);
        command.Transaction = null;
    }

    /// <summary>On PostgreSQL, tells every node's <see cref="DeskListener"/> that desk events were written (delivered at commit); nothing on SQLite.</summary>
    public async Task NotifyDesksAsync(DbTransaction transaction, CancellationToken ct)
    {
        if (Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        var command = _commands.Get(NotifyDesksSql, 0);
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(ct);
        command.Transaction = null;
    }

    private const string NotifyDesksSql = $"SELECT pg_notify('{DeskListener.Channel}', '')";

    public Task InsertAsync(CallRecord call, DbTransaction transaction, CancellationToken ct) =>
        ExecuteAsync(_commands.Get(InsertSql, CallColumns.Names.Length), transaction, call, CallColumns.Names, ct);

    /// <summary>Fails (and the batch is replayed event by event) when the call is gone or moved since it was read.</summary>
    public async Task UpdateAsync(CallRecord call, DbTransaction transaction, CancellationToken ct)
    {
        if (await ExecuteAsync(_commands.Get(UpdateSql, UpdateColumns.Length), transaction, call, UpdateColumns, ct) != 1)
        {
            throw new InvalidOperationException($"CTI call {call.SourceId} (id {call.Id}) changed while its events were applied.");
        }
    }

    private async Task<int> ExecuteAsync(DbCommand command, DbTransaction transaction, CallRecord call, string[] columns, CancellationToken ct)
    {
        command.Transaction = transaction;
        for (var i = 0; i < columns.Length; i++)
        {
            command.Parameters[i].Value = CallColumns.Value(call, columns[i], Provider);
        }

        var changed = await command.ExecuteNonQueryAsync(ct);
        command.Transaction = null;
        return changed;
    }

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
