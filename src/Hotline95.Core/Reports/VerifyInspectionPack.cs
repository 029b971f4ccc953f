using System.IO.Compression;
using Hotline95.Core.Audit;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Reports;

/// <summary>What <c>verify-pack</c> found: each problem as a code and the file it concerns.</summary>
public sealed record PackProblem(string Code, string? Path);

public sealed record PackVerification(bool Valid, string? ManifestSha256, PackManifest? Manifest, int FilesChecked, long? AuditSequence, bool AuditChainIntact, IReadOnlyList<PackProblem> Problems);

/// <summary>
/// Checks an inspection pack as a reviewer would: every file's SHA-256 against the manifest, no file missing or added,
/// the text manifest agreeing with the JSON one, and the manifest's own SHA-256 recorded in this installation's audit
/// chain (which must verify) for this enterprise.
/// </summary>
public sealed class VerifyInspectionPackHandler(Hotline95DbContext db, VerifyAuditLogHandler verify)
{
    public const string NotAZip = "PACK_NOT_A_ZIP";
    public const string ManifestMissing = "PACK_MANIFEST_MISSING";
    public const string FileChanged = "PACK_FILE_CHANGED";
    public const string FileMissing = "PACK_FILE_MISSING";
    public const string FileAdded = "PACK_FILE_ADDED";
    public const string TextManifestDiffers = "PACK_TEXT_MANIFEST_DIFFERS";
    public const string NotInAuditLog = "PACK_NOT_IN_AUDIT_LOG";
    public const string AuditChainBroken = "PACK_AUDIT_CHAIN_BROKEN";

    public async Task<PackVerification> HandleAsync(Guid enterpriseId, Stream pack, CancellationToken ct = default)
    {
        Dictionary<string, byte[]> files;
        try
        {
            using var zip = new ZipArchive(pack, ZipArchiveMode.Read, leaveOpen: true);
            files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
            {
                await using var stream = entry.Open();
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, ct);
                files[entry.FullName] = buffer.ToArray();
            }
        }
        catch (InvalidDataException)
        {
            return new PackVerification(false, null, null, 0, null, false, [new PackProblem(NotAZip, null)]);
        }

        if (!files.TryGetValue(PackManifest.JsonName, out var json) || PackManifest.FromJson(json) is not { } manifest)
        {
            return new PackVerification(false, null, null, 0, null, false, [new PackProblem(ManifestMissing, PackManifest.JsonName)]);
        }

        var problems = new List<PackProblem>();
        var listed = manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            if (!files.TryGetValue(file.Path, out var content))
            {
                problems.Add(new PackProblem(FileMissing, file.Path));
            }
            else if (content.Length != file.Bytes || PackManifest.Sha256(content) != file.Sha256)
            {
                problems.Add(new PackProblem(FileChanged, file.Path));
            }
        }

        problems.AddRange(files.Keys.Where(k => !listed.ContainsKey(k) && k is not PackManifest.JsonName and not PackManifest.TextName).Order(StringComparer.Ordinal)
            .Select(k => new PackProblem(FileAdded, k)));
        var sha = PackManifest.Sha256(json);
        if (!files.TryGetValue(PackManifest.TextName, out var text) || !text.AsSpan().SequenceEqual(manifest.ToText(sha)))
        {
            problems.Add(new PackProblem(TextManifestDiffers, PackManifest.TextName));
        }

        var needle = $"manifest-sha256={sha} ";
        var recorded = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EnterpriseId == enterpriseId && a.Action == AuditActions.InspectionPackGenerated && a.Details.StartsWith(needle))
            .Select(a => (long?)a.Sequence).FirstOrDefaultAsync(ct);
        if (recorded is null)
        {
            problems.Add(new PackProblem(NotInAuditLog, PackManifest.JsonName));
        }

        var chain = await verify.HandleAsync(ct);
        if (!chain.Intact)
        {
            problems.Add(new PackProblem(AuditChainBroken, null));
        }

        return new PackVerification(problems.Count == 0, sha, manifest, manifest.Files.Count, recorded, chain.Intact, problems);
    }
}
