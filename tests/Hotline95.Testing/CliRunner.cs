using Hotline95.Commands;

namespace Hotline95.Testing;

public sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>Runs <c>hotline95</c> commands in-process with captured output.</summary>
public static class CliRunner
{
    public static async Task<CliResult> RunAsync(params string[] args) => await RunAsync(new Dictionary<string, string?>(), args);

    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Hotline95Cli.RunAsync(args, new CliIo(output, error, name => environment.GetValueOrDefault(name)));
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Arguments that point a command at <paramref name="database"/>.</summary>
    public static string[] On(TestDatabase database, params string[] args) =>
        [.. args, "--db", database.DbArgument, "--data", database.DataDirectory];
}
