using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline95.Core.Calls;

internal sealed class CallRecordConfiguration : IEntityTypeConfiguration<CallRecord>
{
    public void Configure(EntityTypeBuilder<CallRecord> e)
    {
        // On PostgreSQL the migration creates this table partitioned by month of started_at (see the
        // Calls migration); its primary key there is (Id, StartedAt), as partitioning requires.
        e.ToTable("calls");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedOnAdd();
        e.Property(x => x.Line).HasMaxLength(6);
        e.Property(x => x.Direction).HasConversion<string>().HasMaxLength(3);
        e.Property(x => x.Disposition).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Agent).HasMaxLength(64);
        e.Property(x => x.Queue).HasMaxLength(64);
        e.Property(x => x.HangupCause).HasMaxLength(64);
        e.Property(x => x.SourceSystem).HasMaxLength(16);
        e.Property(x => x.SourceId).HasMaxLength(128);
        e.HasIndex(x => new { x.EnterpriseId, x.SourceSystem, x.SourceId, x.StartedAt }).IsUnique();
        // The blind index is keyed per enterprise already, so the HMAC alone is selective: a short index
        // keeps bulk imports fast (its inserts land at random places).
        e.HasIndex(x => x.CustomerNumberIndex);
        e.Property(x => x.Trunk).HasMaxLength(64);
        e.HasIndex(x => new { x.EnterpriseId, x.StartedAt });
    }
}

internal sealed class BlockedCallerConfiguration : IEntityTypeConfiguration<BlockedCaller>
{
    public void Configure(EntityTypeBuilder<BlockedCaller> e)
    {
        e.ToTable("blocked_callers");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.EnterpriseId, x.NumberIndex }).IsUnique();
        e.Property(x => x.MaskedNumber).HasMaxLength(32);
        e.Property(x => x.Reason).HasMaxLength(500);
        e.Property(x => x.AddedBy).HasMaxLength(128);
        e.BelongsToEnterprise();
    }
}

internal sealed class CallRecordingConfiguration : IEntityTypeConfiguration<CallRecording>
{
    public void Configure(EntityTypeBuilder<CallRecording> e)
    {
        e.ToTable("call_recordings");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.EnterpriseId, x.CallId });
        e.Property(x => x.StoragePath).HasMaxLength(300);
        e.Property(x => x.FileName).HasMaxLength(200);
        e.Property(x => x.ContentType).HasMaxLength(100);
    }
}
