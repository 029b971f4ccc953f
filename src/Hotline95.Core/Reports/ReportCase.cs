using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline95.Core.Reports;

/// <summary>
/// One of up to three typical complaint cases a user writes for a line's annual report (典型案例): the case and how it was
/// handled, in the user's words, with no personal data (checked when saved).
/// </summary>
public sealed class ReportCase : ITenantScoped
{
    public long Id { get; init; }
    public Guid EnterpriseId { get; init; }
    public required string Line { get; init; }
    public int Year { get; init; }
    public int Ordinal { get; init; }
    public required string Text { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

internal sealed class ReportCaseConfiguration : IEntityTypeConfiguration<ReportCase>
{
    public void Configure(EntityTypeBuilder<ReportCase> e)
    {
        e.ToTable("report_cases");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.EnterpriseId, x.Line, x.Year, x.Ordinal }).IsUnique();
        e.Property(x => x.Line).HasMaxLength(6);
        e.Property(x => x.Text).HasMaxLength(1000);
        e.Property(x => x.UpdatedBy).HasMaxLength(200);
        e.BelongsToEnterprise();
    }
}
