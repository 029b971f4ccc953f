using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Enterprises;
using Hotline95.Core.Licensing.Maintenance;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Licensing.Dossiers;

public sealed record SaveDossierRequest(Guid EnterpriseId, Guid? Id, string Json, bool UsesPlatform, string? Number, string Actor);

/// <summary>A stored dossier. <paramref name="Platform"/> is the one answer to whether its hotline runs on Hotline95 (<see cref="PlatformUses.Of"/>).</summary>
public sealed record DossierView(Guid Id, string Title, PlatformUse Platform, string? Number, string? CertificateNumber, DateOnly? CertificateIssuedOn,
    DateTimeOffset UpdatedAt, string UpdatedBy, Dossier Dossier, IReadOnlyList<LicenceTaskView> OpenedTasks);

/// <summary>
/// Dossiers kept on the platform: saved whole in the exchange format (validated by the schema first), one per
/// applicant. A dossier saved as the tenant's own hotline here is stored with <c>usesHotline95Platform</c> true, so the
/// exported dossier and the stored flag never disagree. Saving a certified dossier whose name, address, business scope
/// or usage plan changed opens the change-filing task (变更备案) by itself.
/// </summary>
public sealed class DossiersHandler(Hotline95DbContext db, LicenceTasks tasks, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<DossierView>> SaveAsync(SaveDossierRequest request, CancellationToken ct = default)
    {
        var parsed = DossierJson.Parse(request.Json);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        // The tenant's own hotline here runs on the platform: the dossier says so too (one answer, PlatformUses.Of).
        var dossier = request.UsesPlatform ? parsed.Value with { UsesHotline95Platform = true } : parsed.Value;
        string? number = null;
        if (!string.IsNullOrWhiteSpace(request.Number))
        {
            var parsedNumber = LineNumber.Parse(request.Number);
            if (!parsedNumber.IsSuccess)
            {
                return parsedNumber.Error;
            }

            number = parsedNumber.Value;
        }

        if (request.UsesPlatform && await db.Dossiers.AnyAsync(d => d.EnterpriseId == request.EnterpriseId && d.UsesPlatform && d.Id != request.Id, ct))
        {
            return Error.Conflict("DOSSIER_PLATFORM_TAKEN", "usesPlatform");
        }

        var now = clock.GetUtcNow();
        var title = dossier.Company?.Name?.Trim() is { Length: > 0 } name ? name : "（未命名 / unnamed）";
        StoredDossier stored;
        Dossier? before = null;
        if (request.Id is { } id)
        {
            var existing = await db.Dossiers.SingleOrDefaultAsync(d => d.EnterpriseId == request.EnterpriseId && d.Id == id, ct);
            if (existing is null)
            {
                return Error.NotFound("DOSSIER_NOT_FOUND", ("id", id));
            }

            stored = existing;
            before = DossierJson.Parse(existing.Json).Match(d => d, _ => new Dossier());
            stored.Title = title;
            stored.Json = DossierJson.Write(dossier);
            stored.UsesPlatform = request.UsesPlatform;
            stored.Number = number;
            stored.UpdatedAt = now;
            stored.UpdatedBy = request.Actor;
        }
        else
        {
            stored = new StoredDossier
            {
                EnterpriseId = request.EnterpriseId,
                Title = title,
                Json = DossierJson.Write(dossier),
                UsesPlatform = request.UsesPlatform,
                Number = number,
                CreatedAt = now,
                UpdatedAt = now,
                UpdatedBy = request.Actor,
            };
            db.Dossiers.Add(stored);
        }

        await audit.SaveAndAppendAsync(db, request.EnterpriseId, request.Actor, AuditActions.DossierSaved, $"dossier:{stored.Id}", $"title={title}", ct);

        var opened = new List<LicenceTaskView>();
        if (before is not null && stored.CertificateIssuedOn is not null && DossierChanges.Filable(before, dossier) is { Count: > 0 } changes)
        {
            opened.Add(await tasks.OpenChangeFilingAsync(stored, changes, request.Actor, ct));
        }

        return View(stored, dossier, opened);
    }

    public async Task<Result<DossierView>> GetAsync(Guid enterpriseId, Guid id, CancellationToken ct = default)
    {
        var stored = await FindAsync(enterpriseId, id, ct);
        return stored.IsSuccess ? View(stored.Value, DossierJson.Parse(stored.Value.Json).Value, []) : stored.Error;
    }

    public async Task<Result<StoredDossier>> FindAsync(Guid enterpriseId, Guid id, CancellationToken ct = default) =>
        await db.Dossiers.AsNoTracking().SingleOrDefaultAsync(d => d.EnterpriseId == enterpriseId && d.Id == id, ct) is { } stored
            ? stored
            : Error.NotFound("DOSSIER_NOT_FOUND", ("id", id));

    public async Task<Result<bool>> DeleteAsync(Guid enterpriseId, Guid id, string actor, CancellationToken ct = default)
    {
        var deleted = await db.Database.InTransactionAsync(async () =>
        {
            var rows = await db.Dossiers.Where(d => d.EnterpriseId == enterpriseId && d.Id == id).ExecuteDeleteAsync(ct);
            if (rows > 0)
            {
                await audit.AppendAsync(enterpriseId, actor, AuditActions.DossierDeleted, $"dossier:{id}", "", ct);
            }

            return rows;
        }, ct);
        return deleted == 0 ? Error.NotFound("DOSSIER_NOT_FOUND", ("id", id)) : true;
    }

    private static DossierView View(StoredDossier s, Dossier dossier, IReadOnlyList<LicenceTaskView> opened) =>
        new(s.Id, s.Title, PlatformUses.Of(s.UsesPlatform, dossier), s.Number, s.CertificateNumber, s.CertificateIssuedOn, s.UpdatedAt, s.UpdatedBy, dossier, opened);
}

/// <summary>The changes the authority must be told about within the change-filing period.</summary>
public static class DossierChanges
{
    public static IReadOnlyList<Phrase> Filable(Dossier before, Dossier after)
    {
        var changes = new List<Phrase>();
        if (Differs(before.Company?.Name, after.Company?.Name))
        {
            changes.Add(Phrase.Of("licence.change.companyName", ("from", before.Company?.Name), ("to", after.Company?.Name)));
        }

        if (Differs(before.Premises?.Address, after.Premises?.Address))
        {
            changes.Add(Phrase.Of("licence.change.address", ("from", before.Premises?.Address), ("to", after.Premises?.Address)));
        }

        if (Differs(before.Company?.BusinessScope, after.Company?.BusinessScope))
        {
            changes.Add(Phrase.Of("licence.change.businessScope"));
        }

        var a = before.UsagePlan ?? new UsagePlan();
        var b = after.UsagePlan ?? new UsagePlan();
        if (!(a.Purposes ?? []).SequenceEqual(b.Purposes ?? []) || Differs(a.ServiceHours, b.ServiceHours)
            || !(a.Flow ?? []).SequenceEqual(b.Flow ?? []) || a.NoMarketingCommitment != b.NoMarketingCommitment)
        {
            changes.Add(Phrase.Of("licence.change.usagePlan"));
        }

        return changes;
    }

    private static bool Differs(string? a, string? b) => !string.Equals(a?.Trim() ?? "", b?.Trim() ?? "", StringComparison.Ordinal);
}
