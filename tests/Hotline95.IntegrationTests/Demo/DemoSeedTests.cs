using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Audit;
using Hotline95.Core.Calendar;
using Hotline95.Core.Callbacks;
using Hotline95.Core.Calls;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Monitoring;
using Hotline95.Core.Demo;
using Hotline95.Core.Enterprises;
using Hotline95.Core.Identity;
using Hotline95.Core.Queues;
using Hotline95.Core.Retention;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Demo;

/// <summary>The demo seeded once on the fake clock (2026-03-02 10:00: its six months take in National Day, New Year and the Spring Festival).</summary>
public abstract class DemoSeeded(DatabaseKind kind) : IAsyncLifetime
{
    /// <summary>Calls an ordinary working day: some ten thousand calls in all, a few dozen complaints.</summary>
    public const int CallsPerDay = 70;

    public Hotline95AppFactory App { get; private set; } = null!;
    public DemoSeedResult Bank { get; private set; } = null!;
    public DemoActivityResult Traffic { get; private set; } = null!;
    public Guid EnterpriseId { get; private set; }

    /// <summary>The demo's inbound calls: line, start, missed, the caller's blind index.</summary>
    public IReadOnlyList<(string Line, DateTimeOffset Start, bool Missed, string Caller)> Inbound { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        App = await Hotline95AppFactory.StartAsync(kind);
        Bank = await App.WithScopeAsync(s => s.GetRequiredService<SeedDemoHandler>().HandleAsync());
        Traffic = (await App.WithScopeAsync(s => s.GetRequiredService<SeedDemoActivityHandler>().HandleAsync(CallsPerDay, null))).Value;
        EnterpriseId = (await App.WithScopeAsync(s => s.GetRequiredService<EnterpriseDirectory>().FindAsync(SeedDemoHandler.Slug))).Value.Id;
        await using var db = App.Database.OpenContext();
        Inbound = (await db.Calls.AsNoTracking().Where(c => c.EnterpriseId == EnterpriseId && c.Direction == CallDirection.In)
                .Select(c => new { c.Line, c.StartedAt, c.Missed, c.CustomerNumberIndex }).ToListAsync())
            .Select(c => (c.Line, c.StartedAt, c.Missed, Convert.ToHexString(c.CustomerNumberIndex!))).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class DemoSeededOnSqlite() : DemoSeeded(DatabaseKind.Sqlite);

public sealed class DemoSeededOnPostgres() : DemoSeeded(DatabaseKind.Postgres);

/// <summary>Issue 16 point 6: a demo that looks like a hotline, every shape asserted on what was stored.</summary>
public abstract class DemoSeedTests(DemoSeeded demo)
{
    private IEnumerable<(string Line, DateTimeOffset Start, bool Missed, string Caller)> ServiceLine => demo.Inbound.Where(c => c.Line == "95528");

    private static int Hour(DateTimeOffset t) => ChinaTime.ToChina(t).Hour;

    [Fact]
    public void Calls_ByHourOfDay_PeakInTheDaytime()
    {
        var byHour = ServiceLine.GroupBy(c => Hour(c.Start)).ToDictionary(g => g.Key, g => g.Count());

        Assert.InRange(byHour.MaxBy(h => h.Value).Key, 9, 16);
        Assert.True(byHour[10] > 10 * byHour.GetValueOrDefault(3), $"10:00 {byHour[10]}, 03:00 {byHour.GetValueOrDefault(3)}");
        Assert.True(byHour.GetValueOrDefault(3) > 0, "a 7×24 line has calls at night too");
    }

    [Fact]
    public async Task Calls_ByKindOfDay_FewerOnWeekendsAndFewestOnHolidays()
    {
        var calendar = demo.App.Services.GetRequiredService<WorkdayCalendar>();
        await using var db = demo.App.Database.OpenContext();
        var days = DailyLineFigures.Combine(await db.DailyFigures.AsNoTracking().Where(d => d.EnterpriseId == demo.EnterpriseId && d.Line == "95528").ToListAsync());
        // The first and the last day are partial.
        var whole = days.Where(d => d.Day > demo.Traffic.From && d.Day < ChinaTime.DateOf(demo.Traffic.Until)).ToList();
        double Mean(Func<DayInfo, bool> kind) => whole.Where(d => kind(calendar.GetDay(d.Day))).Average(d => d.CallsIn);

        var workdays = Mean(d => d.IsWorkday);
        var weekends = Mean(d => d.Kind == DayKind.Weekend);
        var holidays = Mean(d => d.Kind == DayKind.Holiday);

        Assert.True(weekends < 0.6 * workdays, $"weekends {weekends:0.0}, working days {workdays:0.0}");
        Assert.True(holidays < weekends, $"holidays {holidays:0.0}, weekends {weekends:0.0}");
        Assert.Contains(whole, d => calendar.GetDay(d.Day).Kind == DayKind.MakeUpWorkday); // the 调休 Saturdays are worked, and counted as working days
    }

    [Fact]
    public void AnswerRate_BusiestHours_LowerThanQuietestHours()
    {
        var hours = ServiceLine.GroupBy(c => Hour(c.Start), c => c.Missed).OrderBy(g => g.Count()).ToList();
        static double Rate(IEnumerable<IEnumerable<bool>> missed) => missed.SelectMany(m => m).Average(m => m ? 0.0 : 1.0);

        var quiet = Rate(hours.Take(4));
        var busy = Rate(hours.TakeLast(4));

        Assert.True(busy < quiet - 0.05, $"busiest hours {busy:P1}, quietest {quiet:P1}");
        Assert.InRange(Rate(hours), 0.8, 0.95);
    }

    [Fact]
    public void Callers_SomeCallAgain()
    {
        var byCaller = demo.Inbound.GroupBy(c => c.Caller).ToList();

        Assert.InRange(byCaller.Count, demo.Inbound.Count * 0.6, demo.Inbound.Count * 0.95);
        Assert.Contains(byCaller, g => g.Count() >= 3);
    }

    [Fact]
    public async Task Callbacks_MissedCallsLinkedToTheOutboundCallThatFollowed()
    {
        await using var db = demo.App.Database.OpenContext();
        var marks = await db.Callbacks.AsNoTracking().Where(m => m.EnterpriseId == demo.EnterpriseId).ToListAsync();
        var calls = await db.Calls.AsNoTracking().Where(c => c.EnterpriseId == demo.EnterpriseId).ToDictionaryAsync(c => c.Id);
        var figures = (await demo.App.WithScopeAsync(s => s.GetRequiredService<CallbacksHandler>()
            .FiguresAsync(demo.EnterpriseId, "95528", demo.Traffic.From, ChinaTime.DateOf(demo.Traffic.Until)))).Value;

        Assert.True(marks.Count > 100, $"{marks.Count} linked");
        Assert.All(marks, m =>
        {
            var missed = calls[m.MissedCallId];
            var callback = calls[m.CallbackCallId!.Value];
            Assert.True(missed is { Missed: true, Direction: CallDirection.In });
            Assert.Equal(CallDirection.Out, callback.Direction);
            Assert.Equal(missed.CustomerNumberIndex, callback.CustomerNumberIndex);
            Assert.True(callback.StartedAt > missed.StartedAt);
        });
        Assert.InRange(figures.ShareWithin24Hours!.Value, 0.3, 0.95);
        Assert.True(figures.CalledBack > figures.CalledBackWithin24Hours, "some callbacks came after a day");
        Assert.True(figures.Open > 0, "the latest missed calls wait on the callback list");
    }

    [Fact]
    public async Task QueueFigures_OfTheServiceLine_OfferEveryInboundCallWithAServiceLevel()
    {
        var today = ChinaTime.DateOf(demo.Traffic.Until);
        var report = (await demo.App.WithScopeAsync(s => s.GetRequiredService<QueueFiguresHandler>()
            .HandleAsync(new QueueReportRequest(demo.EnterpriseId, "95528", null, demo.Traffic.From, today, QueueGrouping.Queue)))).Value;

        Assert.Equal(ServiceLine.Count(), report.Total.Offered);
        Assert.Equal(ServiceLine.Count(c => !c.Missed), report.Total.Answered);
        Assert.Equal(0, report.Total.Unresolved);
        Assert.InRange(report.Total.ServiceLevel!.Value, 0.5, 0.99);
        Assert.Equal(["billing", "cards"], report.Rows.Select(r => r.Key).ToArray());
    }

    [Fact]
    public async Task Complaints_AFewPerThousandCalls_SomeAnsweredOrResolvedLate()
    {
        await using var db = demo.App.Database.OpenContext();
        var complaints = await db.Complaints.AsNoTracking().Where(c => c.EnterpriseId == demo.EnterpriseId).ToListAsync();
        var now = demo.Traffic.Until;

        Assert.InRange(complaints.Count * 1000.0 / demo.Inbound.Count, 1, 10);
        Assert.Contains(complaints, c => c.RespondedAt > c.RespondBy);
        Assert.Contains(complaints, c => c.ResolvedAt > c.ResolveBy);
        Assert.Contains(complaints, c => c.ResolvedAt is null && c.ResolveBy < now); // open and overdue
        Assert.True(complaints.Count(c => c.ResolvedAt <= c.ResolveBy) > complaints.Count / 2, "most are resolved in time");
        Assert.All(complaints, c => Assert.NotNull(c.CallId));
        Assert.Equal(complaints.Count, demo.Traffic.Complaints);
    }

    [Fact]
    public async Task Audit_HasRevealsAndExportsOfTheDemoStaff_AndTheChainHolds()
    {
        await using var db = demo.App.Database.OpenContext();
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.EnterpriseId == demo.EnterpriseId).ToListAsync();
        var verified = await demo.App.WithScopeAsync(s => s.GetRequiredService<VerifyAuditLogHandler>().HandleAsync());

        Assert.Contains(entries, e => e.Action == AuditActions.CallRevealed && e.Actor.StartsWith("demo.", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Action == AuditActions.PersonalDataExported && e.Actor == "demo.compliance");
        Assert.Contains(entries, e => e.Action == AuditActions.CallsExported && e.Actor == "demo.supervisor");
        Assert.Contains(entries, e => e.Action == AuditActions.QueuesImported);
        Assert.True(verified.Intact, verified.Problem);
    }

    [Fact]
    public async Task OldestRecords_AreInsideRetention()
    {
        var cutoff = await demo.App.WithScopeAsync(s => Task.FromResult(s.GetRequiredService<PurgeRetentionHandler>().CutoffFor(ChinaTime.DateOf(demo.Traffic.Until))));
        await using var db = demo.App.Database.OpenContext();

        Assert.True(demo.Inbound.Min(c => c.Start) >= cutoff);
        Assert.True(demo.Inbound.Min(c => c.Start) < cutoff.AddDays(1), "the demo fills the whole retention period");
        Assert.True(await db.QueueCalls.Where(q => q.EnterpriseId == demo.EnterpriseId).MinAsync(q => q.EnteredAt) >= cutoff);
        Assert.Equal(0, demo.Traffic.CallsPurged);
    }

    [Fact]
    public async Task DemoAdmin_SignsIn_AndSeesTheDemosCalls()
    {
        var admin = demo.Bank.Users.Single(u => u.User.Role == Role.Admin);
        var client = await demo.App.LoginAsync(admin.User.UserName, admin.Password);

        var answer = await client.GetFromJsonAsync<JsonElement>("/api/calls?pageSize=5");
        var calls = answer.GetProperty("items");

        Assert.Equal("demo.admin", admin.User.UserName);
        Assert.Equal(5, calls.GetArrayLength());
        Assert.True(answer.GetProperty("total").GetInt32() > 5);
        Assert.All(calls.EnumerateArray(), c => Assert.StartsWith("95528", c.GetProperty("line").GetString()));
    }

    /// <summary>Issue 17 point 3: what the administration pages show the demo's Admin (its own users, keys and lines, never another enterprise's).</summary>
    [Fact]
    public async Task DemoAdmin_SignsIn_AndAdministersTheDemosUsersKeysAndLines()
    {
        var admin = demo.Bank.Users.Single(u => u.User.UserName == "demo.admin");
        var client = await demo.App.LoginAsync(admin.User.UserName, admin.Password);

        var users = await client.GetFromJsonAsync<JsonElement>("/api/users?pageSize=100");
        var keys = await client.GetFromJsonAsync<JsonElement[]>("/api/apikeys");
        var lines = await client.GetFromJsonAsync<JsonElement[]>("/api/lines");
        var profile = await client.GetFromJsonAsync<JsonElement>("/api/enterprise/profile");

        Assert.Equal(Role.Admin, admin.User.Role);
        Assert.Equal(demo.Bank.Users.Count, users.GetProperty("total").GetInt32());
        Assert.Equal(demo.Bank.Users.Select(u => u.User.UserName).Order(StringComparer.Ordinal),
            users.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("userName").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal([SeedDemoHandler.PbxKeyName], keys!.Select(k => k.GetProperty("name").GetString()));
        Assert.Equal("Integration", keys![0].GetProperty("role").GetString());
        Assert.Equal(["95528", "955281"], lines!.Select(l => l.GetProperty("number").GetString()));
        Assert.Equal(SeedDemoHandler.Name, profile.GetProperty("name").GetString());
        var key = Assert.Single(demo.Bank.ApiKeys);
        Assert.StartsWith(keys[0].GetProperty("hint").GetString()!, key.Key, StringComparison.Ordinal); // the key printed once is the one listed
    }

    [Fact]
    public async Task DemoReportAndPack_OfAnEndedMonth_AreFitToShow()
    {
        // February 2026 has ended on the fake clock (2026-03-02); the demo holds nothing past retention.
        var report = await demo.App.WithScopeAsync(s => s.GetRequiredService<Hotline95.Core.Reports.BuildAnnualReportHandler>()
            .HandleAsync(new Hotline95.Core.Reports.AnnualReportRequest(demo.EnterpriseId, "95528", null, new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28))));
        var pack = await demo.App.WithScopeAsync(s => s.GetRequiredService<Hotline95.Core.Reports.BuildInspectionPackHandler>()
            .HandleAsync(new Hotline95.Core.Reports.InspectionPackRequest(demo.EnterpriseId, "95528", "test", new DateOnly(2025, 9, 1), new DateOnly(2026, 2, 28))));
        var verified = await demo.App.WithScopeAsync(s => s.GetRequiredService<Hotline95.Core.Reports.VerifyInspectionPackHandler>()
            .HandleAsync(demo.EnterpriseId, new MemoryStream(pack.Value.Zip)));

        Assert.True(report.IsSuccess);
        var r = report.Value;
        Assert.True(r.ReadyToFile, string.Join("; ", r.Warnings.Where(w => w.Blocking).Select(w => w.Code)));
        Assert.DoesNotContain(r.Warnings, w => w.Code == Hotline95.Core.Reports.ReportWarnings.ProfileMissing);
        Assert.DoesNotContain(r.Warnings, w => w.Code is Hotline95.Core.Reports.ReportWarnings.CertificateMissing or Hotline95.Core.Reports.ReportWarnings.LineUsageDiffers);
        Assert.Equal(SeedDemoHandler.CertificateNumber, r.Licence.CertificateNumber);
        Assert.Equal(["信贷咨询", "账单查询", "投诉处理"], r.Licence.Purposes);
        Assert.DoesNotContain(pack.Value.Missing, m => m.Contains("安全管理制度", StringComparison.Ordinal));
        Assert.Contains(pack.Value.Manifest.Files, f => f.Path == "policies/security-policies.pdf");
        Assert.Empty(pack.Value.Missing);
        Assert.Equal(4, pack.Value.Manifest.Files.Count(f => f.Path.StartsWith("uploads/", StringComparison.Ordinal)));
        Assert.Equal(10, pack.Value.Manifest.Files.Count(f => f.Path.StartsWith("roster/training/", StringComparison.Ordinal)));
        Assert.True(r.Total.Calls > 1_000);
        Assert.True(r.Complaints.Received > 0);
        Assert.True(r.Queues.Total.Offered > 0);
        Assert.False(r.AsOfRendering.Retention.Breached);
        Assert.DoesNotMatch("[A-Za-z]", r.Company.Name);
        Assert.True(verified.Valid, string.Join("; ", verified.Problems.Select(p => p.Code)));
        Assert.False(pack.Value.Retention.Breached);
    }
}

public sealed class DemoSeedTestsOnSqlite(DemoSeededOnSqlite demo) : DemoSeedTests(demo), IClassFixture<DemoSeededOnSqlite>;

public sealed class DemoSeedTestsOnPostgres(DemoSeededOnPostgres demo) : DemoSeedTests(demo), IClassFixture<DemoSeededOnPostgres>;

/// <summary>Asked for more days than retention keeps, the demo purges what is past it; the roll-ups keep those days' figures.</summary>
public abstract class DemoSeedBeyondRetentionTests(DatabaseKind kind)
{
    [Fact]
    public async Task Seed_MoreDaysThanRetention_PurgesTheOlderCallsAndKeepsTheirDailyFigures()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        await app.WithScopeAsync(s => s.GetRequiredService<SeedDemoHandler>().HandleAsync());

        var traffic = (await app.WithScopeAsync(s => s.GetRequiredService<SeedDemoActivityHandler>().HandleAsync(8, 250))).Value;

        var cutoff = await app.WithScopeAsync(s => Task.FromResult(s.GetRequiredService<PurgeRetentionHandler>().CutoffFor(ChinaTime.DateOf(traffic.Until))));
        await using var db = app.Database.OpenContext();
        Assert.Equal(new DateOnly(2025, 6, 26), traffic.From);
        Assert.True(traffic.CallsPurged > 0);
        Assert.True(await db.Calls.MinAsync(c => c.StartedAt) >= cutoff);
        Assert.True(await db.DailyFigures.AnyAsync(d => d.Day < ChinaTime.DateOf(cutoff) && d.CallsIn > 0));
        Assert.Equal(1, await db.PurgeRuns.CountAsync());
    }
}

public sealed class DemoSeedBeyondRetentionTestsOnSqlite() : DemoSeedBeyondRetentionTests(DatabaseKind.Sqlite);

public sealed class DemoSeedBeyondRetentionTestsOnPostgres() : DemoSeedBeyondRetentionTests(DatabaseKind.Postgres);
