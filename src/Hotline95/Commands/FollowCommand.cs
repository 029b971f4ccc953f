using System.CommandLine;
using System.Globalization;
using Hotline95.Core.Audit;
using Hotline95.Core.Calls.Import;
using Hotline95.Core.Common;

namespace Hotline95.Commands;

/// <summary>The options of --follow, shared by calls import and queues import.</summary>
internal sealed record FollowOptions(Option<bool> Follow, Option<double> Poll, Option<double?> StopWhenIdle)
{
    public static FollowOptions Create() => new(
        new Option<bool>("--follow") { Description = "Keep reading the growing file (Master.csv, queue_log): resumes where it stopped, survives log rotation; Ctrl+C stops" },
        new Option<double>("--poll") { Description = "With --follow: seconds between looks at the file", DefaultValueFactory = _ => 1.0 },
        new Option<double?>("--stop-when-idle") { Description = "With --follow: stop after this many seconds without a new line (for cron and tests)" });

    public FollowSettings Settings(ParseResult parse) => new(
        TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(Poll), 0.05, 3600)),
        parse.GetValue(StopWhenIdle) is { } idle ? TimeSpan.FromSeconds(Math.Max(0, idle)) : null);
}

internal static class FollowCommand
{
    /// <summary>Follows one file with <paramref name="import"/> for each chunk; exit 3 when any line was rejected.</summary>
    public static async Task<int> RunAsync(CliIo io, CommandScope scope, Guid enterpriseId, string kind, string[] files, FollowSettings settings, Phrase? refusal,
        ChunkImporter import, CancellationToken ct)
    {
        if (refusal is not null)
        {
            return CliServices.Fail(io, Error.Validation("--follow", "FOLLOW_UNSUPPORTED", ("reason", refusal)));
        }

        if (files.Length != 1)
        {
            return CliServices.Fail(io, Error.Validation("FILE", "FOLLOW_ONE_FILE"));
        }

        var audit = scope.Get<AuditLog>();
        await audit.AppendAsync(enterpriseId, scope.Actor, AuditActions.ImportFollowStarted, Path.GetFileName(files[0]), $"kind={kind}", ct);
        io.Error.WriteLine($"Following {Path.GetFullPath(files[0])} (Ctrl+C stops; the position is kept). / 持续读取中。");
        var result = await scope.Get<FileFollower>().RunAsync(enterpriseId, kind, files[0], settings, import, message => io.Error.WriteLine(message), ct);
        if (!result.IsSuccess)
        {
            return CliServices.Fail(io, result.Error);
        }

        var s = result.Value;
        await audit.AppendAsync(enterpriseId, scope.Actor, AuditActions.ImportFollowStopped, Path.GetFileName(files[0]),
            $"kind={kind} lines={s.Lines} counted={s.Counted} unchanged={s.Unchanged} rejected={s.Rejected}", CancellationToken.None);
        scope.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{files[0]}: followed {s.Lines} line(s): counted {s.Counted}, already there {s.Unchanged}, rejected {s.Rejected}{(s.Rejected > 0 ? $" (see {files[0]}.rejected)" : "")}"));
        return s.Rejected > 0 ? ExitCodes.Partial : ExitCodes.Ok;
    }
}
