using System.CommandLine;
using System.Globalization;
using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Security;
using Microsoft.EntityFrameworkCore;

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
            // From the environment the new key exists only in this process once the rotation commits: shown at once, before
            // the pass over keys made meanwhile, which may wait on the database.
            var result = await scope.Get<ManageKeysHandler>().RotateAsync(scope.Actor, committed: r =>
            {
                scope.Out.WriteLine($"Master key rotated: {r.PreviousMasterKeyId} -> {r.NewMasterKeyId}. / 主密钥已轮换。");
                if (r.NewKeyForEnvironment is not null)
                {
                    scope.Out.WriteLine($"The master key comes from {KeyOptions.MasterKeyVariable}: set it to this new value before the next start (shown once):");
                    scope.Out.WriteLine($"{KeyOptions.MasterKeyVariable}={r.NewKeyForEnvironment}");
                }

                scope.Out.Flush();
            }, ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            var r = result.Value;
            if (r.KeyFileFailure is { } keyFile)
            {
                io.Error.WriteLine($"The rotation is committed, but the new master key could not be made current on disk ({keyFile}): it stays in " +
                    $"master.key.next beside the previous key in master.key, and every process reads both. Run 'keys rotate' again once the key " +
                    $"directory is writable: it makes the new key current first. Do not delete either file. / " +
                    $"轮换已生效，但新主密钥未能替换为当前密钥文件：新密钥仍在 master.key.next，旧密钥仍在 master.key，各进程会同时读取。" +
                    $"请在密钥目录可写后再次运行 keys rotate，切勿删除其中任何一个文件。");
                return ExitCodes.Partial;
            }

            if (r.LateKeysFailure is { } late)
            {
                var keep = r.PreviousKeptAt is { } kept
                    ? $"it is kept at {kept}, which every process reads beside the new key"
                    : $"start every process with it as {KeyOptions.PreviousMasterKeyVariable} beside the new {KeyOptions.MasterKeyVariable}";
                var keepZh = r.PreviousKeptAt is { } keptZh
                    ? $"旧主密钥已保存在 {keptZh}，各进程会同时读取"
                    : $"请在设置新的 {KeyOptions.MasterKeyVariable} 的同时，把旧主密钥设为 {KeyOptions.PreviousMasterKeyVariable} 再启动各进程";
                io.Error.WriteLine($"The rotation is committed, but keys made by other processes while it ran could not be re-wrapped ({late}): " +
                    $"they may still need the previous master key {r.PreviousMasterKeyId}; {keep}. Run 'keys rotate' again once the database answers: " +
                    $"it re-wraps them and then no longer needs the previous key. / " +
                    $"轮换已生效，但轮换期间其他进程新建的密钥未能重新封装，可能仍需旧主密钥 {r.PreviousMasterKeyId}；{keepZh}。数据库恢复后请再次运行 keys rotate。");
                return ExitCodes.DatabaseFailed;
            }

            scope.Out.WriteLine($"Re-wrapped {r.DataKeysRewrapped} data key(s) and {r.BlindKeysRewrapped} blind-index key(s); records are not rewritten. / 已重新封装数据密钥。");
            if (r.PreviousKeptAt is { } left)
            {
                io.Error.WriteLine($"No stored key needs the previous master key any more, but {left} could not be removed: delete it. / 已无密钥需要旧主密钥，但未能删除 {left}，请手动删除。");
            }

            if (!string.IsNullOrWhiteSpace(io.Environment(KeyOptions.PreviousMasterKeyVariable)))
            {
                scope.Out.WriteLine($"Every stored key is under the new master key: unset {KeyOptions.PreviousMasterKeyVariable} on every process. / 所有密钥均已由新主密钥封装，请在各进程上删除 {KeyOptions.PreviousMasterKeyVariable}。");
            }

            return ExitCodes.Ok;
        }));

        var init = new Command("init", "Create the master key of a new installation (refused when one exists or the database holds keys). / 创建主密钥。");
        init.SetAction((parse, ct) => CliServices.RunAsync(parse, io, ct, async scope =>
        {
            var store = scope.Get<MasterKeyStore>();
            await using var db = await scope.Get<IDbContextFactory<Hotline95DbContext>>().CreateDbContextAsync(ct);
            var wrapped = await MasterKeyGuard.WrappedKeysAsync(db, ct);
            if (wrapped.Count > 0)
            {
                return CliServices.Fail(io, Error.Conflict("INSTALLATION_HAS_KEYS", ("count", wrapped.Count), ("masterKey", wrapped[0].MasterKeyId)));
            }

            var created = store.Create();
            if (!created.IsSuccess)
            {
                return CliServices.Fail(io, created.Error);
            }

            scope.Get<KeyRing>().Forget();
            await scope.Get<AuditLog>().AppendAsync(Guid.Empty, scope.Actor, AuditActions.MasterKeyCreated, $"master:{created.Value.Id}", "keys init", ct);
            scope.Out.WriteLine(store.InToken
                ? $"Master key {created.Value.Id} created in the {store.Location}, not extractable: back it up with the token's own procedure. / 主密钥已在硬件安全模块中创建。"
                : $"Master key {created.Value.Id} created at {store.KeyFile} (mode 0600). Split it into shares now: hotline95 keys export-shares --shares 5 --threshold 3 --out DIR / 主密钥已创建，请立即分片保管。");
            return ExitCodes.Ok;
        }, masterKey: MasterKeyCheck.VerifyOnly, createsDatabase: true));

        var doctor = new Command("doctor", "List stored keys the master key cannot open; remove those that seal no record (audited). / 检查并清理无法打开的密钥。");
        doctor.SetAction((parse, ct) => CliServices.RunAsync(parse, io, ct, async scope =>
        {
            var result = await scope.Get<KeyDoctorHandler>().HandleAsync(scope.Actor, ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            var r = result.Value;
            scope.Out.WriteLine($"master key {r.MasterKeyId}: {r.KeysChecked} stored key(s) checked, {r.Unreadable.Count} it cannot open. / 已检查 {r.KeysChecked} 个密钥。");
            foreach (var k in r.Unreadable)
            {
                scope.Out.WriteLine(k.Removed
                    ? $"  removed  {k.What}: wrapped by {k.MasterKeyId}, sealed no record / 已删除"
                    : $"  KEPT     {k.What}: wrapped by {k.MasterKeyId}, seals {k.Records} record(s) only that key can open / 保留：仍有 {k.Records} 条记录");
            }

            return r.Remaining == 0 ? ExitCodes.Ok : ExitCodes.Negative;
        }, masterKey: MasterKeyCheck.Skip));

        var sharesOption = new Option<int>("--shares") { Description = "How many shares (2–255)", DefaultValueFactory = _ => 5 };
        var thresholdOption = new Option<int>("--threshold") { Description = "How many shares rebuild the key (2–shares)", DefaultValueFactory = _ => 3 };
        var outOption = new Option<string>("--out") { Description = "A folder for the share files (created 0700; must not hold share files)", Required = true };
        var export = new Command("export-shares", "Split the master key into Shamir shares, one text file each, for different keepers. / 主密钥分片。") { sharesOption, thresholdOption, outOption };
        export.SetAction((parse, ct) => CliServices.RunAsync(parse, io, ct, async scope =>
        {
            var shares = parse.GetValue(sharesOption);
            var threshold = parse.GetValue(thresholdOption);
            if (threshold < 2 || threshold > shares || shares > 255)
            {
                return CliServices.Fail(io, Error.Validation("--threshold", "SHARES_INVALID", ("shares", shares), ("threshold", threshold)));
            }

            if (scope.Get<MasterKeyStore>().RefuseInToken("keys export-shares") is { } inToken)
            {
                return CliServices.Fail(io, inToken);
            }

            var master = scope.Get<KeyRing>().Master();
            if (!master.IsSuccess)
            {
                return CliServices.Fail(io, master.Error);
            }

            var folder = Path.GetFullPath(parse.GetValue(outOption)!);
            var split = Shamir.Split(master.Value, shares, threshold);
            var files = split.Select(s => Path.Combine(folder, $"hotline95-master-{s.KeyCheck}-share-{s.Index}-of-{s.Shares}.txt")).ToList();
            if (files.FirstOrDefault(File.Exists) is { } existing)
            {
                return CliServices.Fail(io, Error.Conflict("SHARES_EXIST", "--out", ("folder", existing)));
            }

            MasterKeyStore.CreatePrivateDirectory(folder);
            foreach (var (share, file) in split.Zip(files))
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                await using var writer = new StreamWriter(new FileStream(file, options));
                await writer.WriteAsync(share.ToText());
            }

            await scope.Get<AuditLog>().AppendAsync(Guid.Empty, scope.Actor, AuditActions.MasterKeySharesExported,
                $"master:{master.Value.Id}", $"shares={shares} threshold={threshold} folder={folder}", ct);
            scope.Out.WriteLine($"{shares} shares of master key {master.Value.Id} written to {folder}; any {threshold} rebuild it (hotline95 keys recover FILE…). " +
                $"Print each and give it to a different keeper, then delete the files. / 已生成 {shares} 个分片，任意 {threshold} 个可恢复主密钥。");
            foreach (var file in files)
            {
                scope.Out.WriteLine($"  {file}");
            }

            return ExitCodes.Ok;
        }));

        var shareFiles = new Argument<string[]>("SHARE_FILE") { Description = "Share files (at least the threshold)", Arity = ArgumentArity.OneOrMore };
        var recover = new Command("recover", "Rebuild the master key from its shares and install it as <data>/keys/master.key. / 由分片恢复主密钥。") { shareFiles };
        recover.SetAction((parse, ct) => CliServices.RunAsync(parse, io, ct, async scope =>
        {
            var shares = new List<KeyShare>();
            foreach (var file in parse.GetValue(shareFiles)!)
            {
                string text;
                try
                {
                    text = await File.ReadAllTextAsync(file, ct);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    return CliServices.Fail(io, Error.Validation("SHARE_FILE", "SHARE_UNREADABLE", ("file", file), ("cause", ex.Message)));
                }

                var share = KeyShare.Parse(text, file);
                if (!share.IsSuccess)
                {
                    return CliServices.Fail(io, share.Error);
                }

                shares.Add(share.Value);
            }

            var key = Shamir.Combine(shares);
            if (!key.IsSuccess)
            {
                return CliServices.Fail(io, key.Error);
            }

            await using var db = await scope.Get<IDbContextFactory<Hotline95DbContext>>().CreateDbContextAsync(ct);
            var wrapped = await MasterKeyGuard.WrappedKeysAsync(db, ct);
            if (wrapped.Count > 0 && wrapped.All(w => w.MasterKeyId != key.Value.Id))
            {
                return CliServices.Fail(io, Error.Validation("SHARE_FILE", "SHARES_OTHER_KEY", ("masterKey", key.Value.Id), ("installation", wrapped.Select(w => w.MasterKeyId).Distinct().ToList())));
            }

            var installed = scope.Get<MasterKeyStore>().Install(key.Value.Material);
            if (!installed.IsSuccess)
            {
                return CliServices.Fail(io, installed.Error);
            }

            scope.Get<KeyRing>().Forget();
            await scope.Get<AuditLog>().AppendAsync(Guid.Empty, scope.Actor, AuditActions.MasterKeyRecovered,
                $"master:{key.Value.Id}", $"from {shares.Count} share(s) of {shares[0].Shares} (threshold {shares[0].Threshold})", ct);
            scope.Out.WriteLine($"Master key {key.Value.Id} rebuilt from {shares.Count} share(s) and written to {scope.Get<MasterKeyStore>().KeyFile} (mode 0600). / 主密钥已恢复。");
            return ExitCodes.Ok;
        }, masterKey: MasterKeyCheck.Skip, createsDatabase: true)); // it checks the rebuilt key against the stored keys itself

        keys.Subcommands.Add(status);
        keys.Subcommands.Add(rotate);
        keys.Subcommands.Add(init);
        keys.Subcommands.Add(doctor);
        keys.Subcommands.Add(export);
        keys.Subcommands.Add(recover);
        return keys;
    }

    private static string Format(DateTimeOffset? instant) =>
        instant is { } i ? ChinaTime.ToChina(i).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-";
}
