using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Identity;

/// <summary>An enterprise's users by login name: all of them (CLI) or a page with the total (web).</summary>
public sealed class ListUsersHandler(Hotline95DbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserView>> HandleAsync(Guid enterpriseId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return (await Ordered(enterpriseId).ToListAsync(ct)).Select(u => UserView.From(u, now)).ToList();
    }

    public async Task<Result<Paged<UserView>>> PageAsync(Guid enterpriseId, PageRequest page, CancellationToken ct = default)
    {
        if (page.Validate() is { } invalid)
        {
            return invalid;
        }

        var now = clock.GetUtcNow();
        var total = await db.Users.CountAsync(u => u.EnterpriseId == enterpriseId, ct);
        var users = await Ordered(enterpriseId).Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        return Paged<UserView>.Of(users.Select(u => UserView.From(u, now)).ToList(), total, page);
    }

    // Login names are unique, so the order is stable from page to page (the database's collation decides between cases).
    private IQueryable<UserAccount> Ordered(Guid enterpriseId) =>
        db.Users.AsNoTracking().Where(u => u.EnterpriseId == enterpriseId).OrderBy(u => u.UserName);
}
