using Hotline95.Testing;

namespace Hotline95.IntegrationTests.Complaints;

internal static class ComplaintScenario
{
    public const string Line = "95528";

    /// <summary>An app with line 95528 and its approved purposes; the fake clock stands at 2026-03-02 10:00 Shanghai.</summary>
    public static async Task<Hotline95AppFactory> StartAsync(DatabaseKind kind, Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null, bool backgroundJobs = false)
    {
        var app = await Hotline95AppFactory.StartAsync(kind, configure: configure, backgroundJobs: backgroundJobs);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "add", Line, "--name", "信用卡客服热线"))).ExitCode);
        var usage = await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "usage", Line, "--purposes", "信贷咨询,账单查询,投诉处理", "--hours", "7×24"));
        Assert.Equal(0, usage.ExitCode);
        return app;
    }
}
