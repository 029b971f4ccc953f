using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Calendar;
using Hotline95.Core.Data;
using Hotline95.Core.Monitoring;
using Hotline95.IntegrationTests.Calls;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Monitoring;

public abstract class AnomalyTests(DatabaseKind kind)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>
    /// A believable hotline: a working-day profile peaking mid-morning and mid-afternoon, Mondays 40% busier
    /// in the morning, weekends at half and statutory holidays (Spring Festival) at a quarter, ±10% noise.
    /// </summary>
    private static int Normal(WorkdayCalendar calendar, DateOnly day, int hour)
    {
        int[] profile = [2, 1, 1, 1, 1, 2, 6, 20, 60, 90, 100, 85, 50, 70, 90, 95, 80, 60, 35, 25, 18, 12, 8, 4];
        var info = calendar.GetDay(day);
        var factor = info.Kind switch
        {
            DayKind.Holiday => 0.25,
            DayKind.Weekend => 0.5,
            _ => day.DayOfWeek == DayOfWeek.Monday && hour is >= 8 and <= 12 ? 1.4 : 1.0,
        };
        var noise = 0.9 + new Random(day.DayNumber * 31 + hour).NextDouble() * 0.2;
        return (int)Math.Round(profile[hour] * factor * noise);
    }

    private static async Task SeedHistoryAsync(Hotline95AppFactory app, DateOnly from, DateOnly to, Func<DateOnly, int, int>? volume = null)
    {
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<Hotline95DbContext>();
            var calendar = s.GetRequiredService<WorkdayCalendar>();
            var enterprise = await db.Lines.Where(l => l.Number == CallStoreScenario.Line).Select(l => l.EnterpriseId).SingleAsync();
            for (var day = from; day <= to; day = day.AddDays(1))
            {
                for (var hour = 0; hour < 24; hour++)
                {
                    db.HourlyVolumes.Add(new HourlyLineVolume
                    {
                        EnterpriseId = enterprise, Line = CallStoreScenario.Line, Day = day, Hour = hour,
                        Calls = volume?.Invoke(day, hour) ?? Normal(calendar, day, hour),
                    });
                }
            }

            return await db.SaveChangesAsync();
        });
    }

    private static Task<IReadOnlyList<MonitoringAlert>> DetectAtAsync(Hotline95AppFactory app, DateTimeOffset at) =>
        app.WithScopeAsync(s => s.GetRequiredService<DetectAnomaliesHandler>().HandleAsync(at));

    [Fact]
    public async Task Surge_FiveTimesTheUsualMorningHour_IsRaisedWithItsEvidence()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        WorkdayCalendar calendar = app.Services.GetRequiredService<WorkdayCalendar>();
        await SeedHistoryAsync(app, new DateOnly(2026, 1, 20), new DateOnly(2026, 3, 4),
            (day, hour) => day == new DateOnly(2026, 3, 4) && hour == 10 ? 5 * Normal(calendar, day, hour) : Normal(calendar, day, hour));

        var alerts = await DetectAtAsync(app, new DateTimeOffset(2026, 3, 4, 11, 5, 0, China));
        var again = await DetectAtAsync(app, new DateTimeOffset(2026, 3, 4, 11, 10, 0, China));

        var surge = Assert.Single(alerts);
        Assert.Equal(AlertKind.VolumeSurge, surge.Kind);
        Assert.True(surge.Observed >= 450, surge.EvidenceText());
        Assert.InRange(surge.Expected, 85, 115);
        Assert.True(surge.Score >= 6);
        Assert.Contains("2026-03-04 10:00", surge.EvidenceText());
        Assert.Contains("working day", surge.EvidenceText());
        Assert.Contains("（工作日）：呼入 ", surge.EvidenceText(english: false));
        Assert.Empty(again);
    }

    [Fact]
    public async Task NormalWeeks_SpringFestivalDipAndMondayPeaks_RaiseNothing()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        await SeedHistoryAsync(app, new DateOnly(2025, 12, 1), new DateOnly(2026, 3, 2));

        var raised = new List<MonitoringAlert>();
        // Every hour from the week before Spring Festival 2026 (holiday 15–23 Feb) to the Monday after it, and two more Mondays.
        for (var at = new DateTimeOffset(2026, 2, 9, 0, 5, 0, China); at <= new DateTimeOffset(2026, 3, 2, 23, 5, 0, China); at = at.AddHours(2))
        {
            raised.AddRange(await DetectAtAsync(app, at));
        }

        Assert.Empty(raised.Select(a => a.EvidenceText()));
    }

    [Fact]
    public async Task Flood_OneCallerElevenTimesInTenMinutes_IsRaisedAndBlockedInOneClick()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var cti = await CallStoreScenario.CtiUrlAsync(app);
        var pbx = app.CreateClient();
        for (var i = 0; i < 11; i++)
        {
            await pbx.PostAsJsonAsync(cti, new { @event = "newCall", callId = $"f{i}", from = "13800138000", to = "95528", direction = "in" });
            await pbx.PostAsJsonAsync(cti, new { @event = "hangup", callId = $"f{i}", cause = "cancel" });
            app.Clock.Advance(TimeSpan.FromSeconds(40));
        }

        await pbx.PostAsJsonAsync(cti, new { @event = "newCall", callId = "other", from = "13900139000", to = "95528", direction = "in" });
        var alerts = await app.WithScopeAsync(s => s.GetRequiredService<DetectAnomaliesHandler>().HandleAsync());
        var flood = Assert.Single(alerts);
        Assert.Equal(AlertKind.CallerFlood, flood.Kind);
        Assert.Equal("138****8000", flood.CallerMasked);
        Assert.Contains("11 calls in 10 minutes", flood.EvidenceText());

        var supervisor = await app.LoginAsSupervisorAsync();
        var listed = await supervisor.GetFromJsonAsync<JsonElement>("/api/monitoring/alerts");
        Assert.DoesNotContain("13800138000", listed.GetRawText());
        var blocked = await supervisor.PostAsync($"/api/monitoring/alerts/{flood.Id}/block", null);
        Assert.True(blocked.IsSuccessStatusCode, await blocked.Content.ReadAsStringAsync());
        var answer = await (await pbx.PostAsJsonAsync(cti, new { @event = "newCall", callId = "f-next", from = "+86 138 0013 8000", to = "95528", direction = "in" })).Content.ReadAsStringAsync();
        Assert.Contains("\"reject\"", answer);
        var handled = await app.WithScopeAsync(s => s.GetRequiredService<Hotline95DbContext>().Alerts.SingleAsync());
        Assert.Equal(AlertStatus.Handled, handled.Status);
        Assert.True(handled.CallerBlocked);
        // How it was handled, in the reader's language.
        Assert.Equal("已将来电号码 138****8000 列入黑名单", (await blocked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("handling").GetString());
        supervisor.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var english = await supervisor.GetFromJsonAsync<JsonElement>("/api/monitoring/alerts");
        Assert.Equal("caller 138****8000 blocked", english.GetProperty("items")[0].GetProperty("handling").GetString());
    }

    /// <summary>An alert handled already (another supervisor's note): the one-click block refuses before it blocks anyone.</summary>
    [Fact]
    public async Task BlockCaller_AlertHandledAlready_RefusedAndNobodyBlocked()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var cti = await CallStoreScenario.CtiUrlAsync(app);
        var pbx = app.CreateClient();
        for (var i = 0; i < 11; i++)
        {
            await pbx.PostAsJsonAsync(cti, new { @event = "newCall", callId = $"f{i}", from = "13800138000", to = "95528", direction = "in" });
            await pbx.PostAsJsonAsync(cti, new { @event = "hangup", callId = $"f{i}", cause = "cancel" });
            app.Clock.Advance(TimeSpan.FromSeconds(40));
        }

        var flood = Assert.Single(await app.WithScopeAsync(s => s.GetRequiredService<DetectAnomaliesHandler>().HandleAsync()));
        var supervisor = await app.LoginAsSupervisorAsync();
        var noted = await supervisor.PostAsJsonAsync($"/api/monitoring/alerts/{flood.Id}/handle", new { note = "已电话核实，系客户重复咨询" });
        Assert.True(noted.IsSuccessStatusCode, await noted.Content.ReadAsStringAsync());

        var blocked = await supervisor.PostAsync($"/api/monitoring/alerts/{flood.Id}/block", null);

        Assert.Equal(System.Net.HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Contains("ALERT_HANDLED", await blocked.Content.ReadAsStringAsync());
        var answer = await (await pbx.PostAsJsonAsync(cti, new { @event = "newCall", callId = "f-next", from = "13800138000", to = "95528", direction = "in" })).Content.ReadAsStringAsync();
        Assert.DoesNotContain("\"reject\"", answer);
        var stored = await app.WithScopeAsync(s => s.GetRequiredService<Hotline95DbContext>().Alerts.AsNoTracking().SingleAsync());
        Assert.False(stored.CallerBlocked);
        Assert.Equal("已电话核实，系客户重复咨询", stored.Handling);
    }
}

public sealed class AnomalyTestsOnSqlite() : AnomalyTests(DatabaseKind.Sqlite);

public sealed class AnomalyTestsOnPostgres() : AnomalyTests(DatabaseKind.Postgres);
