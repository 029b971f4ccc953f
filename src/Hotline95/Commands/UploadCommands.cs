using System.CommandLine;
using Hotline95.Core.Licensing.Uploads;

namespace Hotline95.Commands;

/// <summary>The upload store for the dossier's materials (lease, site photos, certificate, business licence, training).</summary>
internal static class UploadCommands
{
    public static Command Build(CliIo io)
    {
        var uploads = new Command("uploads", "Documents for the dossier and the inspection: PDF, JPEG or PNG up to 20 MB, encrypted. / 申请及核查材料。");

        var kind = new Option<string>("--kind") { Description = $"One of {string.Join(", ", UploadKinds.All)}", Required = true };
        var file = new Argument<string>("file") { Description = "The file to upload" };
        var note = new Option<string?>("--note") { Description = "What the document is" };
        var add = new Command("add", "Upload a document (audited with its SHA-256). / 上传材料。") { file, kind, note };
        add.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                io.Error.WriteLine($"hotline95: {path}: no such file; nothing was stored.");
                return ExitCodes.Usage;
            }

            await using var content = File.OpenRead(path);
            var stored = await scope.Get<UploadsHandler>().UploadAsync(new UploadRequest(enterprise.Id, parse.GetValue(kind), Path.GetFileName(path), content, parse.GetValue(note), scope.Actor), ct);
            if (!stored.IsSuccess)
            {
                return CliServices.Fail(io, stored.Error);
            }

            scope.Out.WriteLine($"{stored.Value.Id}  {stored.Value.Kind}  {stored.Value.FileName}  {stored.Value.Length:N0} bytes  sha256 {stored.Value.Sha256}");
            return ExitCodes.Ok;
        }));

        var list = new Command("list", "List the uploaded documents. / 材料列表。");
        list.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            foreach (var u in await scope.Get<UploadsHandler>().ListAsync(enterprise.Id, ct))
            {
                scope.Out.WriteLine($"{u.Id}  {u.Kind,-16} {u.FileName}  {u.Length:N0} bytes  {Core.Common.ChinaTime.ToChina(u.UploadedAt):yyyy-MM-dd}  {u.UploadedBy}  sha256 {u.Sha256}");
            }

            return ExitCodes.Ok;
        }));

        var getId = new Argument<Guid>("id");
        var getOut = new Option<string>("--out") { Description = "Where to write the document", Required = true };
        var get = new Command("get", "Write an uploaded document out (checked against its SHA-256). / 导出材料。") { getId, getOut };
        get.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var opened = await scope.Get<UploadsHandler>().OpenAsync(enterprise.Id, parse.GetValue(getId), ct);
            if (!opened.IsSuccess)
            {
                return CliServices.Fail(io, opened.Error);
            }

            await File.WriteAllBytesAsync(parse.GetValue(getOut)!, opened.Value.Content, ct);
            scope.Out.WriteLine($"{parse.GetValue(getOut)}: {opened.Value.View.FileName}, {opened.Value.Content.Length:N0} bytes");
            return ExitCodes.Ok;
        }));

        var deleteId = new Argument<Guid>("id");
        var delete = new Command("delete", "Delete an uploaded document for good (audited). / 删除材料。") { deleteId };
        delete.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var deleted = await scope.Get<UploadsHandler>().DeleteAsync(enterprise.Id, parse.GetValue(deleteId), scope.Actor, ct);
            if (!deleted.IsSuccess)
            {
                return CliServices.Fail(io, deleted.Error);
            }

            scope.Out.WriteLine($"deleted {deleted.Value.Kind} {deleted.Value.FileName} (sha256 {deleted.Value.Sha256})");
            return ExitCodes.Ok;
        }));

        uploads.Subcommands.Add(add);
        uploads.Subcommands.Add(list);
        uploads.Subcommands.Add(get);
        uploads.Subcommands.Add(delete);
        return uploads;
    }
}
