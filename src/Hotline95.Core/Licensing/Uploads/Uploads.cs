using System.Security.Cryptography;
using Hotline95.Core.Audit;
using Hotline95.Core.Calls;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Licensing.Uploads;

public sealed record UploadView(Guid Id, string Kind, string FileName, string ContentType, long Length, string Sha256, string? Note, DateTimeOffset UploadedAt, string UploadedBy);

public sealed record UploadRequest(Guid EnterpriseId, string? Kind, string? FileName, Stream Content, string? Note, string Actor);

/// <summary>The kinds of document the dossier's materials and the inspection ask for.</summary>
public static class UploadKinds
{
    public const string Lease = "lease";
    public const string SitePhoto = "sitePhoto";
    public const string Certificate = "certificate";
    public const string BusinessLicence = "businessLicence";
    public const string Training = "training";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [Lease, SitePhoto, Certificate, BusinessLicence, Training, Other];
}

/// <summary>
/// The upload store for the dossier's materials: PDF, JPEG or PNG (sniffed, the name and declared type are never
/// trusted) up to <see cref="MaxBytes"/>, encrypted with <see cref="RecordingCipher"/> under a <c>documents</c> data key,
/// kept in the database (so in every backup and on every node) until a compliance officer deletes it. Uploads and
/// deletions are audited with the file's SHA-256.
/// </summary>
public sealed class UploadsHandler(Hotline95DbContext db, KeyRing keys, AuditLog audit, TimeProvider clock)
{
    public const int MaxBytes = 20 * 1024 * 1024;

    private static readonly (string Type, string Extension, byte[] Magic)[] Formats =
    [
        ("application/pdf", ".pdf", "%PDF-"u8.ToArray()),
        ("image/jpeg", ".jpg", [0xFF, 0xD8, 0xFF]),
        ("image/png", ".png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
    ];

    /// <summary>
    /// A file name safe in a zip, on any file system and in a log line: letters (any script), digits and <c>._-()（）</c>
    /// kept, everything else (separators, control and direction characters, <c>:*?"&lt;&gt;|</c>) replaced by '_', at most 120 characters.
    /// </summary>
    public static string SafeName(string name)
    {
        var kept = string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '(' or ')' or '（' or '）' ? c : '_')).Trim('.', '_');
        return kept.Length == 0 ? "file" : kept.Length > 120 ? kept[^120..] : kept;
    }

    public async Task<Result<UploadView>> UploadAsync(UploadRequest request, CancellationToken ct = default)
    {
        var kind = UploadKinds.All.FirstOrDefault(k => string.Equals(k, request.Kind?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (kind is null)
        {
            return Error.Validation("kind", "UPLOAD_KIND_UNKNOWN", ("value", request.Kind), ("allowed", UploadKinds.All));
        }

        var given = Path.GetFileName((request.FileName ?? "").Replace('\\', '/'));
        if (given.Length is 0 or > 255)
        {
            return Error.Validation("fileName", "UPLOAD_NAME_INVALID");
        }

        // Read at most one byte more than allowed: a larger file is refused without holding it whole.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Content.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                return Error.Validation("file", "UPLOAD_TOO_LARGE", ("file", SafeName(given)), ("maxMb", MaxBytes / 1024 / 1024));
            }
        }

        var plain = buffer.ToArray();
        var (type, extension, _) = Formats.FirstOrDefault(f => plain.AsSpan().StartsWith(f.Magic));
        if (type is null)
        {
            return Error.Validation("file", "UPLOAD_TYPE_REFUSED", ("file", SafeName(given)));
        }

        // The stored name is safe and ends as its content is: x.exe holding a PDF is kept as x.exe.pdf.
        var name = SafeName(given);
        if (!name.EndsWith(extension, StringComparison.OrdinalIgnoreCase) && !(extension == ".jpg" && name.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase)))
        {
            name += extension;
        }

        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7();
        var (keyId, key) = await keys.ForMonthAsync(request.EnterpriseId, DataKeyPurpose.Documents, KeyRing.MonthOf(now), ct);
        using var sealedContent = new MemoryStream();
        await RecordingCipher.EncryptAsync(new MemoryStream(plain), sealedContent, keyId, key, Context(request.EnterpriseId, id), ct);
        var upload = new DossierUpload
        {
            Id = id, EnterpriseId = request.EnterpriseId, Kind = kind, FileName = name, ContentType = type, Length = plain.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(plain)), Content = sealedContent.ToArray(), Note = request.Note?.Trim() is { Length: > 0 } note ? Text.Clip(note, 500) : null, UploadedAt = now,
            UploadedBy = request.Actor,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Uploads.Add(upload);
        await audit.SaveAndAppendAsync(db, request.EnterpriseId, request.Actor, AuditActions.DocumentUploaded, $"upload:{id}", $"{kind} {name} sha256={upload.Sha256}", ct);
        await tx.CommitAsync(ct);
        return View(upload);
    }

    public async Task<IReadOnlyList<UploadView>> ListAsync(Guid enterpriseId, CancellationToken ct = default) =>
        (await db.Uploads.AsNoTracking().Where(u => u.EnterpriseId == enterpriseId)
            .Select(u => new UploadView(u.Id, u.Kind, u.FileName, u.ContentType, u.Length, u.Sha256, u.Note, u.UploadedAt, u.UploadedBy)).ToListAsync(ct))
        .OrderBy(u => u.Kind, StringComparer.Ordinal).ThenBy(u => u.UploadedAt).ToList();

    /// <summary>The document's plaintext, checked against its recorded SHA-256.</summary>
    public async Task<Result<(UploadView View, byte[] Content)>> OpenAsync(Guid enterpriseId, Guid id, CancellationToken ct = default)
    {
        var upload = await db.Uploads.AsNoTracking().SingleOrDefaultAsync(u => u.EnterpriseId == enterpriseId && u.Id == id, ct);
        if (upload is null)
        {
            return Error.NotFound("UPLOAD_NOT_FOUND", ("id", id));
        }

        using var input = new MemoryStream(upload.Content);
        var key = await keys.ByIdAsync(RecordingCipher.KeyIdOf(input), ct)
            ?? throw new CryptographicException($"The data key of uploaded document {id} is gone.");
        using var output = new MemoryStream();
        await RecordingCipher.DecryptAsync(input, output, key, Context(enterpriseId, id), ct);
        var plain = output.ToArray();
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(plain)), upload.Sha256, StringComparison.Ordinal))
        {
            throw new CryptographicException($"Uploaded document {id} does not match its recorded SHA-256.");
        }

        return (View(upload), plain);
    }

    public async Task<Result<UploadView>> DeleteAsync(Guid enterpriseId, Guid id, string actor, CancellationToken ct = default)
    {
        var upload = await db.Uploads.SingleOrDefaultAsync(u => u.EnterpriseId == enterpriseId && u.Id == id, ct);
        if (upload is null)
        {
            return Error.NotFound("UPLOAD_NOT_FOUND", ("id", id));
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Uploads.Remove(upload);
        await audit.SaveAndAppendAsync(db, enterpriseId, actor, AuditActions.DocumentDeleted, $"upload:{id}", $"{upload.Kind} {upload.FileName} sha256={upload.Sha256}", ct);
        await tx.CommitAsync(ct);
        return View(upload);
    }

    private static string Context(Guid enterpriseId, Guid id) => $"upload:{enterpriseId:N}:{id:N}";

    private static UploadView View(DossierUpload u) => new(u.Id, u.Kind, u.FileName, u.ContentType, u.Length, u.Sha256, u.Note, u.UploadedAt, u.UploadedBy);
}
