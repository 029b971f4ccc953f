using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.IntegrationTests.Calls;
using Hotline95.IntegrationTests.Complaints;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.IntegrationTests.Security;

/// <summary>Issue 14, point 6: the review's bad inputs get a 4xx naming the field (or exit 2 with one message), and nothing is written.</summary>
public abstract class BadInputTests(DatabaseKind kind)
{
    private static async Task<string?> FieldOfAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("field", out var field) ? field.GetString() : null;

    [Theory]
    [InlineData("summary", "投诉\u0000内容")]
    [InlineData("callerName", "王\u0000明")]
    public async Task Complaint_NulCharacterInAnyText_Is422NamingTheFieldAndNothingStored(string field, string value)
    {
        await using var app = await ComplaintScenario.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();
        var body = new Dictionary<string, object?> { ["line"] = ComplaintScenario.Line, ["summary"] = "账单", ["callerPhone"] = "13800138000", [field] = value };

        var response = await agent.PostAsJsonAsync("/api/complaints", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(field, await FieldOfAsync(response));
        await using var db = app.Database.OpenContext();
        Assert.Empty(await db.Complaints.ToListAsync());
    }

    [Fact]
    public async Task Complaint_SummaryOverItsMaximum_Is422()
    {
        await using var app = await ComplaintScenario.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();

        var response = await agent.PostAsJsonAsync("/api/complaints", new { line = ComplaintScenario.Line, summary = new string('长', 4001) });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("summary", await FieldOfAsync(response));
    }

    [Fact]
    public async Task Cti_CallIdOverItsMaximumOrANumberOfFortyDigits_Is422()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var url = await CallStoreScenario.CtiUrlAsync(app);
        var pbx = app.CreateClient();

        var longId = await pbx.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["event"] = "newCall", ["direction"] = "in", ["from"] = "13800138000", ["to"] = CallStoreScenario.Line, ["callId"] = new string('x', 129),
        }));
        var longNumber = await pbx.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["event"] = "newCall", ["direction"] = "in", ["from"] = new string('1', 40), ["to"] = CallStoreScenario.Line, ["callId"] = "ok-1",
        }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, longId.StatusCode);
        Assert.Equal("callId", await FieldOfAsync(longId));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, longNumber.StatusCode);
        Assert.Equal("from", await FieldOfAsync(longNumber));
    }

    [Theory]
    [InlineData("/api/calendar/add-workdays?from=2026-01-05&days=-2147483648", "days")]
    [InlineData("/api/monitoring/months?from=9999-12-01&to=9999-12-31", null)]
    [InlineData("/api/monitoring/months?from=0001-01-01&to=0001-01-31", null)]
    public async Task Api_ExtremeNumbersAndDates_Are4xxNotServerErrors(string url, string? field)
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var supervisor = await app.LoginAsSupervisorAsync();

        var response = await supervisor.GetAsync(url);

        Assert.InRange((int)response.StatusCode, 400, 499);
        if (field is not null)
        {
            Assert.Equal(field, await FieldOfAsync(response));
        }
    }

    [Theory]
    [InlineData("""{"Identity":{"LockoutDuration":"banana"}}""", "Identity:LockoutDuration")]
    [InlineData("""{"Retention":{"NightlyAt":"25:99"}}""", "Retention:NightlyAt")]
    public async Task Command_UnreadableSetting_Exit2NamingIt(string settings, string named)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await File.WriteAllTextAsync(Path.Combine(database.DataDirectory, "hotline95.json"), settings);

        var result = await CliRunner.RunAsync(CliRunner.On(database, "lines", "list"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(named, result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("    ")]
    [InlineData("\u200b\u200b\u200b\u200b\u200b")]
    [InlineData("ab  ")]
    public async Task Reveal_ReasonWithoutFourVisibleCharacters_Is422(string reason)
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        await CallStoreScenario.ImportAsync(app.Database, "asterisk", CallStoreScenario.CopyOf("asterisk-18.csv", app.Database));
        var supervisor = await app.LoginAsSupervisorAsync();
        await using var db = app.Database.OpenContext();
        var id = await db.Calls.Select(c => c.Id).FirstAsync();

        var response = await supervisor.PostAsJsonAsync($"/api/calls/{id}/reveal", new { reason });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("reason", await FieldOfAsync(response));
    }
}

public sealed class BadInputTestsOnSqlite() : BadInputTests(DatabaseKind.Sqlite);

public sealed class BadInputTestsOnPostgres() : BadInputTests(DatabaseKind.Postgres);
