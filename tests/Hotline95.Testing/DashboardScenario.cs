using Hotline95.Core.Common;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hotline95.Core.Compliance;
using Hotline95.Core.Data;
using Hotline95.Core.Enterprises;
using Hotline95.Core.Identity;
using Hotline95.Core.Licensing.Maintenance;
using Hotline95.Core.Monitoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.Testing;

/// <summary>
/// A hotline's morning for the dashboards, at the fake clock's 2026-03-02 10:00 Shanghai (a Monday): line 95528 with its
/// queues, today's calls imported (4 inbound of which 1 missed, 1 outbound) and one call of August 2025, past the 6-month
/// retention; a queue_log with 3 calls offered to "support" (1 answered within 20 s) and a short abandon on "vip"; three
/// complaints (one overdue for its response, one due in 2 hours, one on track); tickets of two agents, one transferred from the
/// other; monitoring alerts (two open, one handled); red-line alerts (one open, one acknowledged, one resolved); a certified
/// dossier's licence duties; a disabled account; an API key that has been used. The expected figures are constants here.
/// </summary>
public sealed class DashboardScenario
{
    public const string Line = "95528";
    public const int CallsIn = 4;
    public const int Missed = 1;
    public const int CallsOut = 1;
    public const string AnswerRate = "0.75";
    public const string ServiceLevel = "0.3333";
    public const int QueueOffered = 4;
    public const string OldCallDay = "2025-08-20";
    public const string DisabledUser = "dash-left";
    public const string ApiKeyName = "test-Integration";

    private DashboardScenario(Hotline95AppFactory app) => App = app;

    public Hotline95AppFactory App { get; }
    public (string Name, string Password) AgentA { get; private set; }
    public (string Name, string Password) AgentB { get; private set; }
    public (string Name, string Password) Supervisor { get; private set; }
    public (string Name, string Password) Officer { get; private set; }
    public long OverdueComplaint { get; private set; }
    public long AtRiskComplaint { get; private set; }
    public long TransferredTicket { get; private set; }

    public static async Task<DashboardScenario> SeedAsync(Hotline95AppFactory app)
    {
        var s = new DashboardScenario(app);
        await s.SeedCallsAsync();
        s.AgentA = await app.CreateUserAsync(Role.Agent, "dash-agent-a");
        s.AgentB = await app.CreateUserAsync(Role.Agent, "dash-agent-b");
        s.Supervisor = await app.CreateUserAsync(Role.Supervisor, "dash-supervisor");
        s.Officer = await app.CreateUserAsync(Role.ComplianceOfficer, "dash-officer");
        await s.SeedServiceAsync();
        await s.SeedComplianceAsync();
        await s.SeedAdministrationAsync();
        return s;
    }

    private static async Task Cli(Hotline95AppFactory app, params string[] args)
    {
        var result = await CliRunner.RunAsync(CliRunner.On(app.Database, args));
        Assert.True(result.ExitCode == 0, $"hotline95 {string.Join(' ', args)}: {result.Out}{result.Error}");
    }

    private async Task SeedCallsAsync()
    {
        await Cli(App, "lines", "add", Line, "--name", "信用卡客服热线");
        await Cli(App, "lines", "usage", Line, "--purposes", "信贷咨询,账单查询,投诉处理", "--hours", "7×24");
        await Cli(App, "lines", "queues", Line, "--queues", "support,vip");
        var calls = Path.Combine(App.Database.DataDirectory, "today.csv");
        await File.WriteAllTextAsync(calls, """
            call_id,direction,from,to,start,answer,end
            t1,in,13800138001,95528,2026-03-02T08:10:00+08:00,2026-03-02T08:10:05+08:00,2026-03-02T08:14:00+08:00
            t2,in,13800138002,95528,2026-03-02T08:40:00+08:00,2026-03-02T08:40:10+08:00,2026-03-02T08:45:00+08:00
            t3,in,13800138003,95528,2026-03-02T09:05:00+08:00,2026-03-02T09:05:20+08:00,2026-03-02T09:09:00+08:00
            t4,in,13800138004,95528,2026-03-02T09:20:00+08:00,,2026-03-02T09:21:00+08:00
            t5,out,95528,13900139005,2026-03-02T09:30:00+08:00,2026-03-02T09:30:08+08:00,2026-03-02T09:33:00+08:00
            old,in,13700137000,95528,2025-08-20T10:00:00+08:00,2025-08-20T10:00:05+08:00,2025-08-20T10:03:00+08:00
            """);
        await Cli(App, "calls", "import", "--format", "csv", calls);

        // Monday 09:00–10:00: support answers after 10 s and 30 s, one caller gives up after 40 s; vip's only call is a 3 s (short) abandon.
        var log = Path.Combine(App.Database.DataDirectory, "queue_log");
        await File.WriteAllLinesAsync(log,
        [
            "1772413200|c1|support|NONE|ENTERQUEUE||13800138001|1", "1772413210|c1|support|PJSIP/8001|CONNECT|10|c1b|2", "1772413330|c1|support|PJSIP/8001|COMPLETECALLER|10|120|1",
            "1772413800|c2|support|NONE|ENTERQUEUE||13800138002|1", "1772413830|c2|support|PJSIP/8002|CONNECT|30|c2b|2", "1772413930|c2|support|PJSIP/8002|COMPLETEAGENT|30|100|1",
            "1772414400|c3|support|NONE|ENTERQUEUE||13800138003|1", "1772414440|c3|support|NONE|ABANDON|1|1|40",
            "1772414500|c4|vip|NONE|ENTERQUEUE||13800138004|1", "1772414503|c4|vip|NONE|ABANDON|1|1|3",
        ]);
        await Cli(App, "queues", "import", "--format", "asterisk-queue-log", log);
    }

    private async Task SeedServiceAsync()
    {
        var supervisor = await App.LoginAsync(Supervisor.Name, Supervisor.Password);
        async Task<long> Complaint(string receivedAt) => (await Read(await supervisor.PostAsJsonAsync("/api/complaints",
            new { line = Line, callerPhone = "13800138009", summary = "账单多扣款", receivedAt }))).GetProperty("id").GetInt64();
        OverdueComplaint = await Complaint("2026-03-01T09:00:00+08:00"); // response was due 09:00 today: an hour overdue
        AtRiskComplaint = await Complaint("2026-03-01T12:00:00+08:00"); // response due 12:00 today: 2 hours left, inside the 4-hour window
        await Complaint("2026-03-02T09:00:00+08:00"); // response due tomorrow 09:00: on track

        var agentA = await App.LoginAsync(AgentA.Name, AgentA.Password);
        var agentB = await App.LoginAsync(AgentB.Name, AgentB.Password);
        async Task<long> Ticket(HttpClient agent) =>
            (await Read(await agent.PostAsJsonAsync("/api/tickets", new { line = Line, customerPhone = "13800138001", note = "来电咨询" }))).GetProperty("id").GetInt64();
        await Ticket(agentA);
        await Ticket(agentA);
        TransferredTicket = await Ticket(agentB);
        foreach (var step in new object[]
                 {
                     new { step = "Answered" }, new { step = "Recorded", category = "账单查询", note = "账单疑问" }, new { step = "Transferred", assignTo = AgentA.Name },
                 })
        {
            await Read(await agentB.PostAsJsonAsync($"/api/tickets/{TransferredTicket}/steps", step));
        }

        await Ticket(agentB);

        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Hotline95DbContext>();
            var enterprise = await EnterpriseAsync(sp);
            var at = new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
            MonitoringAlert Alert(AlertKind kind, string key, AlertStatus status)
            {
                var alert = new MonitoringAlert
                {
                    EnterpriseId = enterprise, Line = Line, Kind = kind, DedupKey = key, RaisedAt = at, WindowStart = at.AddHours(-1), WindowEnd = at,
                    Observed = 40, Expected = 8, Score = 5, Status = status,
                };
                alert.Quote(Phrase.Verbatim("test"));
                return alert;
            }
            db.Alerts.AddRange(Alert(AlertKind.VolumeSurge, "surge:t", AlertStatus.Open), Alert(AlertKind.CallerFlood, "flood:t", AlertStatus.Open),
                Alert(AlertKind.VolumeSurge, "surge:handled", AlertStatus.Handled));
            return await db.SaveChangesAsync();
        });
    }

    private async Task SeedComplianceAsync()
    {
        await App.WithScopeAsync(async sp =>
        {
            var redLines = sp.GetRequiredService<RedLineAlertsHandler>();
            var enterprise = await EnterpriseAsync(sp);
            await redLines.RaiseAsync(enterprise, RedLine.OutOfScope, "ticket-category", Line, "dash:open", Phrase.Verbatim("test: open"));
            var acknowledged = await redLines.RaiseAsync(enterprise, RedLine.DataLeak, "reveal-burst", Line, "dash:ack", Phrase.Verbatim("test: acknowledged"));
            var resolved = await redLines.RaiseAsync(enterprise, RedLine.FalseAdvertising, "campaign-script", Line, "dash:resolved", Phrase.Verbatim("test: resolved"));
            await redLines.AcknowledgeAsync(enterprise, acknowledged!.Id, "looking", "test");
            await redLines.ResolveAsync(enterprise, resolved!.Id, "done", "test");
            return 0;
        });

        var officer = await App.LoginAsync(Officer.Name, Officer.Password);
        var dossier = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "dossiers", "dossier-pudong-bank.json"));
        var saved = await Read(await officer.PostAsync("/api/dossiers?number=95123", new StringContent(dossier, Encoding.UTF8, "application/json")));
        await App.WithScopeAsync(async sp =>
        {
            var stored = await sp.GetRequiredService<Hotline95DbContext>().Dossiers.SingleAsync(d => d.Id == saved.GetProperty("id").GetGuid());
            await sp.GetRequiredService<LicenceTasks>().OpenAfterCertificateAsync(stored, new DateOnly(2026, 3, 2), "test", CancellationToken.None);
            return 0;
        });
    }

    private async Task SeedAdministrationAsync()
    {
        var admin = await App.LoginAsAdminAsync();
        await App.CreateUserAsync(Role.Agent, DisabledUser);
        await Read(await admin.PostAsync($"/api/users/{DisabledUser}/disable", null));
        var key = await App.CreateApiKeyClientAsync(Role.Integration);
        (await key.GetAsync("/api/lines")).EnsureSuccessStatusCode();
    }

    private static async Task<Guid> EnterpriseAsync(IServiceProvider sp) => (await sp.GetRequiredService<EnterpriseDirectory>().FindAsync(null)).Value.Id;

    private static async Task<JsonElement> Read(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
