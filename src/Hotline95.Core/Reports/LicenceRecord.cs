using Hotline95.Core.Data;
using Hotline95.Core.Enterprises;
using Hotline95.Core.Licensing;
using Hotline95.Core.Licensing.Dossiers;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Reports;

/// <summary>
/// The licence record of one number of one enterprise as the filings read it: the dossier whose certificate was in force
/// on a given day (issued on or before it, the latest such), its filing date, and the purposes and hours that dossier
/// states. Never another number's or another enterprise's. The report and the inspection pack both ask it.
/// </summary>
public sealed record LicenceRecord(StoredDossier? Certified, StoredDossier? Latest, LicenceBlock Block, IReadOnlyList<Guid> DossierIds)
{
    /// <summary>The dossier a filing's documents come from: the certified one, else the latest of the number.</summary>
    public StoredDossier? Dossier => Certified ?? Latest;

    public static async Task<LicenceRecord> OfAsync(Hotline95DbContext db, Guid enterpriseId, string number, DateOnly inForceOn, CancellationToken ct)
    {
        // Read and ordered here: databases disagree on where a null date sorts.
        var dossiers = await db.Dossiers.AsNoTracking().Where(d => d.EnterpriseId == enterpriseId && d.Number == number).ToListAsync(ct);
        var certified = dossiers.Where(d => d.CertificateNumber != null && d.CertificateIssuedOn is { } issued && issued <= inForceOn)
            .OrderByDescending(d => d.CertificateIssuedOn).ThenByDescending(d => d.UpdatedAt).FirstOrDefault();
        var latest = dossiers.OrderByDescending(d => d.UpdatedAt).FirstOrDefault();
        DateOnly? filedOn = null;
        IReadOnlyList<string> purposes = [];
        string? hours = null;
        if (certified is not null)
        {
            filedOn = (await db.LicenceApplications.AsNoTracking().Where(a => a.EnterpriseId == enterpriseId && a.DossierId == certified.Id && a.FiledOn != null)
                .Select(a => a.FiledOn).ToListAsync(ct)).Max();
            if (DossierJson.Parse(certified.Json) is { IsSuccess: true } parsed)
            {
                purposes = parsed.Value.UsagePlan?.Purposes?.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).ToList() ?? [];
                hours = parsed.Value.UsagePlan?.ServiceHours is { Length: > 0 } h ? h.Trim() : null;
            }
        }

        return new LicenceRecord(certified, latest, new LicenceBlock(certified?.CertificateNumber, certified?.CertificateIssuedOn, filedOn, purposes, hours),
            dossiers.Select(d => d.Id).ToList());
    }

    /// <summary>The line is configured with other purposes or hours than the certified dossier states.</summary>
    public bool LineDiffers(HotlineLine line) =>
        Certified is not null
        && (!line.Purposes.Order(StringComparer.Ordinal).SequenceEqual(Block.Purposes.Order(StringComparer.Ordinal), StringComparer.Ordinal)
            || !string.Equals(line.ServiceHours?.Trim(), Block.ServiceHours, StringComparison.Ordinal));
}
