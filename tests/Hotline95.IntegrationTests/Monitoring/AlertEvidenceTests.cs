using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Common;
using Hotline95.Core.Compliance;
using Hotline95.Core.Data;
using Hotline95.Core.Monitoring;
using Hotline95.IntegrationTests.Complaints;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Monitoring;

/// <summary>
/// An alert's evidence is stored as a phrase and written in the reader's language: the lists, the notices and the API
/// document. Alerts raised before evidence was a phrase show their stored text in both languages, marked so.
/// </summary>
public abstract class AlertEvidenceTests(DatabaseKind kind)
{
    [Fact]
    public async Task Evidence_ListedInEachLanguage_IsWrittenInThatLanguageOnly_AndOlderAlertsAreMarkedBilingual()
    {
        await using var app = await ComplaintScenario.StartAsync(kind);
        const string Legacy = "3 outbound call(s) from 95528 were placed from queue 'x'. / 95号码外呼用于营销。";
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Hotline95DbContext>();
            var enterprise = await db.Lines.Select(l => l.EnterpriseId).FirstAsync();
            var redLines = sp.GetRequiredService<RedLineAlertsHandler>();
            await redLines.RaiseAsync(enterprise, RedLine.DataLeak, "reveal-burst", null, "legacy",
                Phrase.Of("evidence.revealBurst", ("actor", "old"), ("calls", 1), ("minutes", 60.0), ("limit", 20)));
            await db.RedLineAlerts.Where(a => a.DedupKey == "legacy").ExecuteUpdateAsync(u => u.SetProperty(a => a.EvidencePhrase, (string?)null).SetProperty(a => a.Evidence, Legacy));
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            await redLines.RaiseAsync(enterprise, RedLine.DataLeak, "reveal-burst", null, "burst",
                Phrase.Of("evidence.revealBurst", ("actor", "supervisor"), ("calls", 20), ("minutes", 60.0), ("limit", 20)));
            var flood = new MonitoringAlert
            {
                EnterpriseId = enterprise, Line = ComplaintScenario.Line, Kind = AlertKind.CallerFlood, DedupKey = "flood", RaisedAt = app.Clock.GetUtcNow(),
                WindowStart = app.Clock.GetUtcNow().AddMinutes(-10), WindowEnd = app.Clock.GetUtcNow(), Status = AlertStatus.Open,
            };
            flood.Quote(Phrase.Of("evidence.callerFlood", ("caller", "138****0000"), ("calls", 11), ("minutes", 10.0), ("limit", 10)));
            db.Alerts.Add(flood);
            return await db.SaveChangesAsync();
        });
        var officer = await app.LoginAsComplianceOfficerAsync();
        var supervisor = await app.LoginAsSupervisorAsync();

        var zh = (await officer.GetFromJsonAsync<JsonElement>("/api/compliance/red-lines")).GetProperty("items").EnumerateArray().ToList();
        var floodZh = (await supervisor.GetFromJsonAsync<JsonElement>("/api/monitoring/alerts")).GetProperty("items").EnumerateArray().Single();
        officer.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        supervisor.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var en = (await officer.GetFromJsonAsync<JsonElement>("/api/compliance/red-lines")).GetProperty("items").EnumerateArray().ToList();
        var floodEn = (await supervisor.GetFromJsonAsync<JsonElement>("/api/monitoring/alerts")).GetProperty("items").EnumerateArray().Single();
        var notices = await officer.GetFromJsonAsync<JsonElement[]>("/api/notifications");

        Assert.Equal("supervisor 在 60 分钟内查看了 20 通电话的客户个人信息（上限 20 通）。", zh[0].GetProperty("evidence").GetString());
        Assert.Equal("supervisor revealed 20 calls' personal data within 60 minutes (limit 20).", en[0].GetProperty("evidence").GetString());
        Assert.False(en[0].GetProperty("evidenceBilingual").GetBoolean());
        Assert.Equal(Legacy, zh[1].GetProperty("evidence").GetString());
        Assert.Equal(Legacy, en[1].GetProperty("evidence").GetString());
        Assert.True(en[1].GetProperty("evidenceBilingual").GetBoolean());
        Assert.Equal("138****0000：10 分钟内呼入 11 通（上限 10 通）。", floodZh.GetProperty("evidence").GetString());
        Assert.Equal("138****0000: 11 calls in 10 minutes (limit 10).", floodEn.GetProperty("evidence").GetString());
        // The notice quotes the evidence in the notice's language, as a phrase inside a phrase.
        Assert.Contains(notices!, n => n.GetProperty("message").GetString() == "Red line (Data leak): supervisor revealed 20 calls' personal data within 60 minutes (limit 20).");
        Assert.DoesNotContain(notices!, n => n.GetProperty("message").GetString()!.Contains("evidence.", StringComparison.Ordinal));
        // The CLI prints both languages.
        var listed = await CliRunner.RunAsync(CliRunner.On(app.Database, "monitoring", "alerts"));
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("138****0000：10 分钟内呼入 11 通（上限 10 通）。 / 138****0000: 11 calls in 10 minutes (limit 10).", listed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiDocument_Evidence_IsText()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var schemas = document.GetProperty("components").GetProperty("schemas");

        foreach (var view in new[] { "RedLineAlertView", "AlertView", "ComplaintView" })
        {
            var property = view == "ComplaintView" ? "escalationReason" : "evidence";
            var schema = schemas.GetProperty(view).GetProperty("properties").GetProperty(property);
            // Directly, by reference, or (nullable) one of null and a reference.
            var choices = schema.TryGetProperty("oneOf", out var oneOf) ? oneOf.EnumerateArray().ToList() : [schema];
            var resolved = choices.Select(c => c.TryGetProperty("$ref", out var reference) ? schemas.GetProperty(reference.GetString()!.Split('/').Last()) : c)
                .Where(c => c.GetProperty("type").ToString() != "null").ToList();
            Assert.All(resolved, r =>
            {
                Assert.Contains("string", r.GetProperty("type").ToString(), StringComparison.Ordinal);
                Assert.False(r.TryGetProperty("properties", out var inner) && inner.EnumerateObject().Any(), $"{view}.{property} is documented as an object: {r}");
            });
            Assert.NotEmpty(resolved);
        }
    }
}

public sealed class AlertEvidenceTestsOnSqlite() : AlertEvidenceTests(DatabaseKind.Sqlite);

public sealed class AlertEvidenceTestsOnPostgres() : AlertEvidenceTests(DatabaseKind.Postgres);
