using Hotline95.Core.Common;
using Hotline95.Core.Licensing.Applications;
using Hotline95.Core.Licensing.Dossiers;
using Hotline95.Core.Licensing.Eligibility;

namespace Hotline95.Core.Licensing.Documents;

/// <summary>
/// A generated document; <see cref="DraftBecause"/> lists the codes of the errors that made it a watermarked draft (empty when clean).
/// <see cref="CheckedOn"/> is the day the pre-review judged it as of; null for a certified dossier's documents as filed, which are not pre-reviewed.
/// </summary>
public sealed record GeneratedDocument(byte[] Content, string FileName, string ContentType, IReadOnlyList<string> DraftBecause, DateOnly? CheckedOn = null)
{
    public bool IsDraft => DraftBecause.Count > 0;
}

/// <summary>
/// Generates one application document for a stored dossier, with the platform's facts when its hotline runs here,
/// after the same pre-review as <c>dossier check</c> (open correction notices included): a dossier with errors gets a draft.
/// A declared dossier is judged as of its declaration day (what was filed does not turn into a draft as months pass);
/// as filed, a certified dossier is not pre-reviewed at all: the authority accepted it.
/// </summary>
public sealed class GenerateDocumentHandler(DossiersHandler dossiers, PlatformFactsSource platform, PolicyCatalogue policies, CheckStoredDossierHandler check,
    ApplicationsHandler applications, TimeProvider clock)
{
    public Task<Result<GeneratedDocument>> HandleAsync(Guid enterpriseId, Guid dossierId, string? kind, string? format, CancellationToken ct = default) =>
        HandleAsync(enterpriseId, dossierId, kind, format, asFiled: false, ct);

    /// <param name="asFiled">
    /// The document as the authority received it (the inspection pack's copy): a certified dossier (certificate number
    /// recorded) is rendered without the pre-review, so without watermark or cover, and dated on its declaration day
    /// (else its certificate's); any other dossier as without it.
    /// </param>
    public async Task<Result<GeneratedDocument>> HandleAsync(Guid enterpriseId, Guid dossierId, string? kind, string? format, bool asFiled, CancellationToken ct = default)
    {
        if (!EnumNames.TryParse<LicenceDocumentKind>((kind ?? "").Replace("-", "", StringComparison.Ordinal), out var documentKind))
        {
            return Error.Validation("kind", "DOCUMENT_KIND_UNKNOWN", ("value", kind));
        }

        if (!EnumNames.TryParse<FileFormat>(format ?? "pdf", out var documentFormat))
        {
            return Error.Validation("format", "DOCUMENT_FORMAT_UNKNOWN", ("value", format));
        }

        var stored = await dossiers.FindAsync(enterpriseId, dossierId, ct);
        if (!stored.IsSuccess)
        {
            return stored.Error;
        }

        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var declaredOn = await applications.DeclaredOnAsync(enterpriseId, dossierId, ct);
        var judgedOn = declaredOn ?? today;
        var filed = asFiled && stored.Value.CertificateNumber is not null;
        var datedOn = asFiled ? declaredOn ?? stored.Value.CertificateIssuedOn ?? today : today;
        var policy = await policies.InForceAsync(judgedOn, ct);
        if (!policy.IsSuccess)
        {
            return policy.Error;
        }

        EligibilityReport? report = null;
        if (!filed)
        {
            var checkedReport = await check.HandleAsync(enterpriseId, dossierId, judgedOn, ct);
            if (!checkedReport.IsSuccess)
            {
                return checkedReport.Error;
            }

            report = checkedReport.Value;
        }

        var dossier = DossierJson.Parse(stored.Value.Json).Value;
        if (PlatformUses.Of(stored.Value.UsesPlatform, dossier) == PlatformUse.Own)
        {
            dossier = (await platform.ForAsync(enterpriseId, ct)).ApplyTo(dossier);
        }

        var (content, fileName, contentType) = LicenceDocuments.Render(documentKind, documentFormat, dossier, policy.Value, stored.Value.Number, datedOn, report);
        var draftBecause = report is null ? [] : LicenceDocuments.Blocking(report).Select(f => f.Code).Distinct().ToList();
        return new GeneratedDocument(content, fileName, contentType, draftBecause, report?.CheckedOn);
    }
}
