using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Audit;
using Hotline95.Core.Calendar;
using Hotline95.Core.Data;
using Hotline95.Core.Notifications;
using Hotline95.Text;
using Hotline95.IntegrationTests.Complaints;
using Hotline95.IntegrationTests.Licensing;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Calendar;

/// <summary>
/// The 2027 cliff: with the shipped notices limited to 2026 (so these tests keep passing once the real 2027 notice
/// ships), complaints reaching into 2027 are taken with estimated deadlines, and loading the notice recomputes them.
/// </summary>
/// <summary>An app whose shipped notices stop at 2026 (web and CLI alike), with line 95528: as on the day the 2027 cliff was found.</summary>
internal static class Without2027Notice
{
    public static async Task<Hotline95AppFactory> StartAsync(DatabaseKind kind)
    {
        var app = await ComplaintScenario.StartAsync(kind, b => b.Configuration["Calendar:ShippedNoticesUpTo"] = "2026");
        await File.WriteAllTextAsync(Path.Combine(app.Database.DataDirectory, "hotline95.json"), """{"Calendar":{"ShippedNoticesUpTo":2026}}""");
        return app;
    }

    /// <summary>The stand-in 2027 notice without its Saturday swap (02-20 worked): 02-19 off instead.</summary>
    public static string NoticeWithoutTheSaturdaySwap() =>
        CalendarFixtures.Fake2027NoticeJson().Replace("""{"name": "春节", "date": "2027-02-20", "isOffDay": false}""", """{"name": "春节", "date": "2027-02-19", "isOffDay": true}""", StringComparison.Ordinal);
}

public abstract class EstimatedDeadlineTests(DatabaseKind kind)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static Task<Hotline95AppFactory> StartAsync(DatabaseKind kind) => Without2027Notice.StartAsync(kind);

    private static async Task<JsonElement> CreateAsync(HttpClient agent, DateTimeOffset receivedAt)
    {
        var response = await agent.PostAsJsonAsync("/api/complaints", new { line = ComplaintScenario.Line, summary = "账单多扣款", callerPhone = "13800138000", receivedAt });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Create_ReceivedOn24December2026_IsTakenWithAnEstimatedDeadline()
    {
        await using var app = await StartAsync(kind);
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 24, 2, 0, 0, TimeSpan.Zero));
        var agent = await app.LoginAsAgentAsync();

        var complaint = await CreateAsync(agent, new DateTimeOffset(2026, 12, 24, 10, 0, 0, China));

        Assert.Equal("2027-01-05T23:59:59+08:00", complaint.GetProperty("resolveBy").GetString());
        Assert.True(complaint.GetProperty("resolveByEstimated").GetBoolean());
        Assert.False(complaint.GetProperty("nextDeadlineEstimated").GetBoolean()); // the 24-hour response comes first and is clock time
    }

    [Fact]
    public async Task LoadNotice_DeadlineMovesEarlier_RecomputedSupervisorsNotifiedAndAudited()
    {
        await using var app = await StartAsync(kind);
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 24, 2, 0, 0, TimeSpan.Zero));
        var agent = await app.LoginAsAgentAsync();
        var december = await CreateAsync(agent, new DateTimeOffset(2026, 12, 24, 10, 0, 0, China));
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 16, 2, 0, 0, TimeSpan.Zero));
        agent = await app.LoginAsAgentAsync(); // the session of December has expired
        // Estimated: 17, 18, 19, 22, 23, 24, 25 Feb. The notice works Saturday 20 Feb, so the 7th working day is 24 Feb.
        var february = await CreateAsync(agent, new DateTimeOffset(2027, 2, 16, 10, 0, 0, China));
        Assert.Equal("2027-02-25T23:59:59+08:00", february.GetProperty("resolveBy").GetString());
        Assert.True(february.GetProperty("resolveByEstimated").GetBoolean());

        var noticeFile = Path.Combine(app.Database.DataDirectory, "2027-notice.json");
        await File.WriteAllTextAsync(noticeFile, CalendarFixtures.Fake2027NoticeJson());
        var load = await CliRunner.RunAsync(CliRunner.On(app.Database, "calendar", "load", noticeFile));
        Assert.Equal(0, load.ExitCode);
        Assert.Contains("2027: notice loaded", load.Out);
        Assert.Contains("2 deadline(s) recomputed", load.Out);

        // The server node picks the database's notice up (as its periodic job does) and answers from it.
        await app.WithScopeAsync(s => s.GetRequiredService<CalendarNotices>().SyncAsync());
        var after = await (await agent.GetAsync($"/api/complaints/{february.GetProperty("id").GetInt64()}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2027-02-24T23:59:59+08:00", after.GetProperty("resolveBy").GetString());
        Assert.False(after.GetProperty("resolveByEstimated").GetBoolean());
        var unchanged = await (await agent.GetAsync($"/api/complaints/{december.GetProperty("id").GetInt64()}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2027-01-05T23:59:59+08:00", unchanged.GetProperty("resolveBy").GetString());
        Assert.False(unchanged.GetProperty("resolveByEstimated").GetBoolean());

        await using var db = app.Database.OpenContext();
        var notices = await db.Set<Notification>().Where(n => n.Kind == "deadline.earlier").ToListAsync();
        var notice = Assert.Single(notices);
        Assert.Equal("Supervisor", notice.Role);
        var (zh, en) = (NoticeText.Render(notice, english: false), NoticeText.Render(notice, english: true));
        Assert.StartsWith("deadline.earlier (item: complaint:", notice.Message); // what a node of the version before shows during an upgrade
        Assert.Equal($"complaint:{february.GetProperty("id").GetInt64()} 的期限因节假日安排更新而提前：2027-02-25 23:59 → 2027-02-24 23:59", zh);
        Assert.Equal($"complaint:{february.GetProperty("id").GetInt64()}: the holiday notice moved its deadline earlier, 2027-02-25 23:59 → 2027-02-24 23:59", en);
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.DeadlineRecomputed));
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.CalendarNoticeLoaded && e.Target == "calendar:2027"));
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "audit", "verify"))).ExitCode);

        // Loading it again changes nothing and recomputes nothing.
        var again = await CliRunner.RunAsync(CliRunner.On(app.Database, "calendar", "load", noticeFile));
        Assert.Contains("already loaded", again.Out);
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.DeadlineRecomputed));
    }

    [Fact]
    public async Task PickUp_NoticeDroppedIntoTheFolder_IsLoadedIntoTheDatabaseWithoutRestart()
    {
        await using var app = await StartAsync(kind);
        var calendar = app.Services.GetRequiredService<WorkdayCalendar>();
        Assert.False(calendar.Covers(2027));
        Directory.CreateDirectory(Path.Combine(app.Database.DataDirectory, "calendar"));
        await File.WriteAllTextAsync(Path.Combine(app.Database.DataDirectory, "calendar", "2027.json"), CalendarFixtures.Fake2027NoticeJson());
        await File.WriteAllTextAsync(Path.Combine(app.Database.DataDirectory, "calendar", "2028.json"), """{"year":2028,"papers":[],"days":[]}""");

        await app.WithScopeAsync(s => s.GetRequiredService<CalendarNotices>().PickUpAsync());

        Assert.True(calendar.Covers(2027));
        Assert.False(calendar.Covers(2028)); // holiday-cn's empty placeholder is refused, not loaded
        await using var db = app.Database.OpenContext();
        var stored = Assert.Single(await db.HolidayNotices.ToListAsync());
        Assert.Equal(2027, stored.Year);
        Assert.Equal(CalendarNotices.FolderActor, stored.LoadedBy);
        var years = await (await (await app.LoginAsAgentAsync()).GetAsync("/api/calendar/years")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("loaded", years.EnumerateArray().Single(y => y.GetProperty("year").GetInt32() == 2027).GetProperty("source").GetString());
        Assert.Equal("estimated", years.EnumerateArray().Single(y => y.GetProperty("year").GetInt32() == 2028).GetProperty("source").GetString());
        Assert.Equal("embedded", years.EnumerateArray().Single(y => y.GetProperty("year").GetInt32() == 2026).GetProperty("source").GetString());
    }

    [Fact]
    public async Task Api_EstimatedDayAndLawCountedPeriod_SayWhatTheyRestOn()
    {
        await using var app = await StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();
        agent.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var day = await (await agent.GetAsync("/api/calendar/days/2027-02-09")).Content.ReadFromJsonAsync<JsonElement>();
        var period = await (await agent.GetAsync("/api/calendar/period?from=2026-09-25&days=10")).Content.ReadFromJsonAsync<JsonElement>();
        var tooFar = await agent.GetAsync("/api/calendar/days/2031-01-01");

        Assert.False(day.GetProperty("isWorkday").GetBoolean());
        Assert.Equal("CompensatoryDayOff", day.GetProperty("kind").GetString());
        Assert.True(day.GetProperty("estimated").GetBoolean());
        Assert.Contains("no State Council holiday notice for 2027", day.GetProperty("note").GetString());
        Assert.Equal("2026-10-08", period.GetProperty("due").GetString());
        Assert.Equal("2026-10-05", period.GetProperty("nominal").GetString());
        Assert.Contains("Civil Code", period.GetProperty("text").GetString());
        Assert.False(period.GetProperty("estimated").GetBoolean());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooFar.StatusCode);
        Assert.Equal(CalendarYearOutOfRangeException.Code, (await tooFar.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}

public abstract class EstimatedLicenceDutyTests(DatabaseKind kind)
{
    [Fact]
    public async Task Certificate_OnASundayWithFilingDueIn2027_WarnedEstimatedThenRecomputedWhenTheNoticeLoads()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind, configure: b => b.Configuration["Calendar:ShippedNoticesUpTo"] = "2026");
        await File.WriteAllTextAsync(Path.Combine(app.Database.DataDirectory, "hotline95.json"), """{"Calendar":{"ShippedNoticesUpTo":2026}}""");
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 15, 2, 0, 0, TimeSpan.Zero));
        var officer = await app.LoginAsComplianceOfficerAsync();
        var dossier = await LicenceScenario.SaveAsync(officer, LicenceScenario.Example());
        var application = (await (await officer.PostAsJsonAsync("/api/licence/applications", new { dossierId = dossier, targetGoLive = "2027-03-31" })).ReadAsync()).GetProperty("id").GetGuid();

        var view = await LicenceScenario.StepsAsync(officer, application, ("materials-ready", "2026-11-02"), ("declared", "2026-11-03"),
            ("formal-review-passed", "2026-11-06"), ("substantive-review-passed", "2026-11-27"), ("inspection-passed", "2026-12-04"), ("certificate-issued", "2026-12-13"));

        var warning = Assert.Single(view.GetProperty("warnings").EnumerateArray());
        Assert.Equal("certificate-issued", warning.GetProperty("what").GetString());
        Assert.Equal("DATE_NOT_WORKDAY", warning.GetProperty("code").GetString());
        Assert.Equal("2026-12-13 是非工作日（周末），请核对日期。", warning.GetProperty("reason").GetString());
        var filing = LicenceScenario.Step(view, "certificate-and-filing");
        Assert.Equal("证书 2026-12-13 起 30 天内备案", filing.GetProperty("note").GetString());
        officer.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var english = await (await officer.GetAsync($"/api/licence/applications/{application}")).ReadAsync();
        Assert.Equal("2026-12-13 is not a working day (weekend); check the date.", english.GetProperty("warnings")[0].GetProperty("reason").GetString());
        Assert.Equal("file within 30 days of the certificate (2026-12-13)", LicenceScenario.Step(english, "certificate-and-filing").GetProperty("note").GetString());
        Assert.Equal("Past the latest start (2026-12-05): the go-live date is at risk.", english.GetProperty("plan").GetProperty("warnings")[0].GetString());
        officer.DefaultRequestHeaders.AcceptLanguage.Clear();
        Assert.Equal("2027-01-12", filing.GetProperty("dueOn").GetString()); // 30 days from the day after 2026-12-13
        Assert.True(filing.GetProperty("dueEstimated").GetBoolean());
        Assert.Equal(30, filing.GetProperty("dueRule").GetProperty("count").GetInt32());
        var task = (await (await officer.GetAsync("/api/licence/tasks")).ReadAsync()).EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "CertificateFiling");
        Assert.True(task.GetProperty("dueEstimated").GetBoolean());

        var noticeFile = Path.Combine(app.Database.DataDirectory, "2027.json");
        await File.WriteAllTextAsync(noticeFile, CalendarFixtures.Fake2027NoticeJson());
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "calendar", "load", noticeFile))).ExitCode);
        await app.WithScopeAsync(s => s.GetRequiredService<CalendarNotices>().SyncAsync());

        var after = (await (await officer.GetAsync("/api/licence/tasks")).ReadAsync()).EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "CertificateFiling");
        Assert.Equal("2027-01-12", after.GetProperty("dueOn").GetString());
        Assert.False(after.GetProperty("dueEstimated").GetBoolean());
    }
}

public abstract class CalendarEdgeTests(DatabaseKind kind)
{
    private static Task<Hotline95AppFactory> StartAsync(DatabaseKind kind) => Without2027Notice.StartAsync(kind);

    [Fact]
    public async Task Licensing_DatesBeyondTheCalendar_Are422NotServerErrors()
    {
        await using var app = await StartAsync(kind); // the clock stands in 2026: the calendar answers up to 2028
        var officer = await app.LoginAsComplianceOfficerAsync();
        var dossier = await LicenceScenario.SaveAsync(officer, LicenceScenario.Example());

        var start = await officer.PostAsJsonAsync("/api/licence/applications", new { dossierId = dossier, targetGoLive = "2030-01-01" });
        var planAtTheEdge = await officer.GetAsync("/api/licence/plan?target=2028-12-29");
        var planBeyond = await officer.GetAsync("/api/licence/plan?target=2029-06-01");
        var list = await officer.GetAsync("/api/licence/applications");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, start.StatusCode);
        Assert.Equal(CalendarYearOutOfRangeException.Code, (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, planAtTheEdge.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, planBeyond.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task FilingDue_MovedEarlierByTheNotice_SupervisorsAreToldAndTheTaskMoves()
    {
        await using var app = await StartAsync(kind);
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 22, 2, 0, 0, TimeSpan.Zero));
        var officer = await app.LoginAsComplianceOfficerAsync();
        var dossier = await LicenceScenario.SaveAsync(officer, LicenceScenario.Example());
        var application = (await (await officer.PostAsJsonAsync("/api/licence/applications", new { dossierId = dossier })).ReadAsync()).GetProperty("id").GetGuid();
        // Certificate Thu 2027-01-21: the 30th day is Sat 02-20. Estimated, it moves to Mon 02-22; the notice works 02-20.
        await LicenceScenario.StepsAsync(officer, application, ("materials-ready", "2027-01-04"), ("declared", "2027-01-04"),
            ("formal-review-passed", "2027-01-08"), ("substantive-review-passed", "2027-01-15"), ("inspection-passed", "2027-01-20"), ("certificate-issued", "2027-01-21"));
        JsonElement Filing(JsonElement tasks) => tasks.EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "CertificateFiling");
        var before = Filing(await (await officer.GetAsync("/api/licence/tasks")).ReadAsync());
        Assert.Equal("2027-02-22", before.GetProperty("dueOn").GetString());
        Assert.True(before.GetProperty("dueEstimated").GetBoolean());

        var noticeFile = Path.Combine(app.Database.DataDirectory, "2027.json");
        await File.WriteAllTextAsync(noticeFile, CalendarFixtures.Fake2027NoticeJson());
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "calendar", "load", noticeFile))).ExitCode);
        await app.WithScopeAsync(s => s.GetRequiredService<CalendarNotices>().SyncAsync());

        var after = Filing(await (await officer.GetAsync("/api/licence/tasks")).ReadAsync());
        Assert.Equal("2027-02-20", after.GetProperty("dueOn").GetString());
        Assert.False(after.GetProperty("dueEstimated").GetBoolean());
        await using var db = app.Database.OpenContext();
        var told = Assert.Single(await db.Set<Notification>().Where(n => n.Kind == "deadline.earlier").ToListAsync());
        Assert.Equal("Supervisor", told.Role);
        var text = NoticeText.Render(told, english: false);
        Assert.StartsWith("licence-task:", text);
        Assert.EndsWith("的期限因节假日安排更新而提前：2027-02-22 23:59 → 2027-02-20 23:59", text);
    }

    [Fact]
    public async Task ReplacedNotice_RecomputesDeadlinesThatWereNotEstimated()
    {
        await using var app = await StartAsync(kind);
        var first = Path.Combine(app.Database.DataDirectory, "first.json");
        await File.WriteAllTextAsync(first, CalendarFixtures.Fake2027NoticeJson());
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "calendar", "load", first))).ExitCode);
        await app.WithScopeAsync(s => s.GetRequiredService<CalendarNotices>().SyncAsync());
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 16, 2, 0, 0, TimeSpan.Zero));
        var agent = await app.LoginAsAgentAsync();
        var created = await (await agent.PostAsJsonAsync("/api/complaints", new { line = ComplaintScenario.Line, summary = "账单", receivedAt = new DateTimeOffset(2027, 2, 16, 10, 0, 0, TimeSpan.FromHours(8)) })).ReadAsync();
        Assert.Equal("2027-02-24T23:59:59+08:00", created.GetProperty("resolveBy").GetString()); // Saturday 02-20 worked
        Assert.False(created.GetProperty("resolveByEstimated").GetBoolean());

        // A corrected notice without the Saturday swap: the deadline goes back to 02-25.
        var corrected = Path.Combine(app.Database.DataDirectory, "corrected.json");
        await File.WriteAllTextAsync(corrected, Without2027Notice.NoticeWithoutTheSaturdaySwap());
        var replaced = await CliRunner.RunAsync(CliRunner.On(app.Database, "calendar", "load", corrected));
        Assert.Contains("notice replaced", replaced.Out);
        await app.WithScopeAsync(s => s.GetRequiredService<CalendarNotices>().SyncAsync());

        var after = await (await agent.GetAsync($"/api/complaints/{created.GetProperty("id").GetInt64()}")).ReadAsync();
        Assert.Equal("2027-02-26T23:59:59+08:00", after.GetProperty("resolveBy").GetString()); // 17, 18, 22, 23, 24, 25, 26
    }

    [Fact]
    public async Task PickUp_OlderFileDoesNotOverwriteALaterLoad()
    {
        await using var app = await StartAsync(kind);
        var folder = Path.Combine(app.Database.DataDirectory, "calendar");
        Directory.CreateDirectory(folder);
        var old = Path.Combine(folder, "2027.json");
        await File.WriteAllTextAsync(old, Without2027Notice.NoticeWithoutTheSaturdaySwap());
        File.SetLastWriteTimeUtc(old, app.Clock.GetUtcNow().UtcDateTime.AddDays(-1));
        var later = Path.Combine(app.Database.DataDirectory, "later.json");
        await File.WriteAllTextAsync(later, CalendarFixtures.Fake2027NoticeJson());
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "calendar", "load", later))).ExitCode);

        await app.WithScopeAsync(s => s.GetRequiredService<CalendarNotices>().PickUpAsync());
        var calendar = app.Services.GetRequiredService<WorkdayCalendar>();
        Assert.True(calendar.IsWorkday(new DateOnly(2027, 2, 20))); // the later load stands

    }

    [Fact]
    public async Task PickUp_TwoFilesForOneYear_LoadsNeither()
    {
        await using var app = await StartAsync(kind);
        var folder = Path.Combine(app.Database.DataDirectory, "calendar");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "2027.json"), CalendarFixtures.Fake2027NoticeJson());
        await File.WriteAllTextAsync(Path.Combine(folder, "2027-draft.json"), Without2027Notice.NoticeWithoutTheSaturdaySwap());

        await app.WithScopeAsync(s => s.GetRequiredService<CalendarNotices>().PickUpAsync());

        await using var db = app.Database.OpenContext();
        Assert.Equal(0, await db.HolidayNotices.CountAsync());
        Assert.False(app.Services.GetRequiredService<WorkdayCalendar>().Covers(2027));
    }
}

public sealed class CalendarEdgeTestsOnSqlite() : CalendarEdgeTests(DatabaseKind.Sqlite);

public sealed class CalendarEdgeTestsOnPostgres() : CalendarEdgeTests(DatabaseKind.Postgres);

public sealed class EstimatedLicenceDutyTestsOnSqlite() : EstimatedLicenceDutyTests(DatabaseKind.Sqlite);

public sealed class EstimatedLicenceDutyTestsOnPostgres() : EstimatedLicenceDutyTests(DatabaseKind.Postgres);

public sealed class EstimatedDeadlineTestsOnSqlite() : EstimatedDeadlineTests(DatabaseKind.Sqlite);

public sealed class EstimatedDeadlineTestsOnPostgres() : EstimatedDeadlineTests(DatabaseKind.Postgres);
