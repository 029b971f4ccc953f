using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Enterprises;

/// <summary>Finds and creates tenants; the CLI resolves <c>--enterprise</c> through it.</summary>
public sealed class EnterpriseDirectory(Hotline95DbContext db, TimeProvider clock)
{
    public async Task<Result<Enterprise>> FindAsync(string? slug, CancellationToken ct = default)
    {
        var wanted = string.IsNullOrWhiteSpace(slug) ? Enterprise.DefaultSlug : slug.Trim();
        var enterprise = await db.Enterprises.AsNoTracking().SingleOrDefaultAsync(e => e.Slug == wanted, ct);
        if (enterprise is not null)
        {
            return enterprise;
        }

        var known = await db.Enterprises.AsNoTracking().Select(e => e.Slug).ToListAsync(ct);
        return Error.Of(ErrorKind.NotFound, "ENTERPRISE_NOT_FOUND", "enterprise", ("slug", wanted),
            ("known", known.Count == 0 ? Phrase.Of("enterprise.noneYet") : (object)known.Order().ToList()));
    }

    public async Task<Enterprise> EnsureAsync(string slug, string name, CancellationToken ct = default)
    {
        var existing = await db.Enterprises.SingleOrDefaultAsync(e => e.Slug == slug, ct);
        if (existing is not null)
        {
            return existing;
        }

        var enterprise = new Enterprise { Slug = slug, Name = name, CreatedAt = clock.GetUtcNow() };
        db.Enterprises.Add(enterprise);
        await db.SaveChangesAsync(ct);
        return enterprise;
    }

    public async Task<IReadOnlyList<Enterprise>> ListAsync(CancellationToken ct = default) =>
        (await db.Enterprises.AsNoTracking().ToListAsync(ct)).OrderBy(e => e.Slug, StringComparer.Ordinal).ToList();
}
