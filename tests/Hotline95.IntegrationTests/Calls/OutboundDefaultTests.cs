using Hotline95.Core.Calls;
using Hotline95.Core.Data;
using Hotline95.Core.Hosting;
using Hotline95.IntegrationTests.Complaints;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hotline95.IntegrationTests.Calls;

/// <summary>Two nodes making two lines the default for outbound calls at once: one default remains, the later one.</summary>
public sealed class OutboundDefaultTests
{
    [Fact]
    public async Task SetLine_DefaultWhileAnotherNodeMakesAnotherLineDefault_LeavesOneDefault()
    {
        TestEnvironment.RequirePostgres();
        await using var app = await ComplaintScenario.StartAsync(DatabaseKind.Postgres);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "add", "95529", "--name", "第二热线"))).ExitCode);
        var (enterprise, first) = await app.WithScopeAsync(async sp =>
        {
            var line = await sp.GetRequiredService<Hotline95DbContext>().Lines.SingleAsync(l => l.Number == ComplaintScenario.Line);
            return (line.EnterpriseId, line.Id);
        });

        // Another node, part way through making 95528 the default: its transaction holds the lock and has written, uncommitted.
        await using var other = new NpgsqlConnection(app.Database.Target.ConnectionString);
        await other.OpenAsync();
        await using var otherTransaction = await other.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("""SELECT pg_advisory_xact_lock(@kind, @item); UPDATE lines SET "DefaultOutbound" = true WHERE "Id" = @id""", other, otherTransaction))
        {
            command.Parameters.AddWithValue("kind", ClusterLocks.OutboundDefault);
            command.Parameters.AddWithValue("item", ClusterLocks.Of(enterprise));
            command.Parameters.AddWithValue("id", first);
            await command.ExecuteNonQueryAsync();
        }

        var setting = app.WithScopeAsync(sp => sp.GetRequiredService<OutboundRoutesHandler>().SetLineAsync(enterprise, "95529", null, true, "admin"));
        await Task.Delay(500); // this request reaches the point where it clears the other lines' default
        await otherTransaction.CommitAsync();
        var result = await setting;

        Assert.True(result.IsSuccess, result.IsSuccess ? null : result.Error.Message);
        Assert.Equal("95529", result.Value.DefaultLine);
        var defaults = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Lines.Where(l => l.DefaultOutbound).Select(l => l.Number).ToListAsync());
        Assert.Equal(["95529"], defaults);
    }
}
