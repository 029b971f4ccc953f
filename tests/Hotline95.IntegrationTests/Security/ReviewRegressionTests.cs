using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Data;
using Hotline95.Core.Identity;
using Hotline95.IntegrationTests.Complaints;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Security;

/// <summary>Attacks found by review, each proven shut.</summary>
public sealed class ReviewRegressionTests
{
    [Fact]
    public async Task PurgeOverHttp_ByOneEnterprise_LeavesOtherEnterprisesAlone()
    {
        await using var app = await ComplaintScenario.StartAsync(DatabaseKind.Sqlite);
        await CliRunner.RunAsync(CliRunner.On(app.Database, "demo", "seed", "--empty"));
        var file = Path.Combine(app.Database.DataDirectory, "old.csv");
        await File.WriteAllTextAsync(file, "call_id,from,to,start\nold,13800138000,95528,2025-01-10T10:00:00+08:00\n");
        await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "import", "--format", "csv", file));
        await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "import", "--format", "csv", file, "--enterprise", "demo-bank"));
        var officer = await app.LoginAsRoleAsync(Role.ComplianceOfficer);

        var purge = await officer.PostAsJsonAsync("/api/retention/purge", new { dryRun = false });
        var remaining = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Calls.CountAsync());

        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        Assert.Equal(1, remaining); // the demo bank's call is still there
    }

    [Fact]
    public async Task PurgeOverHttp_AsOfInTheFuture_Is422AndDeletesNothing()
    {
        await using var app = await ComplaintScenario.StartAsync(DatabaseKind.Sqlite);
        var file = Path.Combine(app.Database.DataDirectory, "recent.csv");
        await File.WriteAllTextAsync(file, "call_id,from,to,start\nr,13800138000,95528,2026-02-10T10:00:00+08:00\n");
        await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "import", "--format", "csv", file));
        var officer = await app.LoginAsRoleAsync(Role.ComplianceOfficer);

        var purge = await officer.PostAsJsonAsync("/api/retention/purge", new { dryRun = false, asOf = "2099-01-01" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, purge.StatusCode);
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Calls.CountAsync()));
    }

    [Fact]
    public async Task KeyRotation_OverHttp_DoesNotExist()
    {
        await using var app = await Hotline95AppFactory.StartAsync();
        var admin = await app.LoginAsAdminAsync();

        var response = await admin.PostAsync("/api/keys/rotate", null);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/users", "ComplianceOfficer")]
    [InlineData("/api/users", "Supervisor")]
    [InlineData("/api/apikeys", "Supervisor")]
    public async Task Admin_GrantingARoleThatRevealsPersonalData_Gets403(string url, string role)
    {
        await using var app = await Hotline95AppFactory.StartAsync();
        var admin = await app.LoginAsAdminAsync();

        var response = await admin.PostAsJsonAsync(url, new { userName = "eve", name = "eve", role });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Admin_CreatingAnAgent_IsAllowed()
    {
        await using var app = await Hotline95AppFactory.StartAsync();
        var admin = await app.LoginAsAdminAsync();

        var response = await admin.PostAsJsonAsync("/api/users", new { userName = "agent7", role = "Agent" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Complaint_HugePhoneNumber_DoesNotTakeTheServerDown()
    {
        await using var app = await ComplaintScenario.StartAsync(DatabaseKind.Sqlite);
        var agent = await app.LoginAsAgentAsync();

        var response = await agent.PostAsJsonAsync("/api/complaints", new { line = "95528", summary = "x", callerPhone = new string('1', 600_000) });

        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.UnprocessableEntity);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Complaint_ResolutionDueInAYearWithoutNotice_IsTakenWithAnEstimatedDeadline()
    {
        await using var app = await ComplaintScenario.StartAsync(DatabaseKind.Sqlite, b => b.Configuration["Calendar:ShippedNoticesUpTo"] = "2026");
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 28, 2, 0, 0, TimeSpan.Zero));
        var agent = await app.LoginAsAgentAsync();

        var response = await agent.PostAsJsonAsync("/api/complaints", new { line = "95528", summary = "年底投诉" });
        var complaint = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(complaint.GetProperty("resolveByEstimated").GetBoolean());
    }

    [Fact]
    public async Task Complaint_ReceivedIn9999_Is422NamingTheFieldNotAServerError()
    {
        await using var app = await ComplaintScenario.StartAsync(DatabaseKind.Sqlite);
        var agent = await app.LoginAsAgentAsync();

        var response = await agent.PostAsJsonAsync("/api/complaints", new { line = "95528", summary = "x", receivedAt = "9999-12-31T10:00:00+08:00" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("receivedAt", problem.GetProperty("field").GetString());
    }
}
