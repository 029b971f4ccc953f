using Hotline95.Core.Common;
using Hotline95.Core.Licensing.Dossiers;
using Hotline95.Core.Licensing.Eligibility;

namespace Hotline95.Core.Licensing.Documents;

/// <summary>A generated document; <see cref="DraftBecause"/> lists the codes of the errors that made it a watermarked draft (empty when clean).</summary>
public sealed record GeneratedDocument(byte[] Content, string FileName, string ContentType, IReadOnlyList<string> DraftBecause);

/// <summary>
/// Generates one application document for a stored dossier, with the platform's facts when its hotline runs here,
/// after the same pre-review as <c>dossier check</c> (open correction notices included): a dossier with errors gets a draft.
/// </summary>
public sealed class GenerateDocumentHandler(DossiersHandler dossiers, PlatformFactsSource platform, PolicyCatalogue policies, CheckStoredDossierHandler check, TimeProvider clock)
{
    public async Task<Result<GeneratedDocument>> HandleAsync(Guid enterpriseId, Guid dossierId, string? kind, string? format, CancellationToken ct = default)
    {
        if (!Enum.TryParse<LicenceDocumentKind>((kind ?? "").Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var documentKind))
        {
            return Error.Validation("kind", "DOCUMENT_KIND_UNKNOWN", $"document '{kind}' is not one of usage-plan, security-policies, commitment-letter.");
        }

        if (!Enum.TryParse<FileFormat>(format ?? "pdf", ignoreCase: true, out var documentFormat))
        {
            return Error.Validation("format", "DOCUMENT_FORMAT_UNKNOWN", $"format '{format}' is not docx or pdf.");
        }

        var stored = await dossiers.FindAsync(enterpriseId, dossierId, ct);
        if (!stored.IsSuccess)
        {
            return stored.Error;
        }

        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var policy = await policies.InForceAsync(today, ct);
        if (!policy.IsSuccess)
        {
            return policy.Error;
        }

        var report = await check.HandleAsync(enterpriseId, dossierId, today, ct);
        if (!report.IsSuccess)
        {
            return report.Error;
        }

        var dossier = DossierJson.Parse(stored.Value.Json).Value;
        if (stored.Value.UsesPlatform)
        {
            dossier = (await platform.ForAsync(enterpriseId, ct)).ApplyTo(dossier);
        }

        var (content, fileName, contentType) = LicenceDocuments.Render(documentKind, documentFormat, dossier, policy.Value, stored.Value.Number, today, report.Value);
        var draftBecause = LicenceDocuments.Blocking(report.Value).Select(f => f.Code).Distinct().ToList();
        return new GeneratedDocument(content, fileName, contentType, draftBecause);
    }
}
