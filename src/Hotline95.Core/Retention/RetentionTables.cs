using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline95.Core.Retention;

internal sealed class LegalHoldConfiguration : IEntityTypeConfiguration<LegalHold>
{
    public void Configure(EntityTypeBuilder<LegalHold> e)
    {
        e.ToTable("legal_holds");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.EnterpriseId, x.CallId });
        e.Property(x => x.Source).HasMaxLength(64);
        e.Property(x => x.Reason).HasMaxLength(500);
        e.Property(x => x.HeldBy).HasMaxLength(128);
        e.Property(x => x.ReleasedBy).HasMaxLength(128);
        e.BelongsToEnterprise();
    }
}

internal sealed class PurgeRunConfiguration : IEntityTypeConfiguration<PurgeRun>
{
    public void Configure(EntityTypeBuilder<PurgeRun> e)
    {
        e.ToTable("purge_runs");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.EnterpriseId, x.RanAt });
        e.Property(x => x.KeysDestroyed).HasMaxLength(2000);
        e.Property(x => x.RanBy).HasMaxLength(128);
        e.BelongsToEnterprise();
    }
}
