using System.CommandLine;
using Hotline95.Core.Common;
using Hotline95.Core.Monitoring;
using Hotline95.Text;

namespace Hotline95.Commands;

/// <summary>Roll-ups and anomaly detection.</summary>
internal static class MonitoringCommands
{
    public static Command BuildRollups(CliIo io)
    {
        var rollups = new Command("rollups", "Daily figures per line kept at ingest. / 日汇总。");
        var line = new Option<string?>("--line") { Description = "Only this 95 line" };
        var from = new Option<string?>("--from") { Description = "First day (yyyy-MM-dd); default the first call" };
        var to = new Option<string?>("--to") { Description = "Last day (yyyy-MM-dd); default today" };
        var rebuild = new Command("rebuild", "Recompute the days whose records are all still present (days before the last purge are kept). / 重算日汇总。") { line, from, to };
        rebuild.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            if (!CallsCommands.TryDate(parse.GetValue(from), "--from", out var first, io) || !CallsCommands.TryDate(parse.GetValue(to), "--to", out var last, io))
            {
                return ExitCodes.Usage;
            }

            var result = await scope.Get<RebuildRollupsHandler>().HandleAsync(new RebuildRollupsRequest(enterprise.Id, parse.GetValue(line), first, last), ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            var r = result.Value;
            scope.Out.WriteLine(r.DaysRebuilt == 0
                ? "No day to rebuild. / 无需重算。"
                : $"Rebuilt {r.DaysRebuilt} day(s) from {r.From:yyyy-MM-dd} to {r.To:yyyy-MM-dd}; {r.DaysChanged} differed from the stored figures.");
            if (r.KeptBefore is { } kept)
            {
                scope.Out.WriteLine($"Days before {kept:yyyy-MM-dd} were purged and keep their figures. / 已清理日期的汇总保持不变。");
            }

            return ExitCodes.Ok;
        }));
        rollups.Subcommands.Add(rebuild);
        return rollups;
    }

    public static Command BuildMonitoring(CliIo io)
    {
        var monitoring = new Command("monitoring", "Anomaly detection: call surges and caller floods. / 号码监控。");
        var at = new Option<string?>("--at") { Description = "Check as of this instant (ISO 8601, e.g. 2026-03-02T11:05+08:00); default now" };
        var check = new Command("check", "Run the checks now and print what was raised. / 立即检查。") { at };
        check.SetAction((parse, ct) => CliServices.RunAsync(parse, io, ct, async scope =>
        {
            DateTimeOffset? instant = null;
            if (parse.GetValue(at) is { } text)
            {
                if (!DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
                {
                    io.Error.WriteLine($"hotline95: --at: '{text}' is not an instant; write it as 2026-03-02T11:05+08:00.");
                    return ExitCodes.Usage;
                }

                instant = parsed;
            }

            var raised = await scope.Get<DetectAnomaliesHandler>().HandleAsync(instant, ct);
            foreach (var alert in raised)
            {
                scope.Out.WriteLine($"{alert.Kind} {alert.Line}: {EvidenceOf(AlertView.From(alert))}");
            }

            scope.Out.WriteLine($"{raised.Count} new alert(s).");
            return ExitCodes.Ok;
        }));
        var open = new Option<bool>("--open") { Description = "Only alerts not yet handled" };
        var alerts = new Command("alerts", "List alerts with their evidence and handling. / 告警列表。") { open };
        alerts.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var alerts = (await scope.Get<AlertsHandler>().ListAsync(enterprise.Id, null, null, parse.GetValue(open), new PageRequest(1, PageRequest.MaxSize), ct)).Value;
            foreach (var a in alerts.Items)
            {
                scope.Out.WriteLine($"{a.Id,6}  {ChinaTime.ToChina(a.RaisedAt):yyyy-MM-dd HH:mm}  {a.Kind,-12} {a.Line}  {a.Status,-7} {EvidenceOf(a)}{(a.Handling is null ? "" : $"  → {ServerText.Both(a.Handling)}")}");
            }

            if (alerts.Items.Count < alerts.Total)
            {
                scope.Out.WriteLine($"The newest {alerts.Items.Count} of {alerts.Total} alerts. / 最新 {alerts.Items.Count} 条，共 {alerts.Total} 条。");
            }

            return ExitCodes.Ok;
        }));
        monitoring.Subcommands.Add(check);
        monitoring.Subcommands.Add(alerts);
        return monitoring;
    }

    /// <summary>An alert's evidence in both languages; an older alert's stored text, which has both already.</summary>
    private static string EvidenceOf(AlertView alert) => ServerText.Both(alert.Evidence);
}
