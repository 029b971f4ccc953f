using Hotline95.Core.Data;
using Hotline95.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Calls;

/// <summary>The enterprise's configured 95 lines, matched against numbers as PBXs write them (+8695528, 095528…).</summary>
public sealed class LineSet(IReadOnlyCollection<string> lines)
{
    private readonly HashSet<string> _lines = lines.ToHashSet(StringComparer.Ordinal);

    public IReadOnlyCollection<string> All => _lines;

    public string? Match(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var trimmed = raw.Trim();
        if (_lines.Contains(trimmed))
        {
            return trimmed;
        }

        var normalized = PhoneNumber.Normalize(trimmed);
        if (_lines.Contains(normalized))
        {
            return normalized;
        }

        // "8695528" (country code without +) for a short number.
        return normalized.StartsWith("86", StringComparison.Ordinal) && _lines.Contains(normalized[2..]) ? normalized[2..] : null;
    }

    public static async Task<LineSet> LoadAsync(Hotline95DbContext db, Guid enterpriseId, CancellationToken ct = default) =>
        new(await db.Lines.AsNoTracking().Where(l => l.EnterpriseId == enterpriseId).Select(l => l.Number).ToListAsync(ct));
}
