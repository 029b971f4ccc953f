using Hotline95.Testing;

namespace Hotline95.IntegrationTests.Calls;

/// <summary>An app with the 95528 line configured, and helpers to import the repository's CDR fixtures through the CLI.</summary>
internal static class CallStoreScenario
{
    public const string Line = "95528";

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "cdr", name);

    /// <summary>A private copy, so that FILE.rejected lands beside it and not in the shared output folder.</summary>
    public static string CopyOf(string name, TestDatabase database)
    {
        var copy = Path.Combine(database.DataDirectory, "incoming", name);
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(Fixture(name), copy, overwrite: true);
        return copy;
    }

    public static async Task<Hotline95AppFactory> StartAsync(DatabaseKind kind)
    {
        var app = await Hotline95AppFactory.StartAsync(kind);
        var added = await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "add", Line, "--name", "信用卡客服热线"));
        Assert.Equal(0, added.ExitCode);
        return app;
    }

    /// <summary>The CTI webhook address with a fresh API key, as a PBX is configured.</summary>
    public static async Task<string> CtiUrlAsync(Hotline95AppFactory app)
    {
        var created = await CliRunner.RunAsync(CliRunner.On(app.Database, "apikey", "create", "--name", "pbx"));
        return $"/api/v1/cti/{created.Out.Split('\n').Single(l => l.StartsWith("key: ", StringComparison.Ordinal))[5..].Trim()}";
    }

    public static Task<CliResult> ImportAsync(TestDatabase database, string format, string file, params string[] extra) =>
        CliRunner.RunAsync(CliRunner.On(database, ["calls", "import", "--format", format, .. extra, file]));
}
