using System.CommandLine;
using Hotline95.Core.Audit;

namespace Hotline95.Commands;

internal static class AuditCommands
{
    public static Command Build(CliIo io)
    {
        var audit = new Command("audit", "The audit log, chained by HMAC under a key the master key wraps, anchored outside the database. / 审计日志。");
        var verify = new Command("verify", "Check the whole chain; exit 0 when intact, 1 naming the first bad entry. / 校验审计日志完整性。");
        verify.SetAction((parse, ct) => CliServices.RunAsync(parse, io, ct, async scope =>
        {
            var result = await scope.Get<VerifyAuditLogHandler>().HandleAsync(ct);
            (result.Intact ? scope.Out : io.Error).WriteLine(result.Describe());
            return result.Intact ? ExitCodes.Ok : ExitCodes.Negative;
        }));
        var anchor = new Command("anchor", "Write the chain's head (sequence and MAC) to the anchor file outside the database, and the webhook if set. / 写入审计锚点。");
        anchor.SetAction((parse, ct) => CliServices.RunAsync(parse, io, ct, async scope =>
        {
            var anchors = scope.Get<AuditAnchors>();
            var written = await anchors.AnchorAsync("cli", ct);
            scope.Out.WriteLine(written is null
                ? "The audit log is empty: nothing to anchor. / 审计日志为空。"
                : $"Anchored entry #{written.Sequence} ({written.Hash[..16]}…) in {anchors.File}. / 已写入锚点。");
            return ExitCodes.Ok;
        }));
        audit.Subcommands.Add(verify);
        audit.Subcommands.Add(anchor);
        return audit;
    }
}
