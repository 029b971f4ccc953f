using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Identity;
using Hotline95.Testing;

namespace Hotline95.IntegrationTests.Compliance;

public abstract class ScanTests(DatabaseKind kind)
{
    [Fact]
    public async Task Scan_OverTheApi_AnswersEachHitWithItsBasisAndRewrite()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();

        var result = await (await agent.PostAsJsonAsync("/api/compliance/scan", new { text = "您好！\n本行客服全国第一，限時搶購" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(result.GetProperty("clean").GetBoolean());
        var terms = result.GetProperty("findings").EnumerateArray().Select(f => $"{f.GetProperty("term").GetString()}@{f.GetProperty("line").GetInt32()}:{f.GetProperty("column").GetInt32()}").ToList();
        Assert.Equal(["第一@2:7", "限时@2:10", "抢购@2:12"], terms);
        var first = result.GetProperty("findings")[0];
        Assert.Equal("rank", first.GetProperty("category").GetString());
        Assert.Contains("广告法", first.GetProperty("legalBasis").GetString());
        Assert.NotEmpty(first.GetProperty("rewrite").GetString()!);
    }

    [Fact]
    public async Task Lexicon_OfficerAddsATermAndAnException_TheScannerUsesThemAndAgentsCannotEditIt()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();
        var agent = await app.LoginAsAgentAsync();

        var added = await officer.PostAsJsonAsync("/api/compliance/terms", new { term = "包过", category = "guarantee", rewrite = "删除保证性承诺" });
        await officer.PostAsJsonAsync("/api/compliance/terms", new { term = "第一太平", isException = true });
        var refused = await agent.PostAsJsonAsync("/api/compliance/terms", new { term = "x", category = "rank" });
        var bad = await officer.PostAsJsonAsync("/api/compliance/terms", new { term = "y", category = "nonsense" });
        var scan = await (await agent.PostAsJsonAsync("/api/compliance/scan", new { text = "报名包过。第一太平洋大厦营业部" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("category", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        Assert.Equal(["包过"], scan.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("term").GetString()!).ToArray());
    }

    [Fact]
    public async Task Scan_Cli_ExitCodesAreCleanFindingsAndBadInput()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var clean = Path.Combine(app.Database.DataDirectory, "clean.txt");
        var dirty = Path.Combine(app.Database.DataDirectory, "dirty.txt");
        var gbk = Path.Combine(app.Database.DataDirectory, "gbk.txt");
        await File.WriteAllTextAsync(clean, "您好，这里是95528客服中心。第一次使用请先注册。");
        await File.WriteAllTextAsync(dirty, "欢迎致电\n国家级服务，100%满意");
        await File.WriteAllBytesAsync(gbk, [0xB9, 0xFA, 0xBC, 0xD2, 0xBC, 0xB6, 0xFF]);

        var ok = await CliRunner.RunAsync(CliRunner.On(app.Database, "scan", clean));
        var found = await CliRunner.RunAsync(CliRunner.On(app.Database, "scan", dirty, "--json"));
        var badBytes = await CliRunner.RunAsync(CliRunner.On(app.Database, "scan", gbk));
        var missing = await CliRunner.RunAsync(CliRunner.On(app.Database, "scan", Path.Combine(app.Database.DataDirectory, "none.txt")));

        Assert.Equal(0, ok.ExitCode);
        Assert.Equal(1, found.ExitCode);
        var findings = JsonDocument.Parse(found.Out).RootElement.GetProperty("findings").EnumerateArray().Select(f => $"{f.GetProperty("term").GetString()} {f.GetProperty("line").GetInt32()}:{f.GetProperty("column").GetInt32()}").ToList();
        Assert.Equal(["国家级 2:1", "100% 2:7"], findings);
        Assert.Equal(2, badBytes.ExitCode);
        Assert.Contains("UTF-8", badBytes.Error);
        Assert.Equal(2, missing.ExitCode);
    }

    [Fact]
    public async Task Scan_WithoutThePermission_Is403()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var pbx = await app.CreateApiKeyClientAsync(Role.Integration);

        Assert.Equal(HttpStatusCode.Forbidden, (await pbx.PostAsJsonAsync("/api/compliance/scan", new { text = "最好" })).StatusCode);
    }
}

public sealed class ScanTestsOnSqlite() : ScanTests(DatabaseKind.Sqlite);

public sealed class ScanTestsOnPostgres() : ScanTests(DatabaseKind.Postgres);
