using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Complaints;
using Hotline95.Core.Data;
using Hotline95.Core.Identity;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Complaints;

public abstract class EscalationAndHoldTests(DatabaseKind kind)
{
    private static Task<IReadOnlyList<Escalation>> EscalateAsync(Hotline95AppFactory app) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<EscalateDueComplaintsHandler>().HandleAsync());

    [Fact]
    public async Task Escalation_AtTheWarningWindow_NotifiesSupervisorsAndCallsTheWebhook()
    {
        using var hook = new WebhookReceiver();
        await using var app = await ComplaintScenario.StartAsync(kind, b => b.Configuration["Complaints:EscalationWebhookUrl"] = hook.Url);
        var agent = await app.LoginAsAgentAsync();
        var created = await (await agent.PostAsJsonAsync("/api/complaints", new { line = "95528", summary = "扣费争议", callerPhone = "13800138000" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt64();

        app.Clock.Advance(TimeSpan.FromHours(19.5)); // 4.5 h before the 24-hour response deadline: not yet
        Assert.Empty(await EscalateAsync(app));

        app.Clock.Advance(TimeSpan.FromHours(1)); // 3.5 h before: inside the 4-hour window
        var escalated = Assert.Single(await EscalateAsync(app));
        Assert.Empty(await EscalateAsync(app)); // once only

        Assert.Equal(id, escalated.ComplaintId);
        agent = await app.LoginAsAgentAsync(); // a session lasts 8 hours
        var view = await agent.GetFromJsonAsync<JsonElement>($"/api/complaints/{id}");
        Assert.Equal("Escalated", view.GetProperty("status").GetString());
        var supervisor = await app.LoginAsSupervisorAsync();
        var notices = await supervisor.GetFromJsonAsync<JsonElement[]>("/api/notifications");
        var told = Assert.Single(notices!, n => n.GetProperty("kind").GetString() == "complaint.escalated").GetProperty("message").GetString()!;
        Assert.StartsWith($"投诉 #{id}（95528）响应时限 ", told); // in the reader's language (the page's Accept-Language), Chinese by default
        Assert.DoesNotContain("due", told);
        supervisor.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var english = (await supervisor.GetFromJsonAsync<JsonElement[]>("/api/notifications"))!.Single(n => n.GetProperty("kind").GetString() == "complaint.escalated");
        Assert.StartsWith($"Complaint #{id} (95528): response due ", english.GetProperty("message").GetString());
        Assert.Empty((await agent.GetFromJsonAsync<JsonElement[]>("/api/notifications"))!);
        var posted = await hook.NextAsync();
        Assert.Contains($"\"complaintId\":{id}", posted);
        var reason = JsonDocument.Parse(posted).RootElement.GetProperty("reason").GetString()!;
        Assert.Matches(@"^响应时限 \d{4}-\d\d-\d\d \d\d:\d\d，即将超时 / response due \d{4}-\d\d-\d\d \d\d:\d\d$", reason);
        // The complaint's history names the cause, read back from the escalation's audit entry.
        var history = await supervisor.GetFromJsonAsync<JsonElement>($"/api/complaints/{id}/history");
        Assert.Equal("ResponseDue", history.EnumerateArray().Single(e => e.GetProperty("event").GetString() == "Escalated").GetProperty("cause").GetString());
        Assert.DoesNotContain("13800138000", posted);
    }

    [Fact]
    public async Task EscalationService_InTheServer_EscalatesWhenTheClockReachesTheWindow()
    {
        await using var app = await ComplaintScenario.StartAsync(kind, backgroundJobs: true);
        var agent = await app.LoginAsAgentAsync();
        var created = await (await agent.PostAsJsonAsync("/api/complaints", new { line = "95528", summary = "无人回电" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt64();

        // The check runs every minute on the (fake) clock: step time forward a minute at a time, as it would pass.
        for (var minute = 0; minute < 21 * 60 && await StatusAsync(app, id) != ComplaintStatus.Escalated; minute++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            if (minute >= 20 * 60)
            {
                await Task.Delay(20); // inside the window: give the background check its turn
            }
        }

        await WaitForAsync(async () => await StatusAsync(app, id) == ComplaintStatus.Escalated);
        var escalatedAt = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Complaints.Where(c => c.Id == id).Select(c => c.EscalatedAt).SingleAsync());
        Assert.NotNull(escalatedAt);
        Assert.True(escalatedAt >= Hotline95AppFactory.DefaultStart.AddHours(20), $"escalated too early, at {escalatedAt}"); // not before the 4-hour window
    }

    private static Task<ComplaintStatus> StatusAsync(Hotline95AppFactory app, long id) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Complaints.Where(c => c.Id == id).Select(c => c.Status).SingleAsync());

    private static async Task WaitForAsync(Func<Task<bool>> condition) =>
        Assert.True(await Poll.UntilAsync(condition), "the background escalation did not happen");

    [Fact]
    public async Task Escalation_ComplaintResolvedWhileTheCheckRuns_IsNotEscalated()
    {
        // A webhook receiver that holds the first escalation's request until the test lets it go.
        using var hook = new WebhookReceiver(holdAnswers: true);
        await using var app = await ComplaintScenario.StartAsync(kind, b => b.Configuration["Complaints:EscalationWebhookUrl"] = hook.Url);
        var agent = await app.LoginAsAgentAsync();
        var ids = new List<long>();
        for (var i = 0; i < 2; i++)
        {
            var created = await (await agent.PostAsJsonAsync("/api/complaints", new { line = "95528", summary = $"扣费争议 {i}" })).Content.ReadFromJsonAsync<JsonElement>();
            ids.Add(created.GetProperty("id").GetInt64());
        }

        app.Clock.Advance(TimeSpan.FromHours(20.5)); // both inside the 4-hour window before the response deadline
        var check = EscalateAsync(app); // reads both, then escalates them one by one
        var first = JsonDocument.Parse(await hook.NextAsync(TimeSpan.FromSeconds(30))).RootElement.GetProperty("complaintId").GetInt64();
        var other = ids.Single(id => id != first);
        // Meanwhile the other one is answered and resolved (on another node, say).
        await using (var db = app.Database.OpenContext())
        {
            Assert.Equal(1, await db.Complaints.Where(c => c.Id == other).ExecuteUpdateAsync(u => u
                .SetProperty(c => c.Status, ComplaintStatus.Resolved).SetProperty(c => c.RespondedAt, app.Clock.GetUtcNow()).SetProperty(c => c.ResolvedAt, app.Clock.GetUtcNow())));
        }

        hook.AnswerHeld();
        var escalated = Assert.Single(await check.WaitAsync(TimeSpan.FromSeconds(30)));

        var otherId = ids.Single(id => id != escalated.ComplaintId);
        Assert.Equal(ComplaintStatus.Resolved, await StatusAsync(app, otherId));
        await using var after = app.Database.OpenContext();
        Assert.Equal(1, await after.Set<Core.Notifications.Notification>().CountAsync(n => n.Kind == "complaint.escalated"));
    }

    [Fact]
    public async Task Escalation_AuditEntryCannotBeWritten_NothingRecordedAndTheNextCheckEscalatesOnce()
    {
        await using var app = await ComplaintScenario.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();
        var id = (await (await agent.PostAsJsonAsync("/api/complaints", new { line = "95528", summary = "审计写入失败" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetInt64();
        app.Clock.Advance(TimeSpan.FromHours(20.5)); // inside the response's warning window

        await using (await app.Database.RefuseInsertsAsync<Core.Audit.AuditEntry>())
        {
            await Assert.ThrowsAnyAsync<Exception>(() => EscalateAsync(app));
        }

        // Neither the escalation nor its notice without the audit entry that records it.
        Assert.Equal(ComplaintStatus.Received, await StatusAsync(app, id));
        Assert.Equal(0, await EscalationNoticesAsync(app));

        Assert.Equal(id, Assert.Single(await EscalateAsync(app)).ComplaintId);
        await using var db = app.Database.OpenContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == Core.Audit.AuditActions.ComplaintEscalated && e.Target == $"complaint:{id}"));
        Assert.Equal(1, await EscalationNoticesAsync(app));
        Assert.Equal(ComplaintStatus.Escalated, await StatusAsync(app, id));
    }

    [Fact]
    public async Task CreateComplaint_AuditEntryCannotBeWritten_RefusedAndNoComplaintStored()
    {
        await using var app = await ComplaintScenario.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();
        var before = await CountAsync(app);

        HttpResponseMessage refused;
        await using (await app.Database.RefuseInsertsAsync<Core.Audit.AuditEntry>())
        {
            refused = await agent.PostAsJsonAsync("/api/complaints", new { line = "95528", summary = "审计写入失败" });
        }

        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        Assert.Equal(before, await CountAsync(app)); // no complaint the audit log does not know of
        Assert.Equal(HttpStatusCode.Created, (await agent.PostAsJsonAsync("/api/complaints", new { line = "95528", summary = "审计恢复后" })).StatusCode);
        Assert.Equal(before + 1, await CountAsync(app));
    }

    private static Task<int> EscalationNoticesAsync(Hotline95AppFactory app) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Set<Core.Notifications.Notification>().CountAsync(n => n.Kind == "complaint.escalated"));

    [Fact]
    public async Task Escalation_WebhookNeverAnswers_EscalatesEveryComplaintAnyway()
    {
        using var hook = new WebhookReceiver(holdAnswers: true); // takes each request and never answers it
        await using var app = await ComplaintScenario.StartAsync(kind, b => b.Configuration["Complaints:EscalationWebhookUrl"] = hook.Url);
        var agent = await app.LoginAsAgentAsync();
        for (var i = 0; i < 2; i++)
        {
            await agent.PostAsJsonAsync("/api/complaints", new { line = "95528", summary = $"无人回电 {i}" });
        }

        app.Clock.Advance(TimeSpan.FromHours(20.5));

        var escalated = await EscalateAsync(app).WaitAsync(TimeSpan.FromSeconds(60)); // the client gives up on each after 10 s

        Assert.Equal(2, escalated.Count);
    }

    [Fact]
    public async Task Escalation_EvenAfterResponse_WhenResolutionIsOverdue()
    {
        await using var app = await ComplaintScenario.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();
        var created = await (await agent.PostAsJsonAsync("/api/complaints", new { line = "95528", summary = "扣费争议", receivedAt = "2026-02-13T15:00:00+08:00" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt64();
        await agent.PostAsJsonAsync($"/api/complaints/{id}/respond", new { note = "已致电客户" });
        Assert.Empty(await EscalateAsync(app)); // responded; resolution due tonight 23:59, 14 h away

        app.Clock.Advance(TimeSpan.FromHours(14.1)); // 2026-03-03 00:06: the 7th working day has ended

        var escalated = Assert.Single(await EscalateAsync(app));
        Assert.Equal("resolution overdue since 2026-03-02 23:59", Hotline95.Text.ServerText.Render(escalated.Reason, english: true));
        Assert.Equal("办结时限 2026-03-02 23:59 已超时", Hotline95.Text.ServerText.Render(escalated.Reason, english: false));
        // The complaint's view says why in the reader's language; the audit entry keeps the code, untranslated.
        var supervisor = await app.LoginAsSupervisorAsync();
        var view = await supervisor.GetFromJsonAsync<JsonElement>($"/api/complaints/{id}");
        Assert.Equal("办结时限 2026-03-02 23:59 已超时", view.GetProperty("escalationReason").GetString());
        supervisor.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        view = await supervisor.GetFromJsonAsync<JsonElement>($"/api/complaints/{id}");
        Assert.Equal("resolution overdue since 2026-03-02 23:59", view.GetProperty("escalationReason").GetString());
    }

    [Fact]
    public async Task Escalation_ForTheResponseThenAgainForTheResolution()
    {
        await using var app = await ComplaintScenario.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();
        var created = await (await agent.PostAsJsonAsync("/api/complaints", new { line = "95528", summary = "扣费争议" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt64();

        app.Clock.Advance(TimeSpan.FromHours(21)); // response due in 3 h
        Assert.StartsWith("response due ", Hotline95.Text.ServerText.Render(Assert.Single(await EscalateAsync(app)).Reason, english: true));
        agent = await app.LoginAsAgentAsync();
        var responded = await (await agent.PostAsJsonAsync($"/api/complaints/{id}/respond", new { note = "已致电客户说明处理进度" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("已致电客户说明处理进度", responded.GetProperty("responseNote").GetString());

        app.Clock.SetUtcNow(created.GetProperty("resolveBy").GetDateTimeOffset().AddHours(-3)); // resolution due in 3 h
        var second = Assert.Single(await EscalateAsync(app));

        Assert.StartsWith("resolution due ", Hotline95.Text.ServerText.Render(second.Reason, english: true));
        Assert.Empty(await EscalateAsync(app));
    }

    [Fact]
    public async Task ComplaintFromCall_KeepsTheCallOnLegalHoldUntilResolved()
    {
        await using var app = await ComplaintScenario.StartAsync(kind);
        var file = Path.Combine(app.Database.DataDirectory, "c.csv");
        await File.WriteAllTextAsync(file, "call_id,direction,from,to,start,end\nold,in,13800138000,95528,2025-08-01T10:00:00+08:00,2025-08-01T10:05:00+08:00\n");
        await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "import", "--format", "csv", file));
        var callId = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Calls.Select(c => c.Id).SingleAsync());
        var agent = await app.LoginAsAgentAsync();
        var created = await (await agent.PostAsJsonAsync("/api/complaints", new { line = "95528", summary = "回访投诉", callId, receivedAt = "2026-02-25T10:00:00+08:00" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("138****8000", created.GetProperty("callerPhone").GetString()); // taken from the call

        var whileOpen = await CliRunner.RunAsync(CliRunner.On(app.Database, "retention", "purge", "--as-of", "2026-03-02"));
        await agent.PostAsJsonAsync($"/api/complaints/{created.GetProperty("id").GetInt64()}/resolve", new { resolution = "已解释并致歉", satisfaction = 4 });
        var afterResolve = await CliRunner.RunAsync(CliRunner.On(app.Database, "retention", "purge", "--as-of", "2026-03-02"));

        Assert.Contains("kept 1 on legal hold", whileOpen.Out);
        Assert.Contains("deleted 1 call(s)", afterResolve.Out);
    }

    [Fact]
    public async Task ClosedComplaint_IsKeptAYearThenPurged()
    {
        await using var app = await ComplaintScenario.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();
        var created = await (await agent.PostAsJsonAsync("/api/complaints", new { line = "95528", summary = "账单", receivedAt = "2026-03-02T09:00:00+08:00" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        await agent.PostAsJsonAsync($"/api/complaints/{created.GetProperty("id").GetInt64()}/resolve", new { resolution = "已处理", satisfaction = 5 });
        var open = await (await agent.PostAsJsonAsync("/api/complaints", new { line = "95528", summary = "仍未处理", receivedAt = "2026-03-02T09:30:00+08:00" }))
            .Content.ReadFromJsonAsync<JsonElement>();

        // A purge never runs "as of" a future date, so the clock itself moves on: 11, then 13 months later.
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 2, 2, 0, 0, TimeSpan.Zero));
        var elevenMonths = await PurgeAsync(app);
        var countAfterEleven = await CountAsync(app);
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 4, 3, 2, 0, 0, TimeSpan.Zero));
        var thirteenMonths = await PurgeAsync(app);

        Assert.Equal(0, elevenMonths.ComplaintsDeleted);
        Assert.Equal(2, countAfterEleven);
        Assert.Equal(1, thirteenMonths.ComplaintsDeleted);
        Assert.Equal(1, await CountAsync(app)); // the resolved one is gone; the open one is never purged
        Assert.Equal(open.GetProperty("id").GetInt64(), await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Complaints.Select(c => c.Id).SingleAsync()));
    }

    private static Task<Hotline95.Core.Retention.PurgeResult> PurgeAsync(Hotline95AppFactory app) =>
        app.WithScopeAsync(async sp => (await sp.GetRequiredService<Hotline95.Core.Retention.PurgeRetentionHandler>()
            .HandleAsync(new Hotline95.Core.Retention.PurgeRequest(null, false, "test"))).Value);

    private static Task<int> CountAsync(Hotline95AppFactory app) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Complaints.CountAsync());
}

public sealed class EscalationAndHoldTestsOnSqlite() : EscalationAndHoldTests(DatabaseKind.Sqlite);

public sealed class EscalationAndHoldTestsOnPostgres() : EscalationAndHoldTests(DatabaseKind.Postgres);
