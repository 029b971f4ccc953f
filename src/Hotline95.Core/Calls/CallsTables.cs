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
        e.Property(x => x.Trunk).HasMaxLength(64);

        // Every index of calls leads with time, so that the rows of an import or of a day's traffic, written
        // together, land on the same index pages, and a purge removes contiguous runs: an index keyed by
        // something random (a source id, a blind index alone) costs a random page per row on both paths.
        //
        // Uniqueness of (enterprise, start, source system, source id) makes imports idempotent (a source id
        // alone is not unique over the years on every PBX), and the same index serves every date-range query.
        // On PostgreSQL a unique index must contain the partition key (StartedAt) anyway.
        e.HasIndex(x => new { x.EnterpriseId, x.StartedAt, x.SourceSystem, x.SourceId }).IsUnique();

        // Live CTI events find their call by the PBX's call id alone; only CTI rows need that lookup.
        e.HasIndex(x => new { x.EnterpriseId, x.SourceId }).HasFilter($"\"SourceSystem\" = '{ProcessCtiEventHandler.SourceSystem}'");

        // The blind index, bucketed by day: "this caller's calls" probes each day of the enterprise's call
        // history (FindCalls), a few hundred index seeks, while an import of a million rows touches only the
        // pages of the days it covers. The HMAC is keyed per enterprise, so it needs no enterprise column.
        e.HasIndex(x => new { x.StartedDay, x.CustomerNumberIndex });
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

internal sealed class FollowPositionConfiguration : IEntityTypeConfiguration<Import.FollowPosition>
{
    public void Configure(EntityTypeBuilder<Import.FollowPosition> e)
    {
        e.ToTable("follow_positions");
        e.HasKey(x => x.Id);
        e.Property(x => x.Kind).HasMaxLength(64);
        e.Property(x => x.Path).HasMaxLength(1000);
        e.Property(x => x.Head).HasMaxLength(64);
        e.HasIndex(x => new { x.EnterpriseId, x.Kind, x.Path }).IsUnique();
        e.BelongsToEnterprise();
    }
}
