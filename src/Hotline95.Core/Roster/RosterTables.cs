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

internal sealed class AgentProfileConfiguration : IEntityTypeConfiguration<AgentProfile>
{
    public void Configure(EntityTypeBuilder<AgentProfile> e)
    {
        e.ToTable("roster_agents");
        e.HasKey(x => x.Id);
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.Employment).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.SocialInsuranceCity).HasMaxLength(50);
        e.HasIndex(x => new { x.EnterpriseId, x.Name });
        e.BelongsToEnterprise();
        e.HasOne<UserAccount>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AgentTrainingConfiguration : IEntityTypeConfiguration<AgentTraining>
{
    public void Configure(EntityTypeBuilder<AgentTraining> e)
    {
        e.ToTable("roster_trainings");
        e.HasKey(x => x.Id);
        e.Property(x => x.Topic).HasMaxLength(200);
        e.Property(x => x.FileName).HasMaxLength(200);
        e.Property(x => x.ContentType).HasMaxLength(100);
        e.HasIndex(x => x.AgentId);
        e.HasOne<AgentProfile>().WithMany().HasForeignKey(x => x.AgentId).OnDelete(DeleteBehavior.Cascade);
        e.BelongsToEnterprise();
    }
}
