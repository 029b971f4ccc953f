using System.Data.Common;

namespace Hotline95.Core.Data;

/// <summary>
/// The writes of one transaction, collected and then sent together. On PostgreSQL they go as one batch: one round trip
/// to the server (and through HAProxy) however many statements, which is what lets one CTI writer keep up when every
/// round trip crosses the network. On SQLite, in process, there is no round trip to save: they run one by one, on
/// <see cref="PreparedCommands"/> when given (statements kept prepared). Parameters are positional, named @p0, @p1….
/// </summary>
internal sealed class StatementBatch(DbConnection connection, DatabaseProvider provider, PreparedCommands? prepared = null)
{
    private readonly List<Statement> _statements = [];

    private sealed record Statement(string Sql, object?[] Values, string? MustChangeOneRow);

    public DatabaseProvider Provider => provider;

    public DbConnection Connection => connection;

    /// <param name="mustChangeOneRow">When set, the batch fails with this message unless the statement changed exactly one row.</param>
    public void Add(string sql, object?[] values, string? mustChangeOneRow = null) => _statements.Add(new Statement(sql, values, mustChangeOneRow));

    /// <summary>Runs what was added, in order, within <paramref name="transaction"/>, and empties the batch.</summary>
    public async Task ExecuteAsync(DbTransaction? transaction, CancellationToken ct)
    {
        if (_statements.Count == 0)
        {
            return;
        }

        var changed = new int[_statements.Count];
        if (provider == DatabaseProvider.Postgres)
        {
            await using var batch = Build(connection, transaction, _statements.Select(x => (x.Sql, x.Values)));
            await batch.ExecuteNonQueryAsync(ct);
            for (var i = 0; i < changed.Length; i++)
            {
                changed[i] = batch.BatchCommands[i].RecordsAffected;
            }
        }
        else
        {
            for (var i = 0; i < _statements.Count; i++)
            {
                var statement = _statements[i];
                var command = prepared?.Get(statement.Sql, statement.Values.Length);
                using var own = command is null ? connection.CreateCommand() : null;
                command ??= own!;
                if (own is not null)
                {
                    own.CommandText = statement.Sql;
                    Bind(own.Parameters, statement.Values, own.CreateParameter);
                }
                else
                {
                    for (var p = 0; p < statement.Values.Length; p++)
                    {
                        command.Parameters[p].Value = statement.Values[p] ?? DBNull.Value;
                    }
                }

                command.Transaction = transaction;
                changed[i] = await command.ExecuteNonQueryAsync(ct);
                command.Transaction = null;
            }
        }

        var statements = _statements.ToArray();
        _statements.Clear();
        for (var i = 0; i < statements.Length; i++)
        {
            if (statements[i].MustChangeOneRow is { } failure && changed[i] != 1)
            {
                throw new InvalidOperationException(failure);
            }
        }
    }

    /// <summary>A PostgreSQL batch of these statements (the caller executes and disposes it).</summary>
    public static DbBatch Build(DbConnection connection, DbTransaction? transaction, IEnumerable<(string Sql, object?[] Values)> statements)
    {
        var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var (sql, values) in statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = sql;
            Bind(command.Parameters, values, command.CreateParameter);
            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    private static void Bind(DbParameterCollection parameters, object?[] values, Func<DbParameter> create)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = create();
            parameter.ParameterName = $"@p{i}";
            parameter.Value = values[i] ?? DBNull.Value;
            parameters.Add(parameter);
        }
    }
}
