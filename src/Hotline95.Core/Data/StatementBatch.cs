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

    /// <param name="mustChangeOneRow">
    /// When set, the batch fails with this message unless the statement (an INSERT, UPDATE or DELETE without RETURNING) changed
    /// exactly one row: on PostgreSQL inside the database (a <see cref="Npgsql.PostgresException"/> with SQLSTATE
    /// <see cref="RequireOneRowState"/>), so that a batch that is its own transaction is not committed; on SQLite afterwards (an
    /// <see cref="InvalidOperationException"/>), before the caller commits.
    /// </param>
    public void Add(string sql, object?[] values, string? mustChangeOneRow = null) => _statements.Add(new Statement(sql, values, mustChangeOneRow));

    /// <summary>The SQLSTATE of a PostgreSQL statement that had to change one row and did not (plpgsql's assert_failure).</summary>
    public const string RequireOneRowState = "P0004";

    /// <summary>
    /// Runs what was added, in order, within <paramref name="transaction"/>, and empties the batch. On PostgreSQL without a
    /// transaction the batch is one of its own: Npgsql sends it with a single Sync, which PostgreSQL runs as one implicit
    /// transaction, all or nothing, committed when this returns (no round trip for a COMMIT).
    /// </summary>
    public async Task ExecuteAsync(DbTransaction? transaction, CancellationToken ct)
    {
        if (_statements.Count == 0)
        {
            return;
        }

        if (provider == DatabaseProvider.Postgres)
        {
            await using var batch = Build(connection, transaction, _statements.Select(x => x.MustChangeOneRow is { } failure ? RequireOneRow(x.Sql, x.Values, failure) : (x.Sql, x.Values)));
            _statements.Clear();
            await batch.ExecuteNonQueryAsync(ct);
            return;
        }

        var changed = new int[_statements.Count];
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
                    command.Parameters[p].Value = statement.Values[p] is null or DbValues.TypedNull ? DBNull.Value : statement.Values[p];
                }
            }

            command.Transaction = transaction;
            changed[i] = await command.ExecuteNonQueryAsync(ct);
            command.Transaction = null;
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

    // The count of rows the statement changed, checked by the database within the batch (the function is a migration's).
    private static (string Sql, object?[] Values) RequireOneRow(string sql, object?[] values, string failure) =>
        ($"WITH changed AS ({sql} RETURNING 1) SELECT hotline95_require_one_row((SELECT count(*) FROM changed), @p{values.Length})", [.. values, failure]);

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
            if (values[i] is DbValues.TypedNull typed)
            {
                parameter.DbType = typed.Type;
                parameter.Value = DBNull.Value;
            }
            else
            {
                parameter.Value = values[i] ?? DBNull.Value;
            }

            parameters.Add(parameter);
        }
    }
}
