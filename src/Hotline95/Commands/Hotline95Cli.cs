using System.CommandLine;

namespace Hotline95.Commands;

public static class Hotline95Cli
{
    public static Task<int> RunAsync(string[] args) => RunAsync(args, CliIo.System);

    public static async Task<int> RunAsync(string[] args, CliIo io, CancellationToken ct = default)
    {
        var root = BuildRoot(io);
        var config = new InvocationConfiguration { Output = io.Out, Error = io.Error, EnableDefaultExceptionHandler = false };
        if (args.Length == 0)
        {
            await root.Parse(["--help"]).InvokeAsync(config, ct);
            return ExitCodes.Usage;
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            io.Error.WriteLine($"hotline95: {parse.Errors[0].Message}");
            io.Error.WriteLine($"Run '{CommandPath(parse)} --help' for usage. / 用法见 --help。");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(config, ct);
    }

    internal static RootCommand BuildRoot(CliIo io)
    {
        var root = new RootCommand("Hotline95 — the platform for a 95 customer-service number: licence, hotline, complaints, oversight. / 95码号全生命周期管理平台。");
        root.Options.Add(GlobalOptions.Db);
        root.Options.Add(GlobalOptions.Data);
        root.Options.Add(GlobalOptions.Enterprise);
        root.Subcommands.Add(ServeCommand.Build(io));
        root.Subcommands.Add(DbCommands.Build(io));
        root.Subcommands.Add(LinesCommands.Build(io));
        root.Subcommands.Add(UsersCommands.Build(io));
        root.Subcommands.Add(ApiKeyCommands.Build(io));
        root.Subcommands.Add(CallsCommands.Build(io));
        root.Subcommands.Add(ComplaintsCommands.Build(io));
        root.Subcommands.Add(QueuesCommands.Build(io));
        root.Subcommands.Add(KeysCommands.Build(io));
        root.Subcommands.Add(BackupCommands.Build(io));
        root.Subcommands.Add(RetentionCommands.Build(io));
        root.Subcommands.Add(CalendarCommands.Build(io));
        root.Subcommands.Add(AuditCommands.Build(io));
        root.Subcommands.Add(DossierCommands.Build(io));
        root.Subcommands.Add(LicenceCommands.BuildPolicy(io));
        root.Subcommands.Add(LicenceCommands.BuildApplication(io));
        root.Subcommands.Add(LicenceCommands.BuildLicence(io));
        root.Subcommands.Add(MonitoringCommands.BuildRollups(io));
        root.Subcommands.Add(MonitoringCommands.BuildMonitoring(io));
        root.Subcommands.Add(ReportCommands.Build(io));
        root.Subcommands.Add(EnterpriseCommands.Build(io));
        root.Subcommands.Add(UploadCommands.Build(io));
        root.Subcommands.Add(ScanCommand.Build(io));
        root.Subcommands.Add(DemoCommands.Build(io));
        return root;
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }

        names[0] = "hotline95";
        return string.Join(' ', names);
    }
}
