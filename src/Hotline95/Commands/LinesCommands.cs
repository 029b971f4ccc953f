using Hotline95.Core.Calls;
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

        var setRoute = new Option<string[]>("--set") { Description = "A route PATTERN=CALLERID (e.g. 41*=41715880339000), repeated in order; first match wins", AllowMultipleArgumentsPerToken = true };
        var clearRoutes = new Option<bool>("--clear") { Description = "Remove every route" };
        var routes = new Command("routes", "Show or replace the outbound routing table (the caller id by destination; audited). / 外呼路由表。") { setRoute, clearRoutes };
        routes.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var handler = scope.Get<OutboundRoutesHandler>();
            var given = parse.GetValue(setRoute) ?? [];
            OutboundSettingsView view;
            if (given.Length > 0 || parse.GetValue(clearRoutes))
            {
                var parsed = new List<(string, string)>();
                foreach (var item in given)
                {
                    var parts = item.Split('=', 2, StringSplitOptions.TrimEntries);
                    if (parts.Length != 2)
                    {
                        return CliServices.Fail(io, Hotline95.Core.Common.Error.Validation("--set", "ROUTE_INVALID", ("value", item)));
                    }

                    parsed.Add((parts[0], parts[1]));
                }

                var replaced = await handler.ReplaceAsync(enterprise.Id, parsed, scope.Actor, ct);
                if (!replaced.IsSuccess)
                {
                    return CliServices.Fail(io, replaced.Error);
                }

                view = replaced.Value;
            }
            else
            {
                view = await handler.GetAsync(enterprise.Id, ct);
            }

            scope.Out.WriteLine(view.Routes.Count == 0 ? "No outbound routes: each line presents its own caller id. / 无外呼路由。" : "Outbound routes (first match wins): / 外呼路由：");
            foreach (var r in view.Routes)
            {
                scope.Out.WriteLine($"  {r.Position}. {r.Pattern,-16} -> {r.CallerId}");
            }

            scope.Out.WriteLine($"Default outbound line: {view.DefaultLine ?? "none"}; line caller ids: {(view.LineCallerIds.Count == 0 ? "each its own number" : string.Join(", ", view.LineCallerIds.Select(p => $"{p.Key}={p.Value}")))}");
            return ExitCodes.Ok;
        }));

        var outboundNumber = new Argument<string>("NUMBER") { Description = "The 95 line" };
        var callerIdOption = new Option<string?>("--caller-id") { Description = "The caller id this line presents when no route matches (empty: the 95 number itself)" };
        var defaultOption = new Option<bool?>("--default") { Description = "true: outbound calls from an agent's extension belong to this line; false: no longer" };
        var outbound = new Command("outbound", "Set a line's outbound caller id and whether it is the default outbound line (audited). / 设置外呼主叫号码。") { outboundNumber, callerIdOption, defaultOption };
        outbound.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var result = await scope.Get<OutboundRoutesHandler>().SetLineAsync(enterprise.Id, parse.GetValue(outboundNumber)!, parse.GetValue(callerIdOption), parse.GetValue(defaultOption), scope.Actor, ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            var number = parse.GetValue(outboundNumber)!;
            scope.Out.WriteLine($"{number}: caller id {result.Value.LineCallerIds.GetValueOrDefault(number) ?? number}{(result.Value.DefaultLine == number ? ", default outbound line" : "")}. / 已更新。");
            return ExitCodes.Ok;
        }));

        var queuesNumber = new Argument<string>("NUMBER") { Description = "The 95 line" };
        var queueList = new Option<string>("--queues") { Description = "The PBX's queues whose calls come in on this line, comma-separated (e.g. support,vip); empty: none", Required = true };
        var queues = new Command("queues", "Map the PBX's queues to this line, for queue statistics (audited). / 设置线路对应的队列。") { queuesNumber, queueList };
        queues.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var given = parse.GetValue(queueList)!.Split([',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var result = await scope.Get<Hotline95.Core.Queues.SetLineQueuesHandler>().HandleAsync(
                new Hotline95.Core.Queues.SetLineQueuesRequest(enterprise.Id, parse.GetValue(queuesNumber)!, given, scope.Actor), ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            scope.Out.WriteLine(result.Value.Count == 0 ? $"{parse.GetValue(queuesNumber)}: no queue. / 无队列。" : $"{parse.GetValue(queuesNumber)}: queues {string.Join(", ", result.Value)}");
            return ExitCodes.Ok;
        }));

        lines.Subcommands.Add(add);
        lines.Subcommands.Add(list);
        lines.Subcommands.Add(usage);
        lines.Subcommands.Add(trunks);
        lines.Subcommands.Add(routes);
        lines.Subcommands.Add(outbound);
        lines.Subcommands.Add(queues);
        return lines;
    }
}
