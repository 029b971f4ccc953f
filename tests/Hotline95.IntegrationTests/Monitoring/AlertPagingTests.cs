using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Compliance;
using Hotline95.Core.Data;
using Hotline95.Core.Monitoring;
using Hotline95.IntegrationTests.Complaints;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Monitoring;

/// <summary>The anomaly and red-line alert lists page with their total (they used to stop at 1,000 without saying so).</summary>
public abstract class AlertPagingTests(DatabaseKind kind)
{
    [Fact]
    public async Task Alerts_FiveOfEachKind_PagesOfTwoNewestFirstWithTheTotal()
    {
        await using var app = await ComplaintScenario.StartAsync(kind);
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Hotline95DbContext>();
            var enterprise = await db.Lines.Select(l => l.EnterpriseId).FirstAsync();
            var redLines = sp.GetRequiredService<RedLineAlertsHandler>();
            for (var i = 0; i < 5; i++)
            {
                var at = app.Clock.GetUtcNow().AddMinutes(i);
                var alert = new MonitoringAlert
                {
                    EnterpriseId = enterprise, Line = ComplaintScenario.Line, Kind = AlertKind.VolumeSurge, DedupKey = $"surge:{i}", RaisedAt = at,
                    WindowStart = at, WindowEnd = at, Status = AlertStatus.Open,
                };
                alert.Quote(Core.Common.Phrase.Verbatim($"surge {i}"));
                db.Alerts.Add(alert);
                await db.SaveChangesAsync();
                await redLines.RaiseAsync(enterprise, RedLine.OutOfScope, "test", ComplaintScenario.Line, $"test:{i}", Core.Common.Phrase.Verbatim($"red line {i}"));
                app.Clock.Advance(TimeSpan.FromMinutes(1));
            }

            return 0;
        });
        var officer = await app.LoginAsComplianceOfficerAsync();

        foreach (var url in new[] { "/api/monitoring/alerts", "/api/compliance/red-lines" })
        {
            var pages = new List<string>();
            for (var page = 1; page <= 3; page++)
            {
                var answer = await officer.GetFromJsonAsync<JsonElement>($"{url}?pageSize=2&page={page}");
                Assert.Equal(5, answer.GetProperty("total").GetInt32());
                pages.AddRange(answer.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("evidence").GetString()!));
            }

            Assert.Equal(["4", "3", "2", "1", "0"], pages.Select(e => e[^1..]).ToArray());
        }
    }
}

public sealed class AlertPagingTestsOnSqlite() : AlertPagingTests(DatabaseKind.Sqlite);

public sealed class AlertPagingTestsOnPostgres() : AlertPagingTests(DatabaseKind.Postgres);
