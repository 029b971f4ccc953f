using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Identity;

public sealed class ListUsersHandler(Hotline95DbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserView>> HandleAsync(Guid enterpriseId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return (await db.Users.AsNoTracking().Where(u => u.EnterpriseId == enterpriseId).ToListAsync(ct))
            .OrderBy(u => u.UserName, StringComparer.Ordinal)
            .Select(u => UserView.From(u, now))
            .ToList();
    }
}
