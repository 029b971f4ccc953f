using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline95.Core.Identity;

internal sealed class UserAccountConfiguration : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> e)
    {
        e.ToTable("users");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.UserName).IsUnique();
        e.HasIndex(x => x.EnterpriseId);
        e.Property(x => x.UserName).HasMaxLength(64);
        e.Property(x => x.DisplayName).HasMaxLength(200);
        e.Property(x => x.Role).HasConversion<string>().HasMaxLength(32);
        // The desk finds whom a call rings by these; NULLs (not set) never collide, on either provider.
        e.Property(x => x.PbxName).HasMaxLength(UserTelephony.MaxPbxName);
        e.Property(x => x.Extension).HasMaxLength(UserTelephony.MaxExtension);
        e.HasIndex(x => new { x.EnterpriseId, x.PbxName }).IsUnique();
        e.HasIndex(x => new { x.EnterpriseId, x.Extension }).IsUnique();
        e.BelongsToEnterprise();
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> e)
    {
        e.ToTable("api_keys");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.KeyHash).IsUnique();
        e.HasIndex(x => x.EnterpriseId);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.KeyHash).HasMaxLength(64);
        e.Property(x => x.Hint).HasMaxLength(16);
        e.Property(x => x.Role).HasConversion<string>().HasMaxLength(32);
        e.BelongsToEnterprise();
    }
}
