using Hotline95.Core.Data;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.IntegrationTests.Data;

/// <summary>The CTI writer's statements stay prepared on PostgreSQL (issue 18 point 5).</summary>
public sealed class StatementBatchTests
{
    [Fact]
    public async Task ExecuteAsync_TextAndTypedNullInTurn_OnePreparedStatementRunsThemAll()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres, migrated: true);
        await using var db = database.OpenContext();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();

        for (var i = 0; i < 8; i++)
        {
            var batch = new StatementBatch(connection, DatabaseProvider.Postgres);
            batch.Add("SELECT @p0::text IS NULL", [DbValues.Text(i % 2 == 0 ? "坐席 Alice" : null)]);
            await batch.ExecuteAsync(null, CancellationToken.None);
        }

        // In this session: Npgsql prepares a statement on its second run, so 7 of the 8 ran prepared. A bare null (a
        // parameter of no type) did not match the statement prepared with a text, and ran unprepared every other time.
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT count(*), coalesce(sum(generic_plans + custom_plans), 0) FROM pg_prepared_statements WHERE statement = 'SELECT $1::text IS NULL'";
        await using var row = await read.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        Assert.Equal(1L, row.GetInt64(0));
        Assert.Equal(7L, row.GetInt64(1));
    }
}
