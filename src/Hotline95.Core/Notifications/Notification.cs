using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline95.Core.Notifications;

/// <summary>An in-app notice for everyone of a role in an enterprise (Supervisors get escalations, Compliance officers red lines).</summary>
public sealed class Notification : ITenantScoped
{
    public long Id { get; init; }
    public Guid EnterpriseId { get; init; }
    public required string Role { get; init; }
    /// <summary>What the notice says, as a code (<see cref="NoticeKinds"/>).</summary>
    public required string Kind { get; init; }
    /// <summary>Its arguments (<see cref="Common.PhraseJson"/>); null only on notices written before notices were codes.</summary>
    public string? Arguments { get; init; }
    /// <summary>
    /// The text of a notice written before notices were codes (both languages in one string). Since, the kind and its
    /// values untranslated ("complaint.escalated (id: 42, …)"), which only a node of the version before reads during a
    /// rolling upgrade: this version writes the notice from <see cref="Arguments"/>.
    /// </summary>
    public string Message { get; init; } = "";
    public string? Link { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
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
