using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline95.Core.Licensing.Uploads;

/// <summary>
/// A document the enterprise uploads for its dossier and inspection (lease, site photos, certificate, business licence,
/// training evidence): PDF, JPEG or PNG, encrypted like recordings (chunked AES-256-GCM under a data key of purpose
/// <c>documents</c>, which retention never destroys) and kept in the database, so every node and every backup has it.
/// Kept until a compliance officer deletes it.
/// </summary>
public sealed class DossierUpload : ITenantScoped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EnterpriseId { get; init; }
    public required string Kind { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public long Length { get; init; }
    /// <summary>SHA-256 of the plaintext, hex: what the inspection pack's manifest lists.</summary>
    public required string Sha256 { get; init; }
    public required byte[] Content { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset UploadedAt { get; init; }
    public required string UploadedBy { get; init; }
}

internal sealed class DossierUploadConfiguration : IEntityTypeConfiguration<DossierUpload>
{
    public void Configure(EntityTypeBuilder<DossierUpload> e)
    {
        e.ToTable("dossier_uploads");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.EnterpriseId, x.Kind });
        e.Property(x => x.Kind).HasMaxLength(40);
        e.Property(x => x.FileName).HasMaxLength(255);
        e.Property(x => x.ContentType).HasMaxLength(100);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.Note).HasMaxLength(500);
        e.Property(x => x.UploadedBy).HasMaxLength(200);
        e.BelongsToEnterprise();
    }
}
