using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Enterprises;

public sealed record SetLineTrunksRequest(Guid EnterpriseId, string Line, IReadOnlyList<string>? Trunks, string Actor);

/// <summary>
/// The trunks and account codes registered to the number's holder (as the PBX names them, e.g. PJSIP/trunk-ct
/// or an accountcode). Calls through any other raise the number-lending red line; an empty list turns the check off.
/// </summary>
public sealed class SetLineTrunksHandler(Hotline95DbContext db, AuditLog audit)
{
    public async Task<Result<IReadOnlyList<string>>> HandleAsync(SetLineTrunksRequest request, CancellationToken ct = default)
    {
        var line = await db.Lines.SingleOrDefaultAsync(l => l.EnterpriseId == request.EnterpriseId && l.Number == request.Line, ct);
        if (line is null)
        {
            return Error.NotFound("LINE_NOT_FOUND", ("line", request.Line));
        }

        var trunks = (request.Trunks ?? []).Select(t => t?.Trim() ?? "").Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (trunks.FirstOrDefault(t => t.Length > 64) is { } tooLong)
        {
            return Error.Validation("trunks", "TRUNK_TOO_LONG", ("trunk", tooLong[..20] + "…"), ("max", 64));
        }

        line.RegisteredTrunks = trunks;
        await audit.SaveAndAppendAsync(db, request.EnterpriseId, request.Actor, AuditActions.LineUsageChanged, line.Number, $"trunks={string.Join(',', trunks)}", ct);
        return trunks;
    }
}
