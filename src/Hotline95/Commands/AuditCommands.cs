using System.CommandLine;
using Hotline95.Core.Audit;

namespace Hotline95.Commands;

internal static class AuditCommands
{
    public static Command Build(CliIo io)
    {
        var audit = new Command("audit", "The hash-chained audit log. / 审计日志。");
        var verify = new Command("verify", "Check the whole chain; exit 0 when intact, 1 naming the first bad entry. / 校验审计日志完整性。");
        verify.SetAction((parse, ct) => CliServices.RunAsync(parse, io, ct, async scope =>
        {
            var result = await scope.Get<VerifyAuditLogHandler>().HandleAsync(ct);
            (result.Intact ? scope.Out : io.Error).WriteLine(result.Describe());
            return result.Intact ? ExitCodes.Ok : ExitCodes.Negative;
        }));
        audit.Subcommands.Add(verify);
        return audit;
    }
}
