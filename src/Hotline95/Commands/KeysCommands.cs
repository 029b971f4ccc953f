using System.CommandLine;
using System.Globalization;
using Hotline95.Core.Common;
using Hotline95.Core.Security;

namespace Hotline95.Commands;

internal static class KeysCommands
{
    public static Command Build(CliIo io)
    {
        var keys = new Command("keys", "Encryption keys (ids and dates only, never key material). / 加密密钥。");

        var status = new Command("status", "List the master key id and the monthly data keys. / 查看密钥状态。");
        status.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var result = await scope.Get<ManageKeysHandler>().StatusAsync(enterprise.Id, ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            scope.Out.WriteLine($"master key: {result.Value.MasterKeyId} (from {result.Value.MasterKeySource})");
            scope.Out.WriteLine($"{"id",4}  {"purpose",-10} {"month",-7}  {"master",-16}  {"created",-16}  {"rotated",-16}  status");
            foreach (var k in result.Value.DataKeys)
            {
                scope.Out.WriteLine($"{k.Id,4}  {k.Purpose,-10} {k.Month,-7}  {k.MasterKeyId,-16}  {Format(k.CreatedAt),-16}  {Format(k.RotatedAt),-16}  " +
                    (k.DestroyedAt is { } d ? $"destroyed {Format(d)}" : "active"));
            }

            return ExitCodes.Ok;
        }));

        var rotate = new Command("rotate", "Replace the master key and re-wrap every data key (records are not rewritten). / 轮换主密钥。");
        rotate.SetAction((parse, ct) => CliServices.RunAsync(parse, io, ct, async scope =>
        {
            var result = await scope.Get<ManageKeysHandler>().RotateAsync(scope.Actor, ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            var r = result.Value;
            scope.Out.WriteLine($"Master key rotated: {r.PreviousMasterKeyId} -> {r.NewMasterKeyId}; re-wrapped {r.DataKeysRewrapped} data key(s) and {r.BlindKeysRewrapped} blind-index key(s). / 主密钥已轮换。");
            if (r.NewKeyForEnvironment is not null)
            {
                scope.Out.WriteLine($"The master key comes from {KeyOptions.MasterKeyVariable}: set it to this new value before the next start (shown once):");
                scope.Out.WriteLine($"{KeyOptions.MasterKeyVariable}={r.NewKeyForEnvironment}");
            }

            return ExitCodes.Ok;
        }));

        keys.Subcommands.Add(status);
        keys.Subcommands.Add(rotate);
        return keys;
    }

    private static string Format(DateTimeOffset? instant) =>
        instant is { } i ? ChinaTime.ToChina(i).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-";
}
