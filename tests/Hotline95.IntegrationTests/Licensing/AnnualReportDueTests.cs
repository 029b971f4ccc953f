using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Audit;
using Hotline95.Core.Data;
using Hotline95.Core.Licensing;
using Hotline95.Core.Licensing.Maintenance;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Hotline95.IntegrationTests.Licensing.LicenceScenario;

namespace Hotline95.IntegrationTests.Licensing;

/// <summary>Issue 16 point 5: the annual report of a year falls due when MIIT collects it (31 March of the next year), by the policy's data.</summary>
public abstract class AnnualReportDueTests(DatabaseKind kind)
{
    private static JsonElement Annual(JsonElement tasks) => tasks.EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "AnnualReport");

    [Fact]
    public async Task Certificate_IssuedInDecember_OwesThatYearsReportByTheNextMarchAndRemindersAndFeedFollowIt()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();
        var dossier = await SaveAsync(officer, Example());
        var application = (await (await officer.PostAsJsonAsync("/api/licence/applications", new { dossierId = dossier })).ReadAsync()).GetProperty("id").GetGuid();
        await StepsAsync(officer, application, ("materials-ready", "2025-09-01"), ("declared", "2025-09-08"), ("formal-review-passed", "2025-09-12"),
            ("substantive-review-passed", "2025-10-17"), ("inspection-passed", "2025-11-28"), ("certificate-issued", "2025-12-22"));

        var annual = Annual(await (await officer.GetAsync("/api/licence/tasks")).ReadAsync());
        Assert.Equal(2025, annual.GetProperty("forYear").GetInt32());
        Assert.Equal("2026-03-31", annual.GetProperty("dueOn").GetString());
        Assert.Equal(29, annual.GetProperty("daysLeft").GetInt32()); // the fake clock is at 2026-03-02
        Assert.StartsWith("《2025年度95码号使用情况报告》", annual.GetProperty("title").GetString());

        // The reminder goes out for the March date (29 days ahead: inside the 30-day lead), naming the year.
        await app.WithScopeAsync(s => s.GetRequiredService<SendLicenceRemindersHandler>().HandleAsync());
        var reminders = await app.WithScopeAsync(s => s.GetRequiredService<Hotline95DbContext>().Notifications.Where(n => n.Kind == "licence-reminder").ToListAsync());
        Assert.Contains(reminders.Select(n => global::Hotline95.Text.NoticeText.Render(n, english: true)),
            m => m.StartsWith("due in 29 days: 95 Number Usage Report for 2025: ", StringComparison.Ordinal) && m.EndsWith("(due 2026-03-31)", StringComparison.Ordinal));
        Assert.Contains(reminders.Select(n => global::Hotline95.Text.NoticeText.Render(n, english: false)),
            m => m.StartsWith("29 天后到期：《2025年度95码号使用情况报告》：", StringComparison.Ordinal) && m.EndsWith("（2026-03-31 到期）", StringComparison.Ordinal));

        var token = (await (await officer.PostAsync("/api/licence/calendar-token", null)).ReadAsync()).GetProperty("token").GetString()!;
        var ics = (await app.CreateClient().GetStringAsync($"/api/licence/calendar.ics?token={Uri.EscapeDataString(token)}")).Replace("\r\n ", "", StringComparison.Ordinal);
        var annualEvent = ics.Split("BEGIN:VEVENT").Single(e => e.Contains("2025年度", StringComparison.Ordinal));
        Assert.Contains("DTSTART;VALUE=DATE:20260331", annualEvent);
        // A calendar application sends no language: the feed's words are in both.
        Assert.Contains("SUMMARY:《2025年度95码号使用情况报告》：", annualEvent);
        Assert.Contains(" / 95 Number Usage Report for 2025: ", annualEvent);

        // Filed on 20 March: the 2026 report opens, due 31 March 2027.
        app.Clock.Advance(TimeSpan.FromDays(18));
        officer = await app.LoginAsComplianceOfficerAsync();
        var done = await officer.PostAsJsonAsync($"/api/licence/tasks/{annual.GetProperty("id").GetGuid()}/done", new { on = "2026-03-20" });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var next = Annual(await (await officer.GetAsync("/api/licence/tasks")).ReadAsync());
        Assert.Equal(2026, next.GetProperty("forYear").GetInt32());
        Assert.Equal("2027-03-31", next.GetProperty("dueOn").GetString());
        Assert.StartsWith("《2026年度95码号使用情况报告》", next.GetProperty("title").GetString());
    }

    [Fact]
    public async Task AnnualReport_OpenedOnTheAnniversaryByAnEarlierVersion_IsMovedToTheMarchDateOnceAndADoneOneIsLeft()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();
        var dossier = await SaveAsync(officer, Example());
        await CertifyAsync(officer, dossier);
        Guid open, done;
        await using (var db = app.Database.OpenContext())
        {
            // The rows as the anniversary version wrote them: due 12 months after the certificate, no year recorded.
            var opened = await db.LicenceTasks.SingleAsync(t => t.Kind == LicenceTaskKind.AnnualReport);
            open = opened.Id;
            await db.LicenceTasks.Where(t => t.Id == open).ExecuteUpdateAsync(s => s.SetProperty(t => t.DueOn, new DateOnly(2027, 3, 2))
                .SetProperty(t => t.PeriodFrom, (DateOnly?)null).SetProperty(t => t.Title, "年度使用情况报告 Annual usage report: 上海浦江信融科技有限公司")
                .SetProperty(t => t.RemindersSent, new List<int> { 30 }));
            var filed = new LicenceTask
            {
                EnterpriseId = opened.EnterpriseId, DossierId = opened.DossierId, Kind = LicenceTaskKind.AnnualReport, Title = "年度使用情况报告 Annual usage report: 旧",
                DueOn = new DateOnly(2026, 2, 1), DoneOn = new DateOnly(2026, 1, 20), DoneBy = "officer", CreatedAt = app.Clock.GetUtcNow(),
            };
            db.LicenceTasks.Add(filed);
            await db.SaveChangesAsync();
            done = filed.Id;
        }

        var first = await (await officer.GetAsync("/api/licence/tasks?all=true")).ReadAsync();
        var second = await (await officer.GetAsync("/api/licence/tasks?all=true")).ReadAsync();

        var moved = second.EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == open);
        Assert.Equal("2027-03-31", moved.GetProperty("dueOn").GetString());
        Assert.Equal(2026, moved.GetProperty("forYear").GetInt32());
        Assert.StartsWith("《2026年度95码号使用情况报告》", moved.GetProperty("title").GetString());
        Assert.Equal(first.GetRawText(), second.GetRawText());
        // A row from before titles were phrases shows its stored words as they are.
        var legacy = second.EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == done);
        Assert.Equal("年度使用情况报告 Annual usage report: 旧", legacy.GetProperty("title").GetString());
        Assert.True(legacy.GetProperty("textBilingual").GetBoolean()); // the page picks its side of such a text only
        Assert.False(moved.GetProperty("textBilingual").GetBoolean());
        await using (var db = app.Database.OpenContext())
        {
            var untouched = await db.LicenceTasks.SingleAsync(t => t.Id == done);
            Assert.Equal(new DateOnly(2026, 2, 1), untouched.DueOn);
            Assert.Null(untouched.PeriodFrom);
            Assert.Empty((await db.LicenceTasks.SingleAsync(t => t.Id == open)).RemindersSent);
            var audits = await db.AuditEntries.Where(e => e.Action == AuditActions.LicenceTaskMoved).ToListAsync();
            var audit = Assert.Single(audits);
            Assert.Equal($"licence-task:{open}", audit.Target);
            Assert.Contains("due=2027-03-02->2027-03-31", audit.Details);
            var notice = Assert.Single(await db.Notifications.Where(n => n.Kind == "licence-task-moved").ToListAsync());
            Assert.Equal("ComplianceOfficer", notice.Role);
            Assert.Contains("年度报告到期日按政策", global::Hotline95.Text.NoticeText.Render(notice, english: false));
            Assert.Contains("2027-03-02 → 2027-03-31（2026年度）", global::Hotline95.Text.NoticeText.Render(notice, english: false));
            Assert.Contains("The 2026 annual report is now due 2027-03-31 (was 2027-03-02)", global::Hotline95.Text.NoticeText.Render(notice, english: true));
        }
    }

    [Fact]
    public async Task PublishedPolicy_WithAnotherAnnualDate_MovesOpenReportsOnTheDayItTakesEffect()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();
        var dossier = await SaveAsync(officer, Example());
        await CertifyAsync(officer, dossier);
        var published = await PublishPolicyAsync(app, officer, policy =>
        {
            policy["id"] = "shanghai-95-2026-may";
            policy["effectiveFrom"] = "2026-04-01";
            policy["annualReport"] = System.Text.Json.Nodes.JsonNode.Parse("""{ "dueMonth": 5, "dueDay": 31, "forYearEnded": true }""");
        });
        Assert.Equal(0, published.ExitCode);

        var before = Annual(await (await officer.GetAsync("/api/licence/tasks")).ReadAsync());
        app.Clock.Advance(TimeSpan.FromDays(31)); // 2026-04-02
        officer = await app.LoginAsComplianceOfficerAsync();
        var after = Annual(await (await officer.GetAsync("/api/licence/tasks")).ReadAsync());

        Assert.Equal("2027-03-31", before.GetProperty("dueOn").GetString());
        Assert.Equal("2027-05-31", after.GetProperty("dueOn").GetString());
        Assert.Contains("shanghai-95-2026-may", after.GetProperty("detail").GetString());
    }
}

public sealed class AnnualReportDueTestsOnSqlite() : AnnualReportDueTests(DatabaseKind.Sqlite);

public sealed class AnnualReportDueTestsOnPostgres() : AnnualReportDueTests(DatabaseKind.Postgres);
