using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline95.Core.Compliance;

public sealed record AddTermRequest(Guid EnterpriseId, string? Term, bool IsException, string? Category, string? Severity, string? LegalBasis, string? Rewrite, string Actor);

public sealed record CustomTermView(long Id, string Term, bool IsException, string Category, string Severity, string? LegalBasis, string? Rewrite, string AddedBy, DateTimeOffset AddedAt);

public sealed record ScanResult(bool Clean, IReadOnlyList<ScanFinding> Findings);

/// <summary>The enterprise's lexicon (the shipped one plus its own terms and exceptions) and scanning with it.</summary>
public sealed class ComplianceLexiconHandler(Hotline95DbContext db, AuditLog audit, TimeProvider clock)
{
    public const int MaxScanCharacters = 1_000_000;

    public async Task<Result<ScanResult>> ScanAsync(Guid enterpriseId, string? text, CancellationToken ct = default)
    {
        if (text is null)
        {
            return Error.Validation("text", "TEXT_REQUIRED");
        }

        if (text.Length > MaxScanCharacters)
        {
            return Text.TooLong("text", text.Length, MaxScanCharacters);
        }

        var findings = new Scanner(await LexiconAsync(enterpriseId, ct)).Scan(text);
        return new ScanResult(findings.Count == 0, findings);
    }

    public async Task<Lexicon> LexiconAsync(Guid enterpriseId, CancellationToken ct = default)
    {
        var custom = await db.CustomTerms.AsNoTracking().Where(t => t.EnterpriseId == enterpriseId).ToListAsync(ct);
        return custom.Count == 0
            ? Lexicon.Default
            : Lexicon.Default.With(
                custom.Where(t => !t.IsException).Select(t => new LexiconTerm(t.Term, t.Category, t.Severity, t.LegalBasis ?? "", t.Rewrite ?? "")),
                custom.Where(t => t.IsException).Select(t => t.Term));
    }

    public async Task<IReadOnlyList<CustomTermView>> ListAsync(Guid enterpriseId, CancellationToken ct = default) =>
        (await db.CustomTerms.AsNoTracking().Where(t => t.EnterpriseId == enterpriseId).OrderBy(t => t.Id).ToListAsync(ct)).Select(View).ToList();

    public async Task<Result<CustomTermView>> AddAsync(AddTermRequest request, CancellationToken ct = default)
    {
        var term = TextNormalizer.Normalize(request.Term ?? "");
        if (term.Length is 0 or > 50)
        {
            return Error.Validation("term", "TERM_INVALID");
        }

        var category = TermCategory.Superlative;
        if (!request.IsException && !EnumNames.TryParse(request.Category, out category))
        {
            return Error.Validation("category", "CATEGORY_UNKNOWN", ("value", request.Category), ("allowed", Enum.GetNames<TermCategory>().Select(n => n.ToLowerInvariant()).ToList()));
        }

        var severity = TermSeverity.Error;
        if (request.Severity is { Length: > 0 } s && !EnumNames.TryParse(s, out severity))
        {
            return Error.Validation("severity", "SEVERITY_UNKNOWN", ("value", s));
        }

        if (request.LegalBasis?.Trim().Length > 500 || request.Rewrite?.Trim().Length > 500)
        {
            var (field, length) = request.LegalBasis?.Trim().Length > 500 ? ("legalBasis", request.LegalBasis.Trim().Length) : ("rewrite", request.Rewrite!.Trim().Length);
            return Text.TooLong(field, length, 500);
        }

        if (await db.CustomTerms.AnyAsync(t => t.EnterpriseId == request.EnterpriseId && t.Term == term && t.IsException == request.IsException, ct))
        {
            return Error.Conflict("TERM_EXISTS", "term", ("term", term));
        }

        var added = new CustomTerm
        {
            EnterpriseId = request.EnterpriseId,
            Term = term,
            IsException = request.IsException,
            Category = category,
            Severity = severity,
            LegalBasis = request.LegalBasis?.Trim(),
            Rewrite = request.Rewrite?.Trim(),
            AddedBy = request.Actor,
            AddedAt = clock.GetUtcNow(),
        };
        db.CustomTerms.Add(added);
        await audit.SaveAndAppendAsync(db, request.EnterpriseId, request.Actor, AuditActions.LexiconChanged, $"term:{added.Id}", $"{(added.IsException ? "exception" : "term")} {term}", ct);
        return View(added);
    }

    public async Task<Result<bool>> RemoveAsync(Guid enterpriseId, long id, string actor, CancellationToken ct = default)
    {
        var term = await db.CustomTerms.SingleOrDefaultAsync(t => t.EnterpriseId == enterpriseId && t.Id == id, ct);
        if (term is null)
        {
            return Error.NotFound("TERM_NOT_FOUND", ("id", id));
        }

        db.CustomTerms.Remove(term);
        await audit.SaveAndAppendAsync(db, enterpriseId, actor, AuditActions.LexiconChanged, $"term:{id}", $"removed {term.Term}", ct);
        return true;
    }

    private static CustomTermView View(CustomTerm t) =>
        new(t.Id, t.Term, t.IsException, t.Category.ToString().ToLowerInvariant(), t.Severity.ToString().ToLowerInvariant(), t.LegalBasis, t.Rewrite, t.AddedBy, t.AddedAt);
}

internal sealed class CustomTermConfiguration : IEntityTypeConfiguration<CustomTerm>
{
    public void Configure(EntityTypeBuilder<CustomTerm> e)
    {
        e.ToTable("compliance_terms");
        e.HasKey(x => x.Id);
        e.Property(x => x.Term).HasMaxLength(50);
        e.Property(x => x.Category).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Severity).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.LegalBasis).HasMaxLength(500);
        e.Property(x => x.Rewrite).HasMaxLength(500);
        e.Property(x => x.AddedBy).HasMaxLength(64);
        e.HasIndex(x => new { x.EnterpriseId, x.Term, x.IsException }).IsUnique();
        e.BelongsToEnterprise();
    }
}
