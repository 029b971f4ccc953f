using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline95.Core.Security;

internal sealed class DataKeyConfiguration : IEntityTypeConfiguration<DataKey>
{
    public void Configure(EntityTypeBuilder<DataKey> e)
    {
        e.ToTable("data_keys");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedOnAdd();
        e.HasIndex(x => new { x.EnterpriseId, x.Purpose, x.Month }).IsUnique();
        e.Property(x => x.Purpose).HasMaxLength(16);
        e.Property(x => x.MasterKeyId).HasMaxLength(16);
        e.BelongsToEnterprise();
    }
}

internal sealed class BlindIndexKeyConfiguration : IEntityTypeConfiguration<BlindIndexKey>
{
    public void Configure(EntityTypeBuilder<BlindIndexKey> e)
    {
        e.ToTable("blind_index_keys");
        e.HasKey(x => x.EnterpriseId);
        e.Property(x => x.MasterKeyId).HasMaxLength(16);
        e.BelongsToEnterprise();
    }
}

internal sealed class AuditKeyConfiguration : IEntityTypeConfiguration<AuditKey>
{
    public void Configure(EntityTypeBuilder<AuditKey> e)
    {
        e.ToTable("audit_keys");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.HasIndex(x => x.FromSequence).IsUnique();
        e.Property(x => x.MasterKeyId).HasMaxLength(16);
    }
}
