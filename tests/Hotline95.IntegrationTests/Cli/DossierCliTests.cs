using System.Text.Json;
using Hotline95.Testing;

namespace Hotline95.IntegrationTests.Cli;

public sealed class DossierCliTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "dossiers", name);

    [Fact]
    public async Task Check_EligibleDossier_Exits0AndPrintsEveryConditionInBothLanguages()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);

        var result = await CliRunner.RunAsync(CliRunner.On(database, "dossier", "check", Fixture("dossier-pudong-bank.json"), "--on", "2026-11-20"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ELIGIBLE", result.Out);
        for (var i = 1; i <= 6; i++)
        {
            Assert.Contains($"条件{i} ", result.Out);
        }

        Assert.Contains("Registered capital: ✓ 通过 pass", result.Out);
    }

    [Fact]
    public async Task Check_Json_Exits1WithTheDocumentedShape()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);

        var result = await CliRunner.RunAsync(CliRunner.On(database, "dossier", "check", Fixture("dossier-common-rejections.json"), "--json", "--on", "2026-11-20"));

        Assert.Equal(1, result.ExitCode);
        var report = JsonDocument.Parse(result.Out).RootElement;
        Assert.False(report.GetProperty("eligible").GetBoolean());
        Assert.Equal("shanghai-95-2024", report.GetProperty("policy").GetString());
        var vague = report.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("code").GetString() == "COND5_PURPOSE_VAGUE");
        Assert.Equal(5, vague.GetProperty("condition").GetInt32());
        Assert.Equal("error", vague.GetProperty("severity").GetString());
        Assert.Equal("$.usagePlan.purposes[0]", vague.GetProperty("field").GetString());
        Assert.Contains("客户服务", vague.GetProperty("message").GetString());
        Assert.NotEmpty(vague.GetProperty("fix").GetString()!);
    }

    [Theory]
    [InlineData("{\"company\": {\"registeredCapitalRmb\": \"lots\"}}", "$.company.registeredCapitalRmb")]
    [InlineData("[1, 2", "$")]
    public async Task Check_BadInput_Exits2NamingThePath(string json, string path)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var file = Path.Combine(database.DataDirectory, "bad.json");
        await File.WriteAllTextAsync(file, json);

        var result = await CliRunner.RunAsync(CliRunner.On(database, "dossier", "check", file));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(path, result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Check_OnADateBeforeAnyPolicy_Exits2()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);

        var result = await CliRunner.RunAsync(CliRunner.On(database, "dossier", "check", Fixture("dossier-pudong-bank.json"), "--on", "2020-01-01"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no policy is in force on 2020-01-01", result.Error);
    }

    [Fact]
    public async Task PolicyPublish_ThenCheckOnEitherSideOfItsDate_UsesThePolicyInForce()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var save = await CliRunner.RunAsync(CliRunner.On(database, "dossier", "save", Fixture("dossier-pudong-bank.json")));
        var shown = await CliRunner.RunAsync(CliRunner.On(database, "policy", "show", "shanghai-95-2024"));
        var policy = System.Text.Json.Nodes.JsonNode.Parse(shown.Out)!;
        policy["id"] = "shanghai-95-2027";
        policy["effectiveFrom"] = "2027-01-01";
        policy["minRegisteredCapitalRmb"] = 20_000_000;
        var file = Path.Combine(database.DataDirectory, "policy-2027.json");
        await File.WriteAllTextAsync(file, policy.ToJsonString());

        var published = await CliRunner.RunAsync(CliRunner.On(database, "policy", "publish", file));
        var before = await CliRunner.RunAsync(CliRunner.On(database, "dossier", "check", Fixture("dossier-pudong-bank.json"), "--on", "2026-12-31"));
        var after = await CliRunner.RunAsync(CliRunner.On(database, "dossier", "check", Fixture("dossier-pudong-bank.json"), "--on", "2027-01-04", "--json"));

        Assert.Equal(0, save.ExitCode);
        Assert.Equal(1, published.ExitCode);
        Assert.Contains("上海浦江信融科技有限公司: COND2_CAPITAL", published.Out);
        Assert.Equal(0, before.ExitCode);
        Assert.Equal(1, after.ExitCode);
        Assert.Contains("\"policy\": \"shanghai-95-2027\"", after.Out);
        Assert.Contains("COND2_CAPITAL", after.Out);
    }

    [Fact]
    public async Task Documents_WritesSixFilesForAStoredDossier()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var save = await CliRunner.RunAsync(CliRunner.On(database, "dossier", "save", Fixture("dossier-pudong-bank.json"), "--number", "95123"));
        var id = save.Out.Split(' ')[0].Trim();
        var output = Path.Combine(database.DataDirectory, "documents");

        var result = await CliRunner.RunAsync(CliRunner.On(database, "dossier", "documents", id, "--out", output));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["使用规划.docx", "使用规划.pdf", "安全管理制度汇编.docx", "安全管理制度汇编.pdf", "承诺书.docx", "承诺书.pdf"],
            Directory.GetFiles(output).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray());
        Assert.StartsWith("%PDF", await File.ReadAllTextAsync(Path.Combine(output, "承诺书.pdf")));
        Assert.DoesNotContain("draft", result.Error);
    }

    [Fact]
    public async Task Documents_ADossierWithErrors_WritesThemAndExits1SayingTheyAreDraftsAndWhy()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var save = await CliRunner.RunAsync(CliRunner.On(database, "dossier", "save", Fixture("dossier-common-rejections.json"), "--number", "95123"));
        var id = save.Out.Split(' ')[0].Trim();

        var output = Path.Combine(database.DataDirectory, "documents");

        var result = await CliRunner.RunAsync(CliRunner.On(database, "dossier", "documents", id, "--kind", "commitment-letter", "--format", "docx", "--out", output));

        Assert.Equal(1, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(output, "承诺书.docx")), "the draft is written before the exit code says it is one");
        Assert.Contains("DRAFTS", result.Error);
        Assert.Contains("COND5_PURPOSE_MARKETING", result.Error);
        Assert.Contains("草稿——尚未满足申请条件", result.Error);
    }
}
