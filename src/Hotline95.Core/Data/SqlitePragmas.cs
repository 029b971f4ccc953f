using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Hotline95.Core.Data;

/// <summary>
/// Per-connection SQLite settings. In WAL mode, synchronous=NORMAL keeps every commit crash-consistent
/// (an application crash loses nothing; a power cut may lose the last commits) at a fraction of FULL's
/// fsync cost, which is what lets the CTI endpoint take thousands of events a second.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
