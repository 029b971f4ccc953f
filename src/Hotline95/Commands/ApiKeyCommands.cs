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
        apikey.Subcommands.Add(create);
        return apikey;
    }
}
