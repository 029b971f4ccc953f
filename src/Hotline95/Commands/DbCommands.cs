using System.CommandLine;

namespace Hotline95.Commands;

internal static class DbCommands
{
    public static Command Build(CliIo io)
    {
        var db = new Command("db", "Database maintenance. / 数据库维护。");
        var migrate = new Command("migrate", "Apply pending migrations to the database given by --db (or HOTLINE95_DB). / 执行数据库迁移。");
        migrate.SetAction((parse, ct) => CliServices.RunAsync(parse, io, ct, scope =>
        {
            var applied = scope.Migration!.Applied;
            scope.Out.WriteLine(applied.Count == 0
                ? $"{scope.Migration.Database}: already up to date. / 数据库已是最新。"
                : $"{scope.Migration.Database}: applied {applied.Count} migration(s): {string.Join(", ", applied)}. / 已执行迁移。");
            if (scope.Migration.MasterKey == Hotline95.Core.Security.MasterKeyState.Created)
            {
                var store = scope.Get<Hotline95.Core.Security.MasterKeyStore>();
                scope.Out.WriteLine(store.InToken
                    ? $"Created the master key of this new installation in the {store.Location} (it cannot leave the token): back it up with the token's own procedure. / 已在硬件安全模块中创建主密钥，请按其备份流程备份。"
                    : "Created the master key of this new installation: split it into shares now (hotline95 keys export-shares --out DIR). / 已创建主密钥，请立即分片保管。");
            }

            return Task.FromResult(ExitCodes.Ok);
        }, createsDatabase: true));
        db.Subcommands.Add(migrate);
        return db;
    }
}
