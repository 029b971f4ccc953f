using System.CommandLine;
using Hotline95.Core.Demo;

namespace Hotline95.Commands;

internal static class DemoCommands
{
    public static Command Build(CliIo io)
    {
        var demo = new Command("demo", "Demonstration data. / 演示数据。");
        var seed = new Command("seed", "Create a demo enterprise (a Pudong bank with its 95 lines, agents and seats). / 创建演示企业。");
        seed.SetAction((parse, ct) => CliServices.RunAsync(parse, io, ct, async scope =>
        {
            var result = await scope.Get<SeedDemoHandler>().HandleAsync(ct);
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
