using System.CommandLine;
using System.Globalization;
using System.Text;
using Hotline95.Core.Calls.Import;
using Hotline95.Core.Common;
using Hotline95.Core.Queues;

namespace Hotline95.Commands;

internal static class QueuesCommands
{
    public static Command Build(CliIo io)
    {
        var queues = new Command("queues", "Queue statistics from the PBX's queue records (queue_log, mod_callcenter). / 队列统计。");
        queues.Subcommands.Add(Import(io));
        queues.Subcommands.Add(Figures(io));
        return queues;
    }

    private static Command Import(CliIo io)
    {
        var format = new Option<string>("--format") { Description = $"One of: {string.Join(", ", QueueFormats.ByName.Keys)}", Required = true };
        format.AcceptOnlyFromAmong([.. QueueFormats.ByName.Keys]);
        var encoding = new Option<string>("--encoding") { Description = "utf-8 or gb18030", DefaultValueFactory = _ => "utf-8" };
        encoding.AcceptOnlyFromAmong("utf-8", "gb18030");
        var follow = FollowOptions.Create();
        var files = new Argument<string[]>("FILE") { Description = "queue_log files, or FreeSWITCH CDR documents", Arity = ArgumentArity.OneOrMore };
        var command = new Command("import", "Import queue records; re-importing counts nothing twice; bad lines go to FILE.rejected (exit 3). / 导入队列记录。")
        {
            format, encoding, follow.Follow, follow.Poll, follow.StopWhenIdle, files,
        };
        command.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            var chosen = parse.GetValue(encoding) == "gb18030" ? Encoding.GetEncoding("GB18030") : new UTF8Encoding(false);
            var queueFormat = QueueFormats.ByName[parse.GetValue(format)!];
            var handler = scope.Get<ImportQueuesHandler>();
            if (parse.GetValue(follow.Follow))
            {
                return await FollowCommand.RunAsync(io, scope, enterprise.Id, $"queues:{parse.GetValue(format)}", parse.GetValue(files)!, follow.Settings(parse),
                    queueFormat == QueueFormat.AsteriskQueueLog ? null : Phrase.Of("follow.queueDocuments"),
                    async (file, chunk, firstLine, ct2) =>
                    {
                        var session = await handler.OpenAsync(enterprise.Id, queueFormat, ct2);
                        if (!session.IsSuccess)
                        {
                            return session.Error;
                        }

                        using var s = session.Value;
                        await using var rejects = new RejectedLines(file, append: true, message => io.Error.WriteLine(message));
                        await s.ImportAsync(ImportQueuesHandler.Lines(chunk, queueFormat, chosen, firstLine), rejects, null, ct2);
                        ReportUnmapped(io, s.UnmappedQueues);
                        var t = s.Totals;
                        return new FollowChunk(t.Counted, t.Unchanged, t.Rejected);
                    }, ct);
            }

            using var bar = ProgressBar.ForStderr(io);
            var result = await handler.HandleAsync(new ImportQueuesRequest(enterprise.Id, queueFormat, parse.GetValue(files)!, chosen, scope.Actor),
                message => { bar?.Clear(); io.Error.WriteLine(message); },
                bar is null ? null : new Progress<ImportProgress>(p => bar.Show(p.BytesRead, p.BytesTotal, $"{Path.GetFileName(p.File)} {p.Rows:N0} lines")), ct);
            bar?.Clear();
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            foreach (var f in result.Value.Files)
            {
                scope.Out.WriteLine($"{f.File}: counted {f.Counted}, already counted {f.Unchanged}, skipped {f.Skipped}, rejected {f.Rejected}{(f.RejectedFile is null ? "" : $" (see {f.RejectedFile})")}");
            }

            ReportUnmapped(io, result.Value.UnmappedQueues);
            return result.Value.Rejected > 0 ? ExitCodes.Partial : ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Figures(CliIo io)
    {
        var line = new Option<string?>("--line") { Description = "Only this 95 line" };
        var queue = new Option<string?>("--queue") { Description = "Only this queue" };
        var from = new Option<string>("--from") { Description = "From this date (yyyy-MM-dd, Asia/Shanghai)", Required = true };
        var to = new Option<string?>("--to") { Description = "Up to and including this date (default: --from)" };
        var by = new Option<string>("--by") { Description = "day, hour, queue or agent", DefaultValueFactory = _ => "day" };
        by.AcceptOnlyFromAmong("day", "hour", "queue", "agent");
        var command = new Command("figures", "Service level, average speed of answer, abandonment, handle time; per agent: occupancy. / 队列指标。") { line, queue, from, to, by };
        command.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            if (!CallsCommands.TryDate(parse.GetValue(from), "--from", out var fromDate, io) || !CallsCommands.TryDate(parse.GetValue(to), "--to", out var toDate, io))
            {
                return ExitCodes.Usage;
            }

            var grouping = Enum.Parse<QueueGrouping>(parse.GetValue(by)!, ignoreCase: true);
            var result = await scope.Get<QueueFiguresHandler>().HandleAsync(
                new QueueReportRequest(enterprise.Id, parse.GetValue(line), parse.GetValue(queue), fromDate!.Value, toDate ?? fromDate.Value, grouping), ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            var r = result.Value;
            scope.Out.WriteLine($"Service level = answered within {r.ServiceLevelSeconds} s ÷ (offered − abandons within {r.ShortAbandonSeconds} s); n/a: nothing to divide by. / {r.ServiceLevelSeconds}秒接通率。");
            if (grouping == QueueGrouping.Agent)
            {
                scope.Out.WriteLine($"{"agent",-20} {"answered",8} {"talk s",8} {"no-answer",9} {"logged-in s",11} {"paused s",9} {"occupancy",9}");
                foreach (var a in r.Agents)
                {
                    scope.Out.WriteLine($"{a.Agent,-20} {a.Answered,8} {a.TalkSeconds,8} {a.RingsNotAnswered,9} {Show(a.LoggedInSeconds),11} {Show(a.PausedSeconds),9} {Percent(a.Occupancy),9}");
                }

                return ExitCodes.Ok;
            }

            scope.Out.WriteLine($"{"",-14} {"offered",7} {"answered",8} {"abandoned",9} {"short",5} {"unresolved",10} {"SL",7} {"ASA s",6} {"aband.",7} {"AHT s",6}");
            foreach (var row in r.Rows.Append(r.Total))
            {
                scope.Out.WriteLine($"{row.Key,-14} {row.Offered,7} {row.Answered,8} {row.Abandoned,9} {row.ShortAbandoned,5} {row.Unresolved,10} {Percent(row.ServiceLevel),7} {Show(row.AverageSpeedOfAnswer),6} {Percent(row.AbandonmentRate),7} {Show(row.AverageHandleTime),6}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Queues of the PBX that are on no 95 line: their lines were skipped, which the operator should know.</summary>
    private static void ReportUnmapped(CliIo io, IReadOnlyDictionary<string, int> unmapped)
    {
        if (unmapped.Count > 0)
        {
            io.Error.WriteLine($"queues on no 95 line, skipped: {string.Join(", ", unmapped.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => $"{u.Key} ({u.Value} line(s))"))}; " +
                $"if they take a 95 line's calls: hotline95 lines queues 95XXX --queues {string.Join(",", unmapped.Keys.Order(StringComparer.Ordinal))} / 未对应95线路的队列已跳过。");
        }
    }

    private static string Percent(double? value) => value is { } v ? v.ToString("P1", CultureInfo.InvariantCulture) : "n/a";

    private static string Show(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "n/a";

    private static string Show(long? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "n/a";
}
