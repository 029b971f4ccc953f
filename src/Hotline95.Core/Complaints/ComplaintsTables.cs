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
        e.Property(x => x.EscalationReason).HasMaxLength(Complaint.EscalationReasonLength);
        e.Property(x => x.EscalationPhrase).HasMaxLength(1000);
        e.Property(x => x.CreatedBy).HasMaxLength(128);
        e.HasIndex(x => new { x.EnterpriseId, x.Status, x.ResolveBy });
        e.HasIndex(x => new { x.EnterpriseId, x.ReceivedAt });
        e.HasIndex(x => x.CallerPhoneIndex);
        e.BelongsToEnterprise();
    }
}
