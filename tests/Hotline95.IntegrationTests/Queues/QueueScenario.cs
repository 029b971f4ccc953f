using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.IntegrationTests.Calls;
using Hotline95.Testing;

namespace Hotline95.IntegrationTests.Queues;

/// <summary>
/// The hand-computed queue_log fixture (Fixtures/queues/sample.queue_log; the working is in expected.md beside it):
/// queues support and vip on line 95528, 2026-03-02 and 03-03 (Asia/Shanghai).
/// </summary>
internal static class QueueScenario
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "queues", name);

    public static string CopyOf(string name, TestDatabase database, string? as_ = null)
    {
        var copy = Path.Combine(database.DataDirectory, "incoming", as_ ?? name);
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(Fixture(name), copy, overwrite: true);
        return copy;
    }

    /// <summary>The app with line 95528 taking queues support and vip, and the clock after the fixture's days (open sessions end "now").</summary>
    public static async Task<Hotline95AppFactory> StartAsync(DatabaseKind kind)
    {
        var app = await CallStoreScenario.StartAsync(kind);
        var mapped = await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "queues", CallStoreScenario.Line, "--queues", "support,vip"));
        Assert.Equal(0, mapped.ExitCode);
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero));
        return app;
    }

    public static Task<CliResult> ImportAsync(TestDatabase database, string file, params string[] extra) =>
        CliRunner.RunAsync(CliRunner.On(database, ["queues", "import", "--format", "asterisk-queue-log", .. extra, file]));

    public static async Task<JsonElement> FiguresAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/monitoring/queues?{query}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static JsonElement Row(JsonElement report, string key) =>
        report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == key);

    public static double? Number(JsonElement row, string name) =>
        row.GetProperty(name).ValueKind == JsonValueKind.Null ? null : row.GetProperty(name).GetDouble();

    /// <summary>offered, answered, abandoned, short, unresolved, answered in time, SL, ASA, abandonment rate, AHT.</summary>
    public static string Summary(JsonElement row) =>
        $"{row.GetProperty("offered").GetInt32()}/{row.GetProperty("answered").GetInt32()}/{row.GetProperty("abandoned").GetInt32()}/{row.GetProperty("shortAbandoned").GetInt32()}/"
        + $"{row.GetProperty("unresolved").GetInt32()}/{row.GetProperty("answeredInTime").GetInt32()} SL {Show(Number(row, "serviceLevel"))} ASA {Show(Number(row, "averageSpeedOfAnswer"))} "
        + $"AR {Show(Number(row, "abandonmentRate"))} AHT {Show(Number(row, "averageHandleTime"))}";

    public static string Agent(JsonElement agent) =>
        $"{agent.GetProperty("answered").GetInt32()}/{agent.GetProperty("talkSeconds").GetInt64()}/{agent.GetProperty("ringsNotAnswered").GetInt32()}/"
        + $"{Show(Number(agent, "loggedInSeconds"))}/{Show(Number(agent, "pausedSeconds"))} occ {Show(Number(agent, "occupancy"))}";

    private static string Show(double? value) => value is { } v ? v.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) : "n/a";

    /// <summary>The figures of the fixture imported once into a fresh installation: what every other way of importing it must end with.</summary>
    public static async Task<string> FiguresOfOneCleanImportAsync(DatabaseKind kind)
    {
        await using var clean = await StartAsync(kind);
        await ImportAsync(clean.Database, CopyOf("sample.queue_log", clean.Database));
        using var client = await clean.LoginAsSupervisorAsync();
        return await AllFiguresAsync(client);
    }

    /// <summary>Every figure expected.md gives, as the API reports them, for comparing two ways of importing the same records.</summary>
    public static async Task<string> AllFiguresAsync(HttpClient client)
    {
        var lines = new List<string>();
        foreach (var query in new[] { "queue=support", "queue=vip", "line=95528" })
        {
            var days = await FiguresAsync(client, $"{query}&from=2026-03-02&to=2026-03-03&groupBy=day");
            lines.AddRange(days.GetProperty("rows").EnumerateArray().Select(r => $"{query} {r.GetProperty("key").GetString()}: {Summary(r)}"));
        }

        var hours = await FiguresAsync(client, "queue=support&from=2026-03-02&to=2026-03-03&groupBy=hour");
        lines.AddRange(hours.GetProperty("rows").EnumerateArray().Select(r => $"support {r.GetProperty("key").GetString()}: {Summary(r)}"));
        foreach (var day in new[] { "2026-03-02", "2026-03-03" })
        {
            var agents = await FiguresAsync(client, $"line=95528&from={day}&to={day}&groupBy=agent");
            lines.AddRange(agents.GetProperty("agents").EnumerateArray().Select(a => $"{day} {a.GetProperty("agent").GetString()}: {Agent(a)}"));
        }

        return string.Join('\n', lines);
    }
}
