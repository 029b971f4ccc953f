using System.CommandLine;
using System.Diagnostics;
using Hotline95.Core.Common;
using Hotline95.Core.Demo;
using Hotline95.Core.Retention;
using Microsoft.Extensions.Options;

namespace Hotline95.Commands;

internal static class DemoCommands
{
    public static Command Build(CliIo io)
    {
        var demo = new Command("demo", "Demonstration data. / 演示数据。");
        var perDay = new Option<int>("--calls-per-day")
        {
            Description = $"Calls on an ordinary working day (weekends and holidays fewer), default {SeedDemoActivityHandler.DefaultCallsPerDay}",
            DefaultValueFactory = _ => SeedDemoActivityHandler.DefaultCallsPerDay,
        };
        var days = new Option<int?>("--days") { Description = "Days of traffic up to now (default: every day inside Retention:CallRecordMonths; more are purged after seeding)" };
        var empty = new Option<bool>("--empty") { Description = "Only the enterprise, its lines, users and roster: no traffic" };
        var seed = new Command("seed",
            "Create the demo enterprise: a Pudong bank with its 95 lines, agents, seats and an Admin, and months of traffic shaped like a hotline's " +
            "(calls, queues, callbacks, complaints, reveals, exports), all inside retention. / 创建演示企业及其话务数据。") { perDay, days, empty };
        seed.SetAction((parse, ct) => CliServices.RunAsync(parse, io, ct, async scope =>
        {
            var result = await scope.Get<SeedDemoHandler>().HandleAsync(ct);
            if (!result.Created)
            {
                scope.Out.WriteLine($"The demo enterprise '{result.EnterpriseSlug}' already exists; nothing changed (to seed it again, start from an empty --data). / 演示企业已存在。");
                return ExitCodes.Ok;
            }

            scope.Out.WriteLine($"Created demo enterprise '{result.EnterpriseSlug}': {result.EnterpriseName}");
            foreach (var line in result.Lines)
            {
                scope.Out.WriteLine($"  line {line.Number}  {line.Name}");
            }

            scope.Out.WriteLine($"  seats: {result.Seats}");
            scope.Out.WriteLine("  users (passwords shown once / 密码仅显示一次):");
            foreach (var user in result.Users)
            {
                scope.Out.WriteLine($"    {user.User.UserName,-18} {user.User.Role,-18} {user.Password}");
            }

            scope.Out.WriteLine("  API keys (shown once / 密钥仅显示一次; send as X-Api-Key):");
            foreach (var key in result.ApiKeys)
            {
                scope.Out.WriteLine($"    {key.Name,-18} {key.Role,-18} {key.Key}");
            }

            if (!parse.GetValue(empty))
            {
                var seeded = await SeedTrafficAsync(scope, parse.GetValue(perDay), parse.GetValue(days), ct);
                if (seeded != ExitCodes.Ok)
                {
                    return seeded;
                }
            }

            var admin = result.Users.FirstOrDefault(u => u.User.Role == Core.Identity.Role.Admin);
            scope.Out.WriteLine($"Sign in to the web UI (hotline95 serve) as {admin?.User.UserName} to see the demo; use --enterprise {result.EnterpriseSlug} with other commands to act on it.");
            return ExitCodes.Ok;
        }));
        demo.Subcommands.Add(seed);
        return demo;
    }

    /// <summary>The traffic, a line per stage as it starts (a bar on a terminal), then what it made.</summary>
    private static async Task<int> SeedTrafficAsync(CommandScope scope, int perDay, int? days, CancellationToken ct)
    {
        scope.Out.WriteLine($"Seeding the demo's traffic ({perDay:N0} calls an ordinary working day) … / 正在生成话务数据");
        var watch = Stopwatch.StartNew();
        var stage = "";
        using var bar = ProgressBar.ForStderr(scope.Io);
        var progress = new Progress(p =>
        {
            if (p.Stage != stage)
            {
                bar?.Clear();
                stage = p.Stage;
                scope.Out.WriteLine($"  [{watch.Elapsed.TotalSeconds,3:N0} s] {StageNames.GetValueOrDefault(stage, stage)} …");
            }

            bar?.Show(p.Done, p.Total, $"{p.Done:N0} {p.Stage}");
        });
        var seeded = await scope.Get<SeedDemoActivityHandler>().HandleAsync(perDay, days, progress, ct);
        bar?.Clear();
        if (!seeded.IsSuccess)
        {
            return CliServices.Fail(scope.Io, seeded.Error);
        }

        var r = seeded.Value;
        var months = scope.Get<IOptions<RetentionOptions>>().Value.CallRecordMonths;
        scope.Out.WriteLine($"Traffic from {r.From:yyyy-MM-dd} to {ChinaTime.ToChina(r.Until):yyyy-MM-dd HH:mm} ({watch.Elapsed.TotalSeconds:N0} s):");
        scope.Out.WriteLine($"  calls: {r.CallsIn:N0} in, {r.CallsOut:N0} callbacks out ({r.Imported:N0} imported); queue events counted: {r.QueueEventsCounted:N0}; missed calls linked to their callback: {r.CallbacksLinked:N0}");
        scope.Out.WriteLine($"  complaints: {r.Complaints:N0} ({r.ComplaintsLate:N0} answered or resolved late, {r.ComplaintsOpen:N0} open); reveals: {r.Reveals}; exports: {r.Exports}");
        scope.Out.WriteLine(r.CallsPurged > 0
            ? $"  purged {r.CallsPurged:N0} calls past retention (Retention:CallRecordMonths = {months}); their daily figures stay in the roll-ups"
            : $"  every call is inside retention (Retention:CallRecordMonths = {months})");
        scope.Out.WriteLine($"  oldest call held: {(r.OldestCall is { } oldest ? ChinaTime.ToChina(oldest).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "none")}");
        return ExitCodes.Ok;
    }

    private static readonly Dictionary<string, string> StageNames = new(StringComparer.Ordinal)
    {
        ["calls"] = "importing the calls (CDRs) / 导入通话记录",
        ["queues"] = "importing the queue records (queue_log) / 导入队列记录",
        ["callbacks"] = "linking missed calls to their callbacks / 关联未接来电回拨",
        ["complaints"] = "receiving, answering and resolving complaints / 受理、响应、办结投诉",
    };

    /// <summary>Reports on the calling thread, so a stage's line is written before the stage's work goes on.</summary>
    private sealed class Progress(Action<DemoProgress> report) : IProgress<DemoProgress>
    {
        public void Report(DemoProgress value) => report(value);
    }
}
