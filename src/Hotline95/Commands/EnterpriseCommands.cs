using System.CommandLine;
using Hotline95.Core.Enterprises;

namespace Hotline95.Commands;

/// <summary>The enterprise profile the filings print (company block).</summary>
internal static class EnterpriseCommands
{
    public static Command Build(CliIo io)
    {
        var enterprise = new Command("enterprise", "The enterprise's profile. / 企业信息。");
        var name = new Option<string?>("--name") { Description = "Name as on the business licence" };
        var uscc = new Option<string?>("--uscc") { Description = "Unified social credit code (18 characters, checked)" };
        var address = new Option<string?>("--address") { Description = "Registered address (住所)" };
        var representative = new Option<string?>("--legal-representative") { Description = "Legal representative (法定代表人)" };
        var contact = new Option<string?>("--contact") { Description = "Contact person (联系人)" };
        var phone = new Option<string?>("--phone") { Description = "Contact telephone (联系电话)" };
        var profile = new Command("profile", "Show the profile, or change the items given (an empty value clears one; audited). / 查看或修改企业信息。")
            { name, uscc, address, representative, contact, phone };
        profile.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, e) =>
        {
            var handler = scope.Get<EnterpriseProfileHandler>();
            var request = new SetEnterpriseProfileRequest(e.Id, scope.Actor, parse.GetValue(name), parse.GetValue(uscc), parse.GetValue(address), parse.GetValue(representative),
                parse.GetValue(contact), parse.GetValue(phone));
            var changed = await handler.SetAsync(request, ct);
            if (!changed.IsSuccess)
            {
                return CliServices.Fail(io, changed.Error);
            }

            var view = changed.Value;
            foreach (var (label, value) in new[]
                     {
                         ("name / 企业名称", view.Name), ("uscc / 统一社会信用代码", view.Uscc), ("address / 住所", view.RegisteredAddress),
                         ("legal representative / 法定代表人", view.LegalRepresentative), ("contact / 联系人", view.ContactPerson), ("phone / 联系电话", view.ContactPhone),
                     })
            {
                scope.Out.WriteLine($"{label}: {value ?? "(not stated / 未填写)"}");
            }

            return ExitCodes.Ok;
        }));
        enterprise.Subcommands.Add(profile);
        return enterprise;
    }
}
