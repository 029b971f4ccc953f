using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline95.Core.Monitoring;

internal sealed class DailyLineFiguresConfiguration : IEntityTypeConfiguration<DailyLineFigures>
{
    public void Configure(EntityTypeBuilder<DailyLineFigures> e)
    {
        e.ToTable("rollup_daily");
        e.HasKey(x => new { x.EnterpriseId, x.Line, x.Day, x.Shard });
        e.Property(x => x.Line).HasMaxLength(6);
        e.BelongsToEnterprise();
    }
}

internal sealed class HourlyLineVolumeConfiguration : IEntityTypeConfiguration<HourlyLineVolume>
{
    public void Configure(EntityTypeBuilder<HourlyLineVolume> e)
    {
        e.ToTable("rollup_hourly");
        e.HasKey(x => new { x.EnterpriseId, x.Line, x.Day, x.Hour, x.Shard });
        e.Property(x => x.Line).HasMaxLength(6);
        e.BelongsToEnterprise();
    }
}

internal sealed class MonitoringAlertConfiguration : IEntityTypeConfiguration<MonitoringAlert>
{
    public void Configure(EntityTypeBuilder<MonitoringAlert> e)
    {
        e.ToTable("monitoring_alerts");
        e.HasKey(x => x.Id);
        e.Property(x => x.Line).HasMaxLength(6);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.DedupKey).HasMaxLength(128);
        e.Property(x => x.Evidence).HasMaxLength(MonitoringAlert.EvidenceLength);
        e.Property(x => x.CallerMasked).HasMaxLength(32);
        e.Property(x => x.Handling).HasMaxLength(1000);
        e.Property(x => x.HandledBy).HasMaxLength(64);
        e.HasIndex(x => new { x.EnterpriseId, x.DedupKey }).IsUnique();
        e.HasIndex(x => new { x.EnterpriseId, x.RaisedAt });
        e.BelongsToEnterprise();
    }
}
