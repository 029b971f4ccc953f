using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Hotline95.Core.Calls;
using Hotline95.Core.Data;
using Hotline95.IntegrationTests.Calls;
using Hotline95.Testing;
using Hotline95.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Hosting;

/// <summary>Issue 18: the start-up warm-up runs the CTI path before /readyz turns 200; of it only the PBX enterprises' keys for this month persist.</summary>
public abstract class WarmUpTests(DatabaseKind kind)
{
    /// <summary>Every table of the model and its row count.</summary>
    private static Task<Dictionary<string, long>> RowCountsAsync(Hotline95AppFactory app) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<Hotline95DbContext>();
        var counts = new Dictionary<string, long>();
        await db.Database.OpenConnectionAsync();
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order())
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync());
        }

        return counts;
    });

    [Fact]
    public async Task Rehearsal_AfterStart_LeavesOnlyThisMonthsPbxKeys()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var url = await CallStoreScenario.CtiUrlAsync(app);
        var before = await RowCountsAsync(app);

        var result = await app.Services.GetRequiredService<CtiRehearsal>().RunAsync(TimeSpan.Zero);

        Assert.Null(result.Failure);
        Assert.True(result.Events > 0);
        var after = await RowCountsAsync(app);
        // Only the PBX enterprise's keys for this month's first call are made (before ready, not by that call): nothing else.
        string[] keyTables = ["data_keys", "blind_index_keys"];
        Assert.Equal(before.ExceptBy(keyTables, kv => kv.Key), after.ExceptBy(keyTables, kv => kv.Key));
        var month = Core.Security.KeyRing.MonthOf(app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().DataKeys
            .CountAsync(k => k.Month == month && k.Purpose == Core.Security.DataKeyPurpose.Calls)));
        Assert.Equal(1, after["blind_index_keys"]);

        // The caches it warmed (keys, partitions, statements) do not stand in the way of the first real call.
        var client = app.CreateClient();
        foreach (var e in new[] { "newCall", "answer", "hangup" })
        {
            var response = await client.PostAsJsonAsync(url, new { @event = e, callId = "real-1", from = "13800138000", to = CallStoreScenario.Line, direction = "in", user = "1001" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var call = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Calls.AsNoTracking().SingleAsync());
        Assert.Equal("real-1", call.SourceId);
        Assert.NotNull(call.AnsweredAt);
        Assert.NotNull(call.EndedAt);
        var afterCall = await RowCountsAsync(app);
        Assert.Equal(before["calls"] + 1, afterCall["calls"]);
        // The call found its keys made: it made none.
        Assert.Equal(after["data_keys"], afterCall["data_keys"]);
        Assert.Equal(after["blind_index_keys"], afterCall["blind_index_keys"]);
    }

    [Theory]
    [InlineData(StartupWarmUp.SecondsSetting, "-1")]
    [InlineData(StartupWarmUp.SecondsSetting, "600")]
    [InlineData("Hosting:DrainSeconds", "-5")]
    public async Task Start_HostingSettingOutOfRange_RefusedNamingTheSetting(string setting, string value)
    {
        var refused = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            Hotline95AppFactory.StartAsync(kind, configure: b => b.Configuration[setting] = value));
        Assert.Contains(setting.Split(':')[1], refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_WarmUpRunning_Answers503UntilItIsDone()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        IServiceProvider? services = null;
        var starting = Hotline95AppFactory.StartAsync(kind, realServer: true, configure: b =>
        {
            b.WebHost.UseUrls($"http://127.0.0.1:{port}");
            b.Configuration[StartupWarmUp.SecondsSetting] = "1.5";
            b.Configuration["Hosting:DrainSeconds"] = "0"; // the fake clock would never end a drain
            // The node's readiness without the background jobs (the factory removes hosted services).
            b.Services.AddHostedService(sp =>
            {
                services = sp;
                return sp.GetRequiredService<NodeReadiness>();
            });
        });

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        var startingWhileWarming = 0;
        var readyBeforeWarmedUp = 0;
        var ready = false;
        for (var i = 0; i < 3000 && !ready; i++)
        {
            var warming = services?.GetRequiredService<StartupWarmUp>() is { IsDone: false };
            try
            {
                using var response = await client.GetAsync("/readyz");
                var done = services!.GetRequiredService<StartupWarmUp>().IsDone;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    ready = true;
                    readyBeforeWarmedUp += done ? 0 : 1;
                }
                else if (warming && (await response.Content.ReadAsStringAsync()).Contains("\"starting\"", StringComparison.Ordinal))
                {
                    startingWhileWarming++;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(10);
        }

        await using var app = await starting;
        Assert.True(ready);
        Assert.Equal(0, readyBeforeWarmedUp);
        Assert.True(startingWhileWarming > 0);
        // Its loopback requests (one with a key only the node's memory held, refused by the CTI writer) wrote nothing and
        // left no key remembered.
        Assert.Equal(0, app.Services.GetRequiredService<Core.Identity.RememberedApiKeys>().Count);
        var rows = await RowCountsAsync(app);
        Assert.Equal(0, rows["calls"]);
        Assert.Equal(0, rows["desk_events"]);
    }
}

public sealed class WarmUpTestsOnSqlite() : WarmUpTests(DatabaseKind.Sqlite);

public sealed class WarmUpTestsOnPostgres() : WarmUpTests(DatabaseKind.Postgres);
