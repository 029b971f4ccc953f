using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline95.Core.Queues;

internal sealed class QueueCallConfiguration : IEntityTypeConfiguration<QueueCall>
{
    public void Configure(EntityTypeBuilder<QueueCall> e)
    {
        e.ToTable("queue_calls");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedOnAdd();
        e.Property(x => x.Line).HasMaxLength(6);
        e.Property(x => x.Queue).HasMaxLength(QueueEventRules.MaxName);
        e.Property(x => x.SourceSystem).HasMaxLength(16);
        e.Property(x => x.SourceId).HasMaxLength(QueueEventRules.MaxCallId);
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Agent).HasMaxLength(QueueEventRules.MaxName);
        e.Property(x => x.ExitEvent).HasMaxLength(32);

        // The events of a stay find it by the PBX's call id; the entry time makes a re-imported ENTERQUEUE the same stay.
        e.HasIndex(x => new { x.EnterpriseId, x.SourceSystem, x.SourceId, x.Queue, x.EnteredAt }).IsUnique();
        // The latest entry (the import's shortcut for new stays), retention purges: by enterprise, PBX and time.
        e.HasIndex(x => new { x.EnterpriseId, x.SourceSystem, x.EnteredAt });
        // A PBX restart resolves the stays still waiting: few rows, found without scanning the table (a partial index).
        e.HasIndex(x => new { x.EnterpriseId, x.SourceSystem, x.EnteredAt }).HasFilter($"\"State\" = '{QueueCallState.Waiting}'").HasDatabaseName("IX_queue_calls_waiting");
        e.BelongsToEnterprise();
    }
}

internal sealed class AgentIntervalConfiguration : IEntityTypeConfiguration<AgentInterval>
{
    public void Configure(EntityTypeBuilder<AgentInterval> e)
    {
        e.ToTable("queue_agent_intervals");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedOnAdd();
        e.Property(x => x.Agent).HasMaxLength(QueueEventRules.MaxName);
        e.Property(x => x.Queue).HasMaxLength(QueueEventRules.MaxName);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.SourceSystem).HasMaxLength(16);
        e.HasIndex(x => new { x.EnterpriseId, x.Agent, x.Queue, x.Kind, x.StartedAt }).IsUnique();
        // Each import batch reads the intervals still open or ended since its first event.
        e.HasIndex(x => new { x.EnterpriseId, x.EndedAt });
        e.BelongsToEnterprise();
    }
}

internal sealed class QueueHourFiguresConfiguration : IEntityTypeConfiguration<QueueHourFigures>
{
    public void Configure(EntityTypeBuilder<QueueHourFigures> e)
    {
        e.ToTable("rollup_queue_hourly");
        e.HasKey(x => new { x.EnterpriseId, x.Line, x.Queue, x.Day, x.Hour });
        e.Property(x => x.Line).HasMaxLength(6);
        e.Property(x => x.Queue).HasMaxLength(QueueEventRules.MaxName);
        e.BelongsToEnterprise();
    }
}

internal sealed class QueueAgentDayFiguresConfiguration : IEntityTypeConfiguration<QueueAgentDayFigures>
{
    public void Configure(EntityTypeBuilder<QueueAgentDayFigures> e)
    {
        e.ToTable("rollup_queue_agents");
        e.HasKey(x => new { x.EnterpriseId, x.Line, x.Queue, x.Agent, x.Day });
        e.Property(x => x.Line).HasMaxLength(6);
        e.Property(x => x.Queue).HasMaxLength(QueueEventRules.MaxName);
        e.Property(x => x.Agent).HasMaxLength(QueueEventRules.MaxName);
        e.BelongsToEnterprise();
    }
}
