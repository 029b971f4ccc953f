using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Enterprises;

public sealed class ListLinesHandler(Hotline95DbContext db)
{
    public async Task<IReadOnlyList<LineView>> HandleAsync(Guid enterpriseId, CancellationToken ct = default) =>
        (await db.Lines.AsNoTracking()
            .Where(l => l.EnterpriseId == enterpriseId)
            .ToListAsync(ct))
        .OrderBy(l => l.Number, StringComparer.Ordinal)
        .Select(LineView.From)
        .ToList();
}
