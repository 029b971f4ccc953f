using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hotline95.Core.Data;
using Hotline95.Core.Reports;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Monitoring;

/// <summary>The inspection pack as evidence: every file hashed in a manifest whose hash is in the audit chain, and checked back.</summary>
public abstract class InspectionPackTests(DatabaseKind kind)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n租赁合同 lease-marker-7f3a");
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 1, 2, 3, 4];

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string kind, string name, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        form.Add(new StringContent(kind), "kind");
        return await client.PostAsync("/api/uploads", form);
    }

    [Fact]
    public async Task Uploads_AreSniffedEncryptedAuditedAndDeletedOnlyByAComplianceOfficer()
    {
        await using var app = await ReportTests.StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();
        var admin = await app.LoginAsAdminAsync();

        var lease = await UploadAsync(officer, "lease", "lease.pdf", Pdf);
        var fake = await UploadAsync(officer, "lease", "lease.pdf", Encoding.UTF8.GetBytes("not really a PDF"));
        var large = await UploadAsync(officer, "sitePhoto", "big.png", [.. Png, .. new byte[20 * 1024 * 1024]]);
        var badKind = await UploadAsync(officer, "passport", "p.png", Png);
        var id = (await lease.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var stored = await app.WithScopeAsync(s => s.GetRequiredService<Hotline95DbContext>().Uploads.AsNoTracking().SingleAsync(u => u.Id == id));
        var back = await officer.GetByteArrayAsync($"/api/uploads/{id}");
        var adminDelete = await admin.DeleteAsync($"/api/uploads/{id}");
        var officerDelete = await officer.DeleteAsync($"/api/uploads/{id}");
        var audit = await CliRunner.RunAsync(CliRunner.On(app.Database, "audit", "verify"));
        var log = await app.WithScopeAsync(s => s.GetRequiredService<Hotline95DbContext>().AuditEntries.AsNoTracking().Where(a => a.Target == $"upload:{id}").Select(a => a.Action).ToListAsync());

        Assert.Equal(HttpStatusCode.Created, lease.StatusCode);
        Assert.Contains("UPLOAD_TYPE_REFUSED", await fake.Content.ReadAsStringAsync());
        Assert.Contains("UPLOAD_TOO_LARGE", await large.Content.ReadAsStringAsync());
        Assert.Contains("UPLOAD_KIND_UNKNOWN", await badKind.Content.ReadAsStringAsync());
        Assert.Equal("application/pdf", stored.ContentType);
        Assert.DoesNotContain("lease-marker-7f3a", Encoding.UTF8.GetString(stored.Content));
        Assert.Equal(Pdf, back);
        Assert.Equal(HttpStatusCode.Forbidden, adminDelete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, officerDelete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/api/uploads/{id}")).StatusCode);
        Assert.Equal(["document.uploaded", "document.deleted"], log);
        Assert.Equal(0, audit.ExitCode);
    }

    [Fact]
    public async Task Pack_HoldsTheEvidenceWithAManifestInTheAuditChain_AndVerifyPackCatchesEveryChange()
    {
        await using var app = await ReportTests.StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(officer, "lease", "租赁合同.pdf", Pdf)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(officer, "sitePhoto", "现场.png", Png)).StatusCode);
        var call = (await officer.GetFromJsonAsync<JsonElement>("/api/calls?pageSize=1")).GetProperty("items").EnumerateArray().First().GetProperty("id").GetInt64();
        Assert.True((await officer.PostAsJsonAsync($"/api/calls/{call}/reveal", new { reason = "核实客户投诉" })).IsSuccessStatusCode);
        var path = Path.Combine(app.Database.DataDirectory, "pack.zip");

        // The CLI on the real clock: the pack covers the twelve months to yesterday, and the calls of January to March 2026 are past retention.
        var made = await CliRunner.RunAsync(CliRunner.On(app.Database, "report", "inspection", "--line", "95528", "--from", "2026-01-01", "--to", "2026-06-30", "--out", path));
        var verified = await CliRunner.RunAsync(CliRunner.On(app.Database, "report", "verify-pack", path));

        Assert.Equal(1, made.ExitCode);
        Assert.Contains("BLOCKING", made.Error);
        Assert.Equal(0, verified.ExitCode);
        Assert.Contains("valid", verified.Out);
        using (var zip = ZipFile.OpenRead(path))
        {
            string Read(string name)
            {
                using var reader = new StreamReader(zip.GetEntry(name)!.Open());
                return reader.ReadToEnd();
            }

            var names = zip.Entries.Select(e => e.FullName).ToHashSet();
            Assert.Superset(new HashSet<string>
            {
                "index.pdf", "manifest.json", "manifest.txt", "roster/seats.csv", "roster/agents.csv", "encryption/ciphertext-sample.csv", "encryption/keys.csv",
                "retention/policy.txt", "retention/purges.csv", "retention/state.txt", "audit/verification.txt", "audit/access-log.csv", "users/users.csv",
                "complaints/deadline-figures.csv",
            }, names);
            Assert.Contains(names, n => n.StartsWith("uploads/lease/", StringComparison.Ordinal) && n.EndsWith("租赁合同.pdf", StringComparison.Ordinal));
            Assert.Contains(names, n => n.StartsWith("uploads/sitePhoto/", StringComparison.Ordinal));
            var history = Assert.Single(names, n => n.StartsWith("complaints/history-", StringComparison.Ordinal));
            var historyText = Read(history);
            Assert.Contains("complaint.received", historyText);
            Assert.Contains("complaint.resolved", historyText);
            Assert.DoesNotContain("13800138000", historyText);
            Assert.DoesNotContain("张三丰", historyText);
            Assert.Contains($"call.revealed,call:{call}", Read("audit/access-log.csv").Replace("\"", "", StringComparison.Ordinal));
            Assert.Matches(@"内容 Summary: \S*来电：账单有误，来电 1\d\d\*+\d{4}", historyText);

            var manifest = JsonDocument.Parse(Read("manifest.json")).RootElement;
            Assert.Equal("Hotline95", manifest.GetProperty("generator").GetString());
            Assert.False(string.IsNullOrEmpty(manifest.GetProperty("generatorVersion").GetString()));
            Assert.Equal(names.Count - 2, manifest.GetProperty("files").GetArrayLength());
            var lease = manifest.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString()!.StartsWith("uploads/lease/", StringComparison.Ordinal));
            Assert.Equal(PackManifest.Sha256(Pdf), lease.GetProperty("sha256").GetString());
            Assert.Contains("users/users.csv", Read("manifest.txt"));
            Assert.Contains("calls_past_retention: 2400", Read("retention/state.txt"));
            Assert.Contains("Admin", Read("users/users.csv"));

            var index = await ReportTests.PdfTextAsync(Bytes(zip, "index.pdf"));
            Assert.Contains(ReportTests.Flat("超过保存期限的通话记录 2,400 条（最早 2026-01-01）"), ReportTests.Flat(index));
            Assert.Contains(ReportTests.Flat("保存的最早通话记录为 2026-01-01"), ReportTests.Flat(index));
        }

        // Tamper with a file, add one, or rewrite the manifest to match: each is caught.
        Assert.Contains(VerifyInspectionPackHandler.FileChanged, await TamperedAsync(app, path, zip => Replace(zip, "roster/seats.csv", "code,location,equipment\nA1,伪造,伪造\n")));
        Assert.Contains(VerifyInspectionPackHandler.FileAdded, await TamperedAsync(app, path, zip => Replace(zip, "extra.txt", "x")));
        Assert.Contains(VerifyInspectionPackHandler.DuplicateEntry, await TamperedAsync(app, path, zip =>
        {
            using var stream = zip.CreateEntry("roster/seats.csv").Open();
            stream.Write(Encoding.UTF8.GetBytes("code,location,equipment\nA1,伪造,伪造\n"));
        }));
        Assert.Contains(VerifyInspectionPackHandler.NotInAuditLog, await TamperedAsync(app, path, zip =>
        {
            Replace(zip, "roster/seats.csv", "code\n");
            var manifest = PackManifest.FromJson(Bytes(zip, "manifest.json"))!;
            var forged = manifest with { Files = manifest.Files.Select(f => f.Path == "roster/seats.csv" ? PackManifest.Entry(f.Path, Encoding.UTF8.GetBytes("code\n")) : f).ToList() };
            var json = forged.ToJson();
            Replace(zip, "manifest.json", json);
            Replace(zip, "manifest.txt", forged.ToText(PackManifest.Sha256(json)));
        }));
    }

    private static byte[] Bytes(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static void Replace(ZipArchive zip, string name, string content) => Replace(zip, name, Encoding.UTF8.GetBytes(content));

    private static void Replace(ZipArchive zip, string name, byte[] content)
    {
        zip.GetEntry(name)?.Delete();
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(content);
    }

    private static async Task<string> TamperedAsync(Hotline95AppFactory app, string original, Action<ZipArchive> change)
    {
        var copy = Path.Combine(app.Database.DataDirectory, $"tampered-{Guid.NewGuid():N}.zip");
        File.Copy(original, copy);
        using (var zip = ZipFile.Open(copy, ZipArchiveMode.Update))
        {
            change(zip);
        }

        var result = await CliRunner.RunAsync(CliRunner.On(app.Database, "report", "verify-pack", copy));
        Assert.Equal(1, result.ExitCode);
        return result.Out;
    }
}

public sealed class InspectionPackTestsOnSqlite() : InspectionPackTests(DatabaseKind.Sqlite);

public sealed class InspectionPackTestsOnPostgres() : InspectionPackTests(DatabaseKind.Postgres);
