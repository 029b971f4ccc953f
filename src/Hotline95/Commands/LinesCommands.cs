using System.CommandLine;
using Hotline95.Core.Enterprises;
using Hotline95.Core.Service;

namespace Hotline95.Commands;

internal static class LinesCommands
{
    public static Command Build(CliIo io)
    {
        var lines = new Command("lines", "The enterprise's 95 lines. / 95号码线路。");

        var number = new Argument<string>("NUMBER") { Description = "The 95 number: 5 or 6 digits beginning with 95" };
        var name = new Option<string>("--name") { Description = "What the line is for, e.g. 信用卡客服热线", Required = true };
        var add = new Command("add", "Add a 95 line. / 添加线路。") { number, name };
        add.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var result = await scope.Get<AddLineHandler>().HandleAsync(
                new AddLineRequest(enterprise.Id, parse.GetValue(number)!, parse.GetValue(name)!, scope.Actor), ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            scope.Out.WriteLine($"Added line {result.Value.Number} ({result.Value.Name}) to {enterprise.Slug}. / 已添加线路。");
            return ExitCodes.Ok;
        }));

        var list = new Command("list", "List the enterprise's 95 lines. / 列出线路。");
        list.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var all = await scope.Get<ListLinesHandler>().HandleAsync(enterprise.Id, ct);
            if (all.Count == 0)
            {
                scope.Out.WriteLine($"No lines yet for {enterprise.Slug}: add one with 'hotline95 lines add 95XXX --name NAME'. / 暂无线路。");
            }

            foreach (var line in all)
            {
                scope.Out.WriteLine($"{line.Number,-8} {line.Name}{(line.Purposes.Count == 0 ? "" : $"  [{string.Join("、", line.Purposes)}]")}{(line.ServiceHours is null ? "" : $"  {line.ServiceHours}")}");
            }

            return ExitCodes.Ok;
        }));

        var usageNumber = new Argument<string>("NUMBER") { Description = "The 95 line" };
        var purposes = new Option<string>("--purposes") { Description = "Approved purposes from the usage plan, separated by commas or 、 (e.g. 信贷咨询,账单查询,投诉处理)", Required = true };
        var hours = new Option<string?>("--hours") { Description = "Service hours, e.g. 7×24 or 工作日 8:30–17:30" };
        var usage = new Command("usage", "Set a line's approved purposes and service hours (no marketing). / 设置线路用途与服务时间。") { usageNumber, purposes, hours };
        usage.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var list = parse.GetValue(purposes)!.Split([',', '，', '、', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var result = await scope.Get<SetLineUsageHandler>().HandleAsync(
                new SetLineUsageRequest(enterprise.Id, parse.GetValue(usageNumber)!, list, parse.GetValue(hours), scope.Actor), ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            scope.Out.WriteLine($"{result.Value.Number}: {string.Join("、", result.Value.Purposes)}; {result.Value.ServiceHours}");
            return ExitCodes.Ok;
        }));

        var trunksNumber = new Argument<string>("NUMBER") { Description = "The 95 line" };
        var trunkList = new Option<string>("--trunks") { Description = "Trunks or account codes registered to the holder, comma-separated (e.g. PJSIP/trunk-ct,acct-95528); empty turns the check off", Required = true };
        var trunks = new Command("trunks", "Register the trunks and account codes of the number's holder (lending check). / 登记中继与账户码。") { trunksNumber, trunkList };
        trunks.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var given = parse.GetValue(trunkList)!.Split([',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var result = await scope.Get<SetLineTrunksHandler>().HandleAsync(new SetLineTrunksRequest(enterprise.Id, parse.GetValue(trunksNumber)!, given, scope.Actor), ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            scope.Out.WriteLine(result.Value.Count == 0 ? $"{parse.GetValue(trunksNumber)}: no trunk registered; the lending check is off." : $"{parse.GetValue(trunksNumber)}: {string.Join(", ", result.Value)}");
            return ExitCodes.Ok;
        }));

        lines.Subcommands.Add(add);
        lines.Subcommands.Add(list);
        lines.Subcommands.Add(usage);
        lines.Subcommands.Add(trunks);
        return lines;
    }
}
