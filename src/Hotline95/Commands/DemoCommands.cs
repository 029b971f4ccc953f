using System.CommandLine;
using Hotline95.Core.Demo;

namespace Hotline95.Commands;

internal static class DemoCommands
{
    public static Command Build(CliIo io)
    {
        var demo = new Command("demo", "Demonstration data. / 演示数据。");
        var perDay = new Option<int?>("--calls-per-day") { Description = "Also generate this many calls a day on line 95528 (encrypted, rolled up), e.g. 100000" };
        var days = new Option<int>("--days") { Description = "…for this many days up to yesterday", DefaultValueFactory = _ => 365 };
        var seed = new Command("seed", "Create a demo enterprise (a Pudong bank with its 95 lines, agents and seats), optionally with a year of calls. / 创建演示企业。") { perDay, days };
        seed.SetAction((parse, ct) => CliServices.RunAsync(parse, io, ct, async scope =>
        {
            var result = await scope.Get<SeedDemoHandler>().HandleAsync(ct);
            if (parse.GetValue(perDay) is { } n)
            {
                using var bar = ProgressBar.ForStderr(io);
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var calls = await scope.Get<SeedDemoCallsHandler>().HandleAsync(n, parse.GetValue(days),
                    bar is null ? null : new Progress<Core.Calls.Import.ImportProgress>(p => bar.Show(p.BytesRead, p.BytesTotal, $"{p.Rows:N0} calls")), ct);
                bar?.Clear();
                if (!calls.IsSuccess)
                {
                    return CliServices.Fail(io, calls.Error);
                }

                var c = calls.Value;
                scope.Out.WriteLine($"Calls on {c.Line} from {c.From:yyyy-MM-dd} to {c.To:yyyy-MM-dd}: {c.Rows:N0} generated, {c.Imported:N0} imported, {c.Duplicates:N0} already there, " +
                    $"{c.Rejected:N0} rejected ({watch.Elapsed.TotalSeconds:N0} s, {c.Rows / Math.Max(0.001, watch.Elapsed.TotalSeconds):N0} rows/s).");
            }

            if (!result.Created)
            {
                scope.Out.WriteLine($"The demo enterprise '{result.EnterpriseSlug}' already exists; nothing changed. / 演示企业已存在。");
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

            scope.Out.WriteLine($"Use --enterprise {result.EnterpriseSlug} with other commands to act on it.");
            return ExitCodes.Ok;
        }));
        demo.Subcommands.Add(seed);
        return demo;
    }
}
