using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline95.Core.Complaints;

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> e)
    {
        e.ToTable("complaints");
        e.HasKey(x => x.Id);
        e.Property(x => x.Line).HasMaxLength(6);
        e.Property(x => x.Category).HasMaxLength(64);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.EscalationReason).HasMaxLength(200);
        e.Property(x => x.CreatedBy).HasMaxLength(128);
        e.HasIndex(x => new { x.EnterpriseId, x.Status, x.ResolveBy });
        e.HasIndex(x => new { x.EnterpriseId, x.ReceivedAt });
        e.HasIndex(x => x.CallerPhoneIndex);
        e.BelongsToEnterprise();
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> e)
    {
        e.ToTable("notifications");
        e.HasKey(x => x.Id);
        e.Property(x => x.Role).HasMaxLength(32);
        e.Property(x => x.Kind).HasMaxLength(32);
        e.Property(x => x.Message).HasMaxLength(500);
        e.Property(x => x.Link).HasMaxLength(200);
        e.HasIndex(x => new { x.EnterpriseId, x.Role, x.CreatedAt });
        e.BelongsToEnterprise();
    }
}
