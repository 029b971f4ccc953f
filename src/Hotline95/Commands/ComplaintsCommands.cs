using System.CommandLine;
using System.Globalization;
using Hotline95.Core.Complaints;

namespace Hotline95.Commands;

/// <summary>Complaints: the satisfaction values the old web page recorded without asking, listed and, when asked to, cleared.</summary>
internal static class ComplaintsCommands
{
    public static Command Build(CliIo io)
    {
        var complaints = new Command("complaints", "Complaint records. / 投诉记录。");
        complaints.Subcommands.Add(Unasked(io));
        complaints.Subcommands.Add(Clear(io));
        return complaints;
    }

    private static Command Unasked(CliIo io)
    {
        var command = new Command("unasked-satisfaction",
            "List complaints resolved through the web page of earlier releases, which recorded satisfaction 5 without asking the caller (from the audit log). Changes nothing. / 列出旧版页面未经询问记录满意度 5 的投诉。");
        command.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var found = await scope.Get<UnaskedSatisfactionHandler>().ListAsync(enterprise.Id, ct);
            foreach (var e in found)
            {
                scope.Out.WriteLine(string.Join("  ", e.ComplaintId.ToString(CultureInfo.InvariantCulture).PadLeft(8), e.Line,
                    e.ResolvedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), e.ResolvedBy,
                    $"satisfaction now {(e.SatisfactionNow is { } s ? s.ToString(CultureInfo.InvariantCulture) : "not rated")}"));
            }

            var toClear = found.Count(e => e.SatisfactionNow == 5);
            scope.Out.WriteLine(found.Count == 0
                ? "None: no complaint holds a satisfaction recorded unasked. / 无未经询问记录的满意度。"
                : $"{found.Count} complaint(s); {toClear} still hold 5. Clear with: hotline95 complaints clear-satisfaction ID... --reason TEXT / 共 {found.Count} 件，{toClear} 件仍为 5。");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Clear(CliIo io)
    {
        var ids = new Argument<long[]>("ID") { Description = "The complaints to clear (from 'complaints unasked-satisfaction')", Arity = ArgumentArity.OneOrMore };
        var reason = new Option<string?>("--reason") { Description = "Why (kept in the audit log)", Required = true };
        var command = new Command("clear-satisfaction",
            "Set the satisfaction of the named complaints, recorded unasked by the old page, to not rated; each change audited. Refuses any other complaint. / 将旧版页面未经询问记录的满意度改为未评价（记入审计）。") { ids, reason };
        command.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var result = await scope.Get<UnaskedSatisfactionHandler>().ClearAsync(enterprise.Id, parse.GetValue(ids) ?? [], parse.GetValue(reason), scope.Actor, ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            scope.Out.WriteLine($"Cleared to not rated: {string.Join(", ", result.Value)} (audited). / 已改为未评价。");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
