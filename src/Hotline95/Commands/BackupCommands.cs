using System.CommandLine;
using Hotline95.Core.Backup;
using Hotline95.Core.Data;

namespace Hotline95.Commands;

/// <summary>backup create / verify / restore: an operator's procedure, described in docs/operations.md.</summary>
internal static class BackupCommands
{
    public static Command Build(CliIo io)
    {
        var backup = new Command("backup", "Consistent backups of the installation (the master key is never inside). / 备份与恢复。");

        var outOption = new Option<string>("--out") { Description = "The backup file to write (.zip)", Required = true };
        var create = new Command("create", "Snapshot the database while the server runs, with recordings, calendar notices, settings and a manifest of SHA-256 sums. / 创建备份。") { outOption };
        create.SetAction((parse, ct) => CliServices.RunAsync(parse, io, ct, async scope =>
        {
            var result = await scope.Get<Backups>().CreateAsync(parse.GetValue(outOption)!, scope.Actor, ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            scope.Out.WriteLine($"Backup written: {Path.GetFullPath(parse.GetValue(outOption)!)} ({result.Value.Files.Count} files, audit head #{result.Value.AuditHeadSequence}, master key {result.Value.MasterKeyId}, which is not inside). / 备份完成。");
            return ExitCodes.Ok;
        }));

        var file = new Argument<string>("FILE") { Description = "A backup written by 'backup create'" };
        var verify = new Command("verify", "Check every file's sum and open a sample of records with the current master key. / 校验备份。") { file };
        verify.SetAction((parse, ct) => CliServices.RunAsync(parse, io, ct, async scope =>
        {
            var result = await scope.Get<Backups>().VerifyAsync(parse.GetValue(file)!, ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            scope.Out.WriteLine($"Backup intact: {result.Value.FilesChecked} files match their sums; {result.Value.RecordsOpened} records opened with master key {result.Value.Manifest.MasterKeyId}. / 备份完好。");
            return ExitCodes.Ok;
        }, database: false));

        var restoreFile = new Argument<string>("FILE") { Description = "A backup written by 'backup create'" };
        var restore = new Command("restore", "Restore into an empty installation, then purge what is past retention today, before anything is served. / 恢复备份。") { restoreFile };
        restore.SetAction((parse, ct) => CliServices.RunAsync(parse, io, ct, async scope =>
        {
            var result = await scope.Get<Backups>().RestoreAsync(parse.GetValue(restoreFile)!, scope.Actor, ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            scope.Out.WriteLine($"Restored the backup of {result.Value.Manifest.CreatedAt:yyyy-MM-dd HH:mm} UTC ({result.Value.Files} files). Retention applied as of today: {result.Value.PurgeSummary}. / 恢复完成，已按今日执行保存期限清理。");
            return ExitCodes.Ok;
        }, database: false));

        backup.Subcommands.Add(create);
        backup.Subcommands.Add(verify);
        backup.Subcommands.Add(restore);
        return backup;
    }
}
