using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Licensing.Dossiers;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Enterprises;

/// <summary>The enterprise as the filings print it (company block). A null item is not stated.</summary>
public sealed record EnterpriseProfileView(string Slug, string Name, string? Uscc, string? RegisteredAddress, string? LegalRepresentative, string? ContactPerson, string? ContactPhone);

/// <summary>A change of the profile: a null member is left as it is, an empty one is cleared.</summary>
public sealed record SetEnterpriseProfileRequest(
    Guid EnterpriseId, string Actor, string? Name = null, string? Uscc = null, string? RegisteredAddress = null, string? LegalRepresentative = null,
    string? ContactPerson = null, string? ContactPhone = null);

/// <summary>Reads and changes the enterprise profile the filings print; the USCC is checked by its check character; audited.</summary>
public sealed class EnterpriseProfileHandler(Hotline95DbContext db, AuditLog audit)
{
    private static readonly (string Field, int Max)[] Limits =
        [("name", 200), ("registeredAddress", 300), ("legalRepresentative", 100), ("contactPerson", 100), ("contactPhone", 40)];

    public async Task<EnterpriseProfileView> GetAsync(Guid enterpriseId, CancellationToken ct = default) =>
        View(await db.Enterprises.AsNoTracking().SingleAsync(e => e.Id == enterpriseId, ct));

    public async Task<Result<EnterpriseProfileView>> SetAsync(SetEnterpriseProfileRequest request, CancellationToken ct = default)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["name"] = request.Name?.Trim(), ["registeredAddress"] = request.RegisteredAddress?.Trim(), ["legalRepresentative"] = request.LegalRepresentative?.Trim(),
            ["contactPerson"] = request.ContactPerson?.Trim(), ["contactPhone"] = request.ContactPhone?.Trim(),
        };
        foreach (var (field, max) in Limits)
        {
            if (values[field] is { Length: var length } && length > max)
            {
                return Error.Validation(field, "PROFILE_TOO_LONG", ("field", field), ("length", length), ("max", max));
            }
        }

        if (values["name"] is "")
        {
            return Error.Validation("name", "PROFILE_NAME_REQUIRED");
        }

        var uscc = request.Uscc?.Trim();
        if (uscc is { Length: > 0 } && Uscc.Fault(uscc) is { } problem)
        {
            return Error.Validation("uscc", "USCC_INVALID", ("uscc", uscc), ("problem", problem));
        }

        var enterprise = await db.Enterprises.SingleAsync(e => e.Id == request.EnterpriseId, ct);
        var changed = new List<string>();
        void Apply(string field, string? value, string? current, Action<string?> set)
        {
            if (value is null || value == (current ?? ""))
            {
                return;
            }

            set(value.Length == 0 ? null : value);
            changed.Add(field);
        }

        Apply("name", values["name"], enterprise.Name, v => enterprise.Name = v!);
        Apply("uscc", uscc is null ? null : uscc.Length == 0 ? "" : Uscc.Normalize(uscc), enterprise.Uscc, v => enterprise.Uscc = v);
        Apply("registeredAddress", values["registeredAddress"], enterprise.RegisteredAddress, v => enterprise.RegisteredAddress = v);
        Apply("legalRepresentative", values["legalRepresentative"], enterprise.LegalRepresentative, v => enterprise.LegalRepresentative = v);
        Apply("contactPerson", values["contactPerson"], enterprise.ContactPerson, v => enterprise.ContactPerson = v);
        Apply("contactPhone", values["contactPhone"], enterprise.ContactPhone, v => enterprise.ContactPhone = v);
        if (changed.Count > 0)
        {
            await audit.SaveAndAppendAsync(db, enterprise.Id, request.Actor, AuditActions.EnterpriseProfileChanged, $"enterprise:{enterprise.Slug}", string.Join(",", changed), ct);
        }

        return View(enterprise);
    }

    private static EnterpriseProfileView View(Enterprise e) => new(e.Slug, e.Name, e.Uscc, e.RegisteredAddress, e.LegalRepresentative, e.ContactPerson, e.ContactPhone);
}
