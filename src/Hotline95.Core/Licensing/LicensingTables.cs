using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline95.Core.Licensing;

internal sealed class StoredDossierConfiguration : IEntityTypeConfiguration<StoredDossier>
{
    public void Configure(EntityTypeBuilder<StoredDossier> e)
    {
        e.ToTable("dossiers");
        e.HasKey(x => x.Id);
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Number).HasMaxLength(8);
        e.Property(x => x.CertificateNumber).HasMaxLength(64);
        e.Property(x => x.UpdatedBy).HasMaxLength(64);
        e.HasIndex(x => new { x.EnterpriseId, x.Title });
        e.BelongsToEnterprise();
    }
}

internal sealed class PublishedPolicyConfiguration : IEntityTypeConfiguration<PublishedPolicy>
{
    public void Configure(EntityTypeBuilder<PublishedPolicy> e)
    {
        e.ToTable("licence_policies");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasMaxLength(64);
        e.Property(x => x.PublishedBy).HasMaxLength(64);
    }
}

internal sealed class LicenceApplicationConfiguration : IEntityTypeConfiguration<LicenceApplication>
{
    public void Configure(EntityTypeBuilder<LicenceApplication> e)
    {
        e.ToTable("licence_applications");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.EnterpriseId, x.DossierId });
        e.HasOne<StoredDossier>().WithMany().HasForeignKey(x => x.DossierId).OnDelete(DeleteBehavior.Cascade);
        e.BelongsToEnterprise();
    }
}

internal sealed class CorrectionNoticeConfiguration : IEntityTypeConfiguration<CorrectionNotice>
{
    public void Configure(EntityTypeBuilder<CorrectionNotice> e)
    {
        e.ToTable("licence_correction_notices");
        e.HasKey(x => x.Id);
        e.Property(x => x.Text).HasMaxLength(4000);
        e.Property(x => x.Codes).HasMaxLength(2000);
        e.HasIndex(x => x.ApplicationId);
        e.HasOne<LicenceApplication>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        e.BelongsToEnterprise();
    }
}

internal sealed class LicenceTaskConfiguration : IEntityTypeConfiguration<LicenceTask>
{
    public void Configure(EntityTypeBuilder<LicenceTask> e)
    {
        e.ToTable("licence_tasks");
        e.HasKey(x => x.Id);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.TitlePhrase).HasMaxLength(1000);
        e.Property(x => x.Detail).HasMaxLength(2000);
        e.Property(x => x.DetailPhrase).HasMaxLength(4000);
        e.Property(x => x.DoneBy).HasMaxLength(64);
        e.Property(x => x.RemindersSent).HasMaxLength(200);
        e.HasIndex(x => new { x.EnterpriseId, x.DueOn });
        e.HasOne<StoredDossier>().WithMany().HasForeignKey(x => x.DossierId).OnDelete(DeleteBehavior.Cascade);
        e.BelongsToEnterprise();
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> e)
    {
        e.ToTable("licence_calendar_feeds");
        e.HasKey(x => x.EnterpriseId);
        e.Property(x => x.TokenHash).HasMaxLength(64);
        e.HasIndex(x => x.TokenHash).IsUnique();
        e.BelongsToEnterprise();
    }
}
