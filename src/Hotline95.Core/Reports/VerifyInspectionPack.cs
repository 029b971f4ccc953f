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
/// chain (which must verify) for this enterprise. Entries are hashed as they are read, within limits; a name that appears
/// twice fails.
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
    public const string DuplicateEntry = "PACK_DUPLICATE_ENTRY";
    public const string TooLarge = "PACK_TOO_LARGE";
    public const string ManifestInvalid = "PACK_MANIFEST_INVALID";

    /// <summary>No entry of a pack is read beyond this: a pack holds at most a few dozen uploads of 20 MB.</summary>
    public const long MaxEntryBytes = Licensing.Uploads.UploadsHandler.MaxBytes + 1024 * 1024;

    /// <summary>Nor the whole pack's entries together (a zip bomb stops here).</summary>
    public const long MaxTotalBytes = 2L * 1024 * 1024 * 1024;

    public async Task<PackVerification> HandleAsync(Guid enterpriseId, Stream pack, CancellationToken ct = default)
    {
        // Each entry is hashed while it is read, up to a limit; a name that appears twice is itself a finding (a reader would
        // show one copy and the check another).
        var hashes = new Dictionary<string, (long Bytes, string Sha256)>(StringComparer.Ordinal);
        var problems = new List<PackProblem>();
        byte[]? json = null, text = null;
        long total = 0;
        try
        {
            using var zip = new ZipArchive(pack, ZipArchiveMode.Read, leaveOpen: true);
            foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
            {
                if (hashes.ContainsKey(entry.FullName))
                {
                    problems.Add(new PackProblem(DuplicateEntry, entry.FullName));
                    continue;
                }

                await using var stream = entry.Open();
                using var hasher = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
                using var kept = new MemoryStream();
                var buffer = new byte[81920];
                long length = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer, ct)) > 0)
                {
                    length += read;
                    total += read;
                    if (length > MaxEntryBytes || total > MaxTotalBytes)
                    {
                        return new PackVerification(false, null, null, 0, null, false, [.. problems, new PackProblem(TooLarge, entry.FullName)]);
                    }

                    hasher.AppendData(buffer, 0, read);
                    if (entry.FullName is PackManifest.JsonName or PackManifest.TextName)
                    {
                        kept.Write(buffer, 0, read);
                    }
                }

                hashes[entry.FullName] = (length, Convert.ToHexStringLower(hasher.GetHashAndReset()));
                if (entry.FullName == PackManifest.JsonName)
                {
                    json = kept.ToArray();
                }
                else if (entry.FullName == PackManifest.TextName)
                {
                    text = kept.ToArray();
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException)
        {
            return new PackVerification(false, null, null, 0, null, false, [new PackProblem(NotAZip, null)]);
        }

        if (json is null)
        {
            return new PackVerification(false, null, null, 0, null, false, [.. problems, new PackProblem(ManifestMissing, PackManifest.JsonName)]);
        }

        if (PackManifest.FromJson(json) is not { Files: not null } manifest || manifest.Files.Any(f => f?.Path is null || f.Sha256 is null)
            || manifest.Files.Select(f => f.Path).Distinct(StringComparer.Ordinal).Count() != manifest.Files.Count)
        {
            return new PackVerification(false, null, null, 0, null, false, [.. problems, new PackProblem(ManifestInvalid, PackManifest.JsonName)]);
        }

        var listed = manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            if (!hashes.TryGetValue(file.Path, out var found))
            {
                problems.Add(new PackProblem(FileMissing, file.Path));
            }
            else if (found.Bytes != file.Bytes || found.Sha256 != file.Sha256)
            {
                problems.Add(new PackProblem(FileChanged, file.Path));
            }
        }

        problems.AddRange(hashes.Keys.Where(k => !listed.ContainsKey(k) && k is not PackManifest.JsonName and not PackManifest.TextName).Order(StringComparer.Ordinal)
            .Select(k => new PackProblem(FileAdded, k)));
        var sha = PackManifest.Sha256(json);
        if (text is null || !text.AsSpan().SequenceEqual(manifest.ToText(sha)))
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
