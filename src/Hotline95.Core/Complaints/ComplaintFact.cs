using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline95.Core.Complaints;

/// <summary>
/// What a filing needs of a complaint once the complaint itself is purged: its line, category and the times of its
/// deadlines, answer and resolution; no personal data, no text. The retention purge writes it in the same transaction
/// as it deletes the complaint, so a year's figures stay the same after the year's complaints are gone (the annual
/// report is filed by 31 March, while complaints closed early in the year are purged from January).
/// </summary>
public sealed class ComplaintFact : ITenantScoped
{
    /// <summary>The purged complaint's id.</summary>
    public long Id { get; init; }
    public Guid EnterpriseId { get; init; }
    public required string Line { get; init; }
    public string? Category { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset RespondBy { get; init; }
    public DateTimeOffset ResolveBy { get; init; }
    public DateTimeOffset? RespondedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public DateTimeOffset PurgedAt { get; init; }
}

internal sealed class ComplaintFactConfiguration : IEntityTypeConfiguration<ComplaintFact>
{
    public void Configure(EntityTypeBuilder<ComplaintFact> e)
    {
        e.ToTable("complaint_facts");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Line).HasMaxLength(6);
        e.Property(x => x.Category).HasMaxLength(64);
        e.HasIndex(x => new { x.EnterpriseId, x.Line, x.ReceivedAt });
        e.BelongsToEnterprise();
    }
}
