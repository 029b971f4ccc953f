namespace Hotline95.Commands;

/// <summary>Where a command writes and what environment it reads; tests pass their own to run commands in-process.</summary>
public sealed record CliIo(TextWriter Out, TextWriter Error, Func<string, string?> Environment)
{
    public static CliIo System => new(Console.Out, Console.Error, global::System.Environment.GetEnvironmentVariable);
}

public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The command ran and the answer is "no" (not eligible, audit log broken, findings).</summary>
    public const int Negative = 1;
    /// <summary>Bad usage, bad input or bad configuration: nothing was done.</summary>
    public const int Usage = 2;
    /// <summary>Partly done: some input rows were rejected.</summary>
    public const int Partial = 3;
    /// <summary>The database refused the command or went away: the step under way was rolled back; steps committed before it stay.</summary>
    public const int DatabaseFailed = 4;
}
