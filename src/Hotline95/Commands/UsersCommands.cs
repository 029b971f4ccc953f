using System.CommandLine;
using Hotline95.Core.Identity;

namespace Hotline95.Commands;

internal static class UsersCommands
{
    public static Command Build(CliIo io)
    {
        var users = new Command("users", "People who sign in to the platform. / 用户管理。");

        var name = new Option<string>("--name") { Description = "Login name (letters, digits, . - _)", Required = true };
        var role = new Option<string>("--role") { Description = $"One of: {RoleNames.All}", Required = true };
        var display = new Option<string?>("--display-name") { Description = "Name shown in the UI, e.g. 王晓丽" };
        var add = new Command("add", "Add a user; prints a generated password once. / 添加用户并生成密码。") { name, role, display };
        add.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var result = await scope.Get<AddUserHandler>().HandleAsync(
                new AddUserRequest(enterprise.Id, parse.GetValue(name)!, parse.GetValue(display), parse.GetValue(role)!, scope.Actor), ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            scope.Out.WriteLine($"Added {result.Value.User.UserName} ({result.Value.User.Role}) to {enterprise.Slug}. / 已添加用户。");
            scope.Out.WriteLine($"password: {result.Value.Password}");
            scope.Out.WriteLine("The password is shown only this once. / 密码仅显示一次。");
            return ExitCodes.Ok;
        }));

        var list = new Command("list", "List users and their roles. / 列出用户。");
        list.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            foreach (var user in await scope.Get<ListUsersHandler>().HandleAsync(enterprise.Id, ct))
            {
                scope.Out.WriteLine($"{user.UserName,-20} {user.Role,-18} {user.DisplayName}{(user.Locked ? "  [locked]" : "")}{Telephony(user, "  ")}");
            }

            return ExitCodes.Ok;
        }));

        var userArg = new Argument<string>("NAME") { Description = "Login name" };
        var roleArg = new Argument<string>("ROLE") { Description = $"One of: {RoleNames.All}" };
        var setRole = new Command("set-role", "Change a user's role (audited). / 修改用户角色。") { userArg, roleArg };
        setRole.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var result = await scope.Get<SetUserRoleHandler>().HandleAsync(
                new SetUserRoleRequest(enterprise.Id, parse.GetValue(userArg)!, parse.GetValue(roleArg)!, scope.Actor), ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            scope.Out.WriteLine($"{result.Value.UserName} is now {result.Value.Role}. / 角色已更新。");
            return ExitCodes.Ok;
        }));

        var resetName = new Argument<string>("NAME") { Description = "Login name" };
        var reset = new Command("reset-password", "Give a user a new generated password and lift a lockout (audited). / 重置密码。") { resetName };
        reset.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var result = await scope.Get<ResetPasswordHandler>().HandleAsync(new ResetPasswordRequest(enterprise.Id, parse.GetValue(resetName)!, scope.Actor), ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            scope.Out.WriteLine($"New password for {result.Value.User.UserName} (shown once / 仅显示一次):");
            scope.Out.WriteLine($"password: {result.Value.Password}");
            return ExitCodes.Ok;
        }));

        var disable = EnableCommand(io, "disable", false, "Disable an account: it cannot sign in and its sessions end at once (audited). / 停用账户。");
        var enable = EnableCommand(io, "enable", true, "Enable a disabled account again (audited). / 启用账户。");

        var telephonyName = new Argument<string>("NAME") { Description = "Login name" };
        var pbxName = new Option<string?>("--pbx-name") { Description = "The user's name on the PBX, as CTI events name agents in 'user' (\"\" clears it)" };
        var extension = new Option<string?>("--extension") { Description = "The user's extension, as CTI events name it in 'user' or 'answeringNumber' (\"\" clears it)" };
        var clear = new Option<bool>("--clear") { Description = "Clear both" };
        var telephony = new Command("set-telephony",
            "Set whom the PBX means by this user: the desk rings the users its CTI events name (audited). / 设置用户的交换机用户名和分机号。")
            { telephonyName, pbxName, extension, clear };
        telephony.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var setsName = parse.GetResult(pbxName) is { Implicit: false };
            var setsExtension = parse.GetResult(extension) is { Implicit: false };
            var clears = parse.GetValue(clear);
            if (clears == (setsName || setsExtension))
            {
                io.Error.WriteLine("Give --pbx-name and/or --extension, or --clear alone. / 请指定 --pbx-name、--extension 或单独使用 --clear。");
                return ExitCodes.Usage;
            }

            var name = parse.GetValue(telephonyName)!;
            var current = (await scope.Get<ListUsersHandler>().HandleAsync(enterprise.Id, ct)).FirstOrDefault(u => u.UserName == name);
            var result = await scope.Get<SetUserTelephonyHandler>().HandleAsync(new SetUserTelephonyRequest(enterprise.Id, name,
                clears ? null : setsName ? parse.GetValue(pbxName) : current?.PbxName,
                clears ? null : setsExtension ? parse.GetValue(extension) : current?.Extension, scope.Actor), ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            scope.Out.WriteLine(result.Value.PbxName is null && result.Value.Extension is null
                ? $"{result.Value.UserName} has no PBX identity: the desk rings it only for calls that name nobody. / 已清除。"
                : $"{result.Value.UserName}:{Telephony(result.Value, " ")}. / 已设置。");
            return ExitCodes.Ok;
        }));

        users.Subcommands.Add(add);
        users.Subcommands.Add(disable);
        users.Subcommands.Add(enable);
        users.Subcommands.Add(list);
        users.Subcommands.Add(setRole);
        users.Subcommands.Add(reset);
        users.Subcommands.Add(telephony);
        return users;
    }

    private static string Telephony(UserView user, string lead) =>
        (user.PbxName is null ? "" : $"{lead}pbx={user.PbxName}") + (user.Extension is null ? "" : $"{lead}ext={user.Extension}");

    private static Command EnableCommand(CliIo io, string name, bool enabled, string description)
    {
        var userName = new Argument<string>("NAME") { Description = "Login name" };
        var command = new Command(name, description) { userName };
        command.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var result = await scope.Get<SetUserEnabledHandler>().HandleAsync(new SetUserEnabledRequest(enterprise.Id, parse.GetValue(userName)!, enabled, scope.Actor), ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            scope.Out.WriteLine($"{result.Value.UserName} is {(enabled ? "enabled / 已启用" : "disabled; its sessions have ended / 已停用")}.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
