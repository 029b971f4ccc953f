using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline95.Core.Compliance;

/// <summary>
/// An outbound campaign from a 95 line (回访, 提醒): its name and agent script are scanned when it is
/// registered; one that fails the scan is held, and the red line it would cross is raised.
/// </summary>
public sealed class OutboundCampaign : ITenantScoped
{
    public long Id { get; init; }
    public Guid EnterpriseId { get; init; }
    public required string Line { get; init; }
    public required string Name { get; init; }
    public required string Script { get; init; }
    public bool Held { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed record RegisterCampaignRequest(Guid EnterpriseId, string? Line, string? Name, string? Script, string Actor);

public sealed record CampaignView(long Id, string Line, string Name, bool Held, IReadOnlyList<ScanFinding> Findings, long? RedLineAlertId);

public sealed class OutboundCampaignsHandler(Hotline95DbContext db, ComplianceLexiconHandler lexicon, RedLineAlertsHandler redLines, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<CampaignView>> RegisterAsync(RegisterCampaignRequest request, CancellationToken ct = default)
    {
        var line = (request.Line ?? "").Trim();
        if (!await db.Lines.AnyAsync(l => l.EnterpriseId == request.EnterpriseId && l.Number == line, ct))
        {
            return Enterprises.LineErrors.Unknown(request.Line);
        }

        if (string.IsNullOrWhiteSpace(request.Name) || string.IsNullOrWhiteSpace(request.Script))
        {
            return Error.Validation(string.IsNullOrWhiteSpace(request.Name) ? "name" : "script", "CAMPAIGN_INCOMPLETE");
        }

        if (request.Name.Trim().Length > 200 || request.Script.Trim().Length > 20_000)
        {
            return Error.Validation(request.Name.Trim().Length > 200 ? "name" : "script", "CAMPAIGN_TOO_LONG");
        }

        var scan = await lexicon.ScanAsync(request.EnterpriseId, $"{request.Name}\n{request.Script}", ct);
        if (!scan.IsSuccess)
        {
            return scan.Error;
        }

        var findings = scan.Value.Findings;
        var campaign = new OutboundCampaign
        {
            EnterpriseId = request.EnterpriseId,
            Line = line,
            Name = request.Name.Trim(),
            Script = request.Script.Trim(),
            Held = findings.Count > 0,
            CreatedBy = request.Actor,
            CreatedAt = clock.GetUtcNow(),
        };
        db.OutboundCampaigns.Add(campaign);
        await audit.SaveAndAppendAsync(db, request.EnterpriseId, request.Actor, AuditActions.CampaignRegistered, $"campaign:{campaign.Id}", $"line={line} held={campaign.Held}", ct);

        RedLineAlert? alert = null;
        if (findings.Count > 0)
        {
            var marketing = findings.Any(f => f.Category == TermCategory.Marketing);
            alert = await redLines.RaiseAsync(request.EnterpriseId, marketing ? RedLine.OutOfScope : RedLine.FalseAdvertising, "campaign-script", line, $"campaign:{campaign.Id}",
                Phrase.Of("evidence.campaignScript", ("name", campaign.Name), ("line", line),
                    ("terms", findings.Select(f => Phrase.Of("evidence.term", ("term", f.Matched), ("category", f.Category))).ToList())), ct);
        }

        return new CampaignView(campaign.Id, line, campaign.Name, campaign.Held, findings, alert?.Id);
    }
}

internal sealed class OutboundCampaignConfiguration : IEntityTypeConfiguration<OutboundCampaign>
{
    public void Configure(EntityTypeBuilder<OutboundCampaign> e)
    {
        e.ToTable("outbound_campaigns");
        e.HasKey(x => x.Id);
        e.Property(x => x.Line).HasMaxLength(6);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Script).HasMaxLength(20_000);
        e.Property(x => x.CreatedBy).HasMaxLength(64);
        e.HasIndex(x => new { x.EnterpriseId, x.CreatedAt });
        e.BelongsToEnterprise();
    }
}
