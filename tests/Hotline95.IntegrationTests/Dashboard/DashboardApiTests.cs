using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Identity;
using Hotline95.Testing;

namespace Hotline95.IntegrationTests.Dashboard;

public abstract class DashboardApiTests(DatabaseKind kind)
{
    private static readonly string[] WorkCards = ["myTickets", "callbacks"];
    private static readonly string[] ServiceCards = ["todayCalls", "complaintsAtRisk", "alerts"];
    private static readonly string[] ComplianceCards = ["redLines", "licenceDuties", "retention", "auditChain"];
    private static readonly string[] AdminCards = ["users", "apiKeys", "keys", "backup"];

    private static async Task<JsonElement> DashboardAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/dashboard");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The cards present (not null) in an answer.</summary>
    private static string[] Cards(JsonElement dashboard) =>
        WorkCards.Concat(ServiceCards).Concat(ComplianceCards).Concat(AdminCards)
            .Where(c => dashboard.GetProperty(c).ValueKind != JsonValueKind.Null).ToArray();

    private static string Number(JsonElement e) => e.GetDouble().ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Get_Agent_SeesMyTicketsAndCallbacksOnly()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var s = await DashboardScenario.SeedAsync(app);

        var a = await DashboardAsync(await app.LoginAsync(s.AgentA.Name, s.AgentA.Password));
        var b = await DashboardAsync(await app.LoginAsync(s.AgentB.Name, s.AgentB.Password));

        Assert.Equal(WorkCards, Cards(a));
        Assert.Equal(3, a.GetProperty("myTickets").GetProperty("open").GetInt32()); // two opened, one transferred to A
        var transferred = a.GetProperty("myTickets").GetProperty("oldest").EnumerateArray().Single(t => t.GetProperty("transferredToMe").GetBoolean());
        Assert.Equal(s.TransferredTicket, transferred.GetProperty("id").GetInt64());
        Assert.Equal("Transferred", transferred.GetProperty("step").GetString());
        Assert.Equal(2, b.GetProperty("myTickets").GetProperty("open").GetInt32()); // both opened by B, one now with A
        var callbacks = a.GetProperty("callbacks");
        Assert.Equal(DashboardScenario.Missed, callbacks.GetProperty("open").GetInt32());
        Assert.Equal(40, callbacks.GetProperty("oldestAgeMinutes").GetInt32()); // missed 09:20, now 10:00
        Assert.Equal("2026-03-02", a.GetProperty("today").GetProperty("date").GetString());
        Assert.True(a.GetProperty("today").GetProperty("isWorkday").GetBoolean());
    }

    [Fact]
    public async Task Get_Supervisor_SeesTodaysCallsComplaintsAtRiskAndAlerts()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var s = await DashboardScenario.SeedAsync(app);

        var d = await DashboardAsync(await app.LoginAsync(s.Supervisor.Name, s.Supervisor.Password));

        Assert.Equal([.. WorkCards, .. ServiceCards], Cards(d));
        var calls = d.GetProperty("todayCalls");
        Assert.Equal(DashboardScenario.CallsIn, calls.GetProperty("callsIn").GetInt32());
        Assert.Equal(DashboardScenario.CallsIn - DashboardScenario.Missed, calls.GetProperty("answeredIn").GetInt32());
        Assert.Equal(DashboardScenario.CallsOut, calls.GetProperty("callsOut").GetInt32());
        Assert.Equal(DashboardScenario.AnswerRate, Number(calls.GetProperty("answerRate")));
        Assert.Equal(DashboardScenario.ServiceLevel, Number(calls.GetProperty("serviceLevel")));
        Assert.Equal(DashboardScenario.QueueOffered, calls.GetProperty("queueOffered").GetInt32());

        var complaints = d.GetProperty("complaintsAtRisk");
        Assert.Equal(1, complaints.GetProperty("overdue").GetInt32());
        Assert.Equal(1, complaints.GetProperty("atRisk").GetInt32());
        var items = complaints.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([s.OverdueComplaint, s.AtRiskComplaint], items.Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(("Overdue", "Respond", -3600L), (items[0].GetProperty("state").GetString(), items[0].GetProperty("deadline").GetString(), items[0].GetProperty("secondsRemaining").GetInt64()));
        Assert.Equal(("AtRisk", 7200L), (items[1].GetProperty("state").GetString(), items[1].GetProperty("secondsRemaining").GetInt64()));

        var alerts = d.GetProperty("alerts");
        Assert.Equal(2, alerts.GetProperty("open").GetInt32()); // the handled one is not counted
        Assert.Equal(1, alerts.GetProperty("byKind").GetProperty("CallerFlood").GetInt32());
    }

    [Fact]
    public async Task Get_ComplianceOfficer_SeesRedLinesDutiesRetentionAndTheAuditChain()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var s = await DashboardScenario.SeedAsync(app);

        var d = await DashboardAsync(await app.LoginAsync(s.Officer.Name, s.Officer.Password));

        Assert.Equal([.. ServiceCards, .. ComplianceCards], Cards(d));
        var redLines = d.GetProperty("redLines");
        Assert.Equal((1, 1), (redLines.GetProperty("open").GetInt32(), redLines.GetProperty("acknowledged").GetInt32()));
        Assert.False(redLines.GetProperty("byRedLine").TryGetProperty("FalseAdvertising", out _)); // resolved

        var duties = d.GetProperty("licenceDuties");
        Assert.Equal(2, duties.GetProperty("open").GetInt32()); // the certificate's filing and the first annual report
        Assert.Equal(0, duties.GetProperty("late").GetInt32());
        Assert.Equal("CertificateFiling", duties.GetProperty("next")[0].GetProperty("kind").GetString());

        var retention = d.GetProperty("retention");
        Assert.Equal(1, retention.GetProperty("callsPastRetention").GetInt64());
        Assert.True(retention.GetProperty("breached").GetBoolean());
        Assert.Equal(DashboardScenario.OldCallDay, DayInShanghai(retention.GetProperty("oldestCallPastRetention")));
        Assert.Equal("2025-09-02", DayInShanghai(retention.GetProperty("callCutoff")));

        var audit = d.GetProperty("auditChain");
        Assert.True(audit.GetProperty("intact").GetBoolean());
        Assert.True(audit.GetProperty("entriesChecked").GetInt64() > 10);
    }

    [Fact]
    public async Task Get_Admin_SeesUsersKeysAndBackupsAndNoAgentCards()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        await DashboardScenario.SeedAsync(app);
        var admin = await app.LoginAsAdminAsync();

        var d = await DashboardAsync(admin);

        Assert.Equal([.. ServiceCards, .. ComplianceCards, .. AdminCards], Cards(d));
        var users = d.GetProperty("users");
        Assert.Equal(6, users.GetProperty("total").GetInt32()); // admin, two agents, supervisor, officer, the one who left
        Assert.Equal(1, users.GetProperty("disabled").GetInt32());
        var keys = d.GetProperty("apiKeys");
        Assert.Equal(1, keys.GetProperty("active").GetInt32());
        Assert.Equal(DashboardScenario.ApiKeyName, keys.GetProperty("lastUsedName").GetString());
        var inventory = d.GetProperty("keys");
        Assert.True(inventory.GetProperty("masterKeyOpensStoredKeys").GetBoolean());
        Assert.Equal("2026-03", inventory.GetProperty("month").GetString());
        Assert.Equal(["calls", "complaints"], inventory.GetProperty("monthPurposes").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(JsonValueKind.Null, d.GetProperty("backup").GetProperty("lastBackupAt").ValueKind); // none recorded, none invented
    }

    [Fact]
    public async Task Get_AfterABackup_AdminSeesItsTimeAndFile()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var admin = await app.LoginAsAdminAsync();
        var file = Path.Combine(app.Database.DataDirectory, "nightly.h95backup");

        var created = await CliRunner.RunAsync(CliRunner.On(app.Database, "backup", "create", "--out", file));
        var backup = (await DashboardAsync(admin)).GetProperty("backup");

        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Equal("nightly.h95backup", backup.GetProperty("file").GetString());
        Assert.Equal(JsonValueKind.String, backup.GetProperty("lastBackupAt").ValueKind);
    }

    [Fact]
    public async Task Get_NoCallsToday_AnswerRateAndServiceLevelAreNotApplicable()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var supervisor = await app.LoginAsSupervisorAsync();

        var calls = (await DashboardAsync(supervisor)).GetProperty("todayCalls");

        Assert.Equal(0, calls.GetProperty("callsIn").GetInt32());
        Assert.Equal(JsonValueKind.Null, calls.GetProperty("answerRate").ValueKind);
        Assert.Equal(JsonValueKind.Null, calls.GetProperty("serviceLevel").ValueKind);
    }

    [Fact]
    public async Task Get_IntegrationKey_IsForbidden()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var key = await app.CreateApiKeyClientAsync(Role.Integration);

        Assert.Equal(HttpStatusCode.Forbidden, (await key.GetAsync("/api/dashboard")).StatusCode);
    }

    private static string DayInShanghai(JsonElement instant) =>
        DateOnly.FromDateTime(instant.GetDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public sealed class DashboardApiTestsOnSqlite() : DashboardApiTests(DatabaseKind.Sqlite);

public sealed class DashboardApiTestsOnPostgres() : DashboardApiTests(DatabaseKind.Postgres);
