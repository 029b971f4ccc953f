using System.CommandLine;
using System.Globalization;
using Hotline95.Core.Common;
using Hotline95.Core.Retention;

namespace Hotline95.Commands;

internal static class RetentionCommands
{
    public static Command Build(CliIo io)
    {
        var retention = new Command("retention", "Keeping and destroying records on schedule. / 保存期限管理。");

        var dryRun = new Option<bool>("--dry-run") { Description = "Say what would be deleted; delete nothing" };
        var asOf = new Option<string?>("--as-of") { Description = "Purge as if today were this date (yyyy-MM-dd); default today" };
        var purge = new Command("purge", "Delete calls and recordings past retention (not those on legal hold), then destroy emptied months' keys. / 清理过期记录。")
        {
            dryRun, asOf,
        };
        purge.SetAction((parse, ct) => CliServices.RunAsync(parse, io, ct, async scope =>
        {
            if (!CallsCommands.TryDate(parse.GetValue(asOf), "--as-of", out var date, io))
            {
                return ExitCodes.Usage;
            }

            var purged = await scope.Get<PurgeRetentionHandler>().HandleAsync(new PurgeRequest(date, parse.GetValue(dryRun), scope.Actor), ct);
            if (!purged.IsSuccess)
            {
                return CliServices.Fail(io, purged.Error);
            }

            var result = purged.Value;
            var verb = result.DryRun ? "would delete" : "deleted";
            scope.Out.WriteLine($"{(result.DryRun ? "Dry run: " : "")}records that started before {ChinaTime.ToChina(result.Cutoff).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} (Asia/Shanghai) are past retention.");
            scope.Out.WriteLine($"{verb} {result.CallsDeleted} call(s) and {result.RecordingsDeleted} recording(s); kept {result.CallsKeptOnHold} on legal hold.");
            var months = result.Enterprises.SelectMany(e => e.KeysDestroyed).Distinct().Order().ToList();
            if (months.Count > 0)
            {
                scope.Out.WriteLine($"{(result.DryRun ? "would destroy" : "destroyed")} the data keys of {string.Join(", ", months)} (crypto-shredding).");
            }

            if (result.PartitionsDropped.Count > 0)
            {
                scope.Out.WriteLine($"dropped partitions: {string.Join(", ", result.PartitionsDropped)}");
            }

            return ExitCodes.Ok;
        }));

        var callId = new Argument<long>("CALLID") { Description = "The call to keep past retention" };
        var reason = new Option<string>("--reason") { Description = "Why (e.g. 监管调查 2026-031)", Required = true };
        var hold = new Command("hold", "Place a legal hold on a call. / 保全通话记录。") { callId, reason };
        hold.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var result = await scope.Get<LegalHoldsHandler>().PlaceAsync(enterprise.Id, parse.GetValue(callId), parse.GetValue(reason), LegalHoldsHandler.ComplianceSource, scope.Actor, ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            scope.Out.WriteLine($"Call {result.Value.CallId} is on legal hold. / 已保全。");
            return ExitCodes.Ok;
        }));

        var releaseId = new Argument<long>("CALLID") { Description = "The held call" };
        var release = new Command("release", "Release a call's compliance hold. / 解除保全。") { releaseId };
        release.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var result = await scope.Get<LegalHoldsHandler>().ReleaseAsync(enterprise.Id, parse.GetValue(releaseId), LegalHoldsHandler.ComplianceSource, scope.Actor, ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            scope.Out.WriteLine($"Released. / 已解除保全。");
            return ExitCodes.Ok;
        }));

        retention.Subcommands.Add(purge);
        retention.Subcommands.Add(hold);
        retention.Subcommands.Add(release);
        return retention;
    }
}
