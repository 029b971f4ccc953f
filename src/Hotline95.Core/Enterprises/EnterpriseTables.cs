using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline95.Core.Enterprises;

internal sealed class EnterpriseConfiguration : IEntityTypeConfiguration<Enterprise>
{
    public void Configure(EntityTypeBuilder<Enterprise> e)
    {
        e.ToTable("enterprises");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.Slug).IsUnique();
        e.Property(x => x.Slug).HasMaxLength(64);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Uscc).HasMaxLength(18);
        e.Property(x => x.RegisteredAddress).HasMaxLength(300);
        e.Property(x => x.LegalRepresentative).HasMaxLength(100);
        e.Property(x => x.ContactPerson).HasMaxLength(100);
        e.Property(x => x.ContactPhone).HasMaxLength(40);
    }
}

internal sealed class HotlineLineConfiguration : IEntityTypeConfiguration<HotlineLine>
{
    public void Configure(EntityTypeBuilder<HotlineLine> e)
    {
        e.ToTable("lines");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.EnterpriseId, x.Number }).IsUnique();
        e.Property(x => x.Number).HasMaxLength(6);
        e.Property(x => x.Name).HasMaxLength(200);
        e.BelongsToEnterprise();
    }
}
