using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline95.Core.Service;

internal sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> e)
    {
        e.ToTable("tickets");
        e.HasKey(x => x.Id);
        e.Property(x => x.Line).HasMaxLength(6);
        e.Property(x => x.Category).HasMaxLength(64);
        e.Property(x => x.Step).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.AssignedTo).HasMaxLength(128);
        e.Property(x => x.OpenedBy).HasMaxLength(128);
        e.HasIndex(x => new { x.EnterpriseId, x.Step, x.OpenedAt });
        e.HasIndex(x => x.CustomerPhoneIndex);
        e.BelongsToEnterprise();
    }
}

internal sealed class TicketStepEntryConfiguration : IEntityTypeConfiguration<TicketStepEntry>
{
    public void Configure(EntityTypeBuilder<TicketStepEntry> e)
    {
        e.ToTable("ticket_steps");
        e.HasKey(x => x.Id);
        e.Property(x => x.Step).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.By).HasMaxLength(128);
        e.HasIndex(x => new { x.EnterpriseId, x.TicketId });
        e.HasOne<Ticket>().WithMany().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Cascade);
    }
}
