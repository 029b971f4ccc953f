using Hotline95.Core.Data;
using Hotline95.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline95.Core.Roster;

internal sealed class SeatConfiguration : IEntityTypeConfiguration<Seat>
{
    public void Configure(EntityTypeBuilder<Seat> e)
    {
        e.ToTable("seats");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.EnterpriseId, x.Code }).IsUnique();
        e.Property(x => x.Code).HasMaxLength(32);
        e.Property(x => x.Location).HasMaxLength(200);
        e.Property(x => x.Equipment).HasMaxLength(200);
        e.BelongsToEnterprise();
        e.HasOne<UserAccount>().WithMany().HasForeignKey(x => x.AgentUserId).OnDelete(DeleteBehavior.SetNull);
    }
}
