using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Data;

/// <summary>
/// Plain SQL on a context's connection for hot paths (CTI events, the queue import), each statement built once and reused,
/// so SQLite keeps it prepared: EF's pipeline costs several times SQLite's own work for one-row statements. Parameters
/// are positional, named @p0, @p1….
/// </summary>
internal sealed class PreparedCommands(Hotline95DbContext db) : IDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = [];

    public DbConnection Connection => db.Database.GetDbConnection();

    /// <summary>Opened through EF, which then leaves it open until the context is disposed.</summary>
    public async Task OpenAsync(CancellationToken ct)
    {
        if (Connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }
    }

    public DbCommand Get(string sql, int parameters)
    {
        if (!_commands.TryGetValue(sql, out var command) || command.Connection != Connection)
        {
            command?.Dispose(); // made for a connection since replaced
            command = Connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < parameters; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{i}";
                command.Parameters.Add(parameter);
            }

            _commands[sql] = command;
        }

        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
    }
}
