using System.CommandLine;
using Hotline95.Core.Identity;

namespace Hotline95.Commands;

internal static class ApiKeyCommands
{
    public static Command Build(CliIo io)
    {
        var apikey = new Command("apikey", "Keys for systems (PBX, CRM) calling the API with the X-Api-Key header. / API密钥。");
        var name = new Option<string>("--name") { Description = "Which system uses the key, e.g. pbx", Required = true };
        var role = new Option<string?>("--role") { Description = $"The key's role (default Integration). One of: {RoleNames.All}" };
        var create = new Command("create", "Create a key; prints it once, stores only its hash. / 创建密钥（仅显示一次）。") { name, role };
        create.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var result = await scope.Get<CreateApiKeyHandler>().HandleAsync(
                new CreateApiKeyRequest(enterprise.Id, parse.GetValue(name)!, parse.GetValue(role), scope.Actor), ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            scope.Out.WriteLine($"Created API key '{result.Value.Name}' ({result.Value.Role}) for {enterprise.Slug}. Send it in the X-Api-Key header.");
            scope.Out.WriteLine($"key: {result.Value.Key}");
            scope.Out.WriteLine("The key is shown only this once; only its hash is stored. / 密钥仅显示一次。");
            return ExitCodes.Ok;
        }));
        var list = new Command("list", "List the keys: name, role, created, last used, a short hint (never the key). / 列出密钥。");
        list.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            scope.Out.WriteLine($"{"name",-20} {"role",-17} {"hint",-9} {"created",-16}  {"last used",-16}  status");
            foreach (var k in await scope.Get<ApiKeysHandler>().ListAsync(enterprise.Id, ct))
            {
                scope.Out.WriteLine($"{k.Name,-20} {k.Role,-17} {k.Hint + "…",-9} {Format(k.CreatedAt),-16}  {Format(k.LastUsedAt),-16}  {(k.RevokedAt is { } r ? $"revoked {Format(r)}" : "active")}");
            }

            return ExitCodes.Ok;
        }));

        var revokeName = new Argument<string>("NAME") { Description = "The key's name (every active key of that name) or id" };
        var revoke = new Command("revoke", "Revoke a key: refused from its next request on (audited). / 吊销密钥。") { revokeName };
        revoke.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var result = await scope.Get<ApiKeysHandler>().RevokeAsync(enterprise.Id, parse.GetValue(revokeName)!, scope.Actor, ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            foreach (var k in result.Value)
            {
                scope.Out.WriteLine($"Revoked API key '{k.Name}' ({k.Hint}…). / 已吊销。");
            }

            return ExitCodes.Ok;
        }));

        apikey.Subcommands.Add(create);
        apikey.Subcommands.Add(list);
        apikey.Subcommands.Add(revoke);
        return apikey;
    }

    private static string Format(DateTimeOffset? instant) =>
        instant is { } i ? Hotline95.Core.Common.ChinaTime.ToChina(i).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "-";
}
