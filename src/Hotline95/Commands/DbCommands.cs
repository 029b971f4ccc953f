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
            return Task.FromResult(ExitCodes.Ok);
        }));
        db.Subcommands.Add(migrate);
        return db;
    }
}
