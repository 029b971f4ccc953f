using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Enterprises;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Service;

public sealed record SetLineUsageRequest(Guid EnterpriseId, string Line, IReadOnlyList<string>? Purposes, string? ServiceHours, string Actor);

/// <summary>A line's approved purposes and service hours, from the usage plan. A marketing purpose is refused.</summary>
public sealed class SetLineUsageHandler(Hotline95DbContext db, AuditLog audit)
{
    public async Task<Result<LineView>> HandleAsync(SetLineUsageRequest request, CancellationToken ct = default)
    {
        var line = await db.Lines.SingleOrDefaultAsync(l => l.EnterpriseId == request.EnterpriseId && l.Number == request.Line, ct);
        if (line is null)
        {
            return Error.NotFound("LINE_NOT_FOUND", ("line", request.Line));
        }

        var purposes = (request.Purposes ?? []).Select(p => p?.Trim() ?? "").Where(p => p.Length > 0).Distinct().ToList();
        if (purposes.Count == 0)
        {
            return Error.Validation("purposes", "PURPOSES_REQUIRED");
        }

        foreach (var purpose in purposes)
        {
            if (MarketingTerms.Find(purpose) is { } term)
            {
                return Error.Validation("purposes", "PURPOSE_MARKETING", ("purpose", purpose), ("term", term));
            }
        }

        line.Purposes = purposes;
        line.ServiceHours = string.IsNullOrWhiteSpace(request.ServiceHours) ? line.ServiceHours : request.ServiceHours.Trim();
        await audit.SaveAndAppendAsync(db, request.EnterpriseId, request.Actor, AuditActions.LineUsageChanged, line.Number, $"purposes={string.Join('、', purposes)} hours={line.ServiceHours}", ct);
        return LineView.From(line);
    }
}
