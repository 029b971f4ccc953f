using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Enterprises;

public sealed record AddLineRequest(Guid EnterpriseId, string Number, string Name, string Actor);

/// <summary>A line as listed: its purposes and hours, the PBX's queues, and the trunks registered to the number's holder.</summary>
public sealed record LineView(Guid Id, string Number, string Name, IReadOnlyList<string> Purposes, string? ServiceHours, IReadOnlyList<string> Queues, DateTimeOffset CreatedAt,
    IReadOnlyList<string> Trunks)
{
    public static LineView From(HotlineLine line) => new(line.Id, line.Number, line.Name, line.Purposes, line.ServiceHours, line.Queues, line.CreatedAt, line.RegisteredTrunks);
}

public sealed class AddLineHandler(Hotline95DbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<LineView>> HandleAsync(AddLineRequest request, CancellationToken ct = default)
    {
        var number = LineNumber.Parse(request.Number);
        if (!number.IsSuccess)
        {
            return number.Error;
        }

        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            return Error.Validation("name", "LINE_NAME_REQUIRED");
        }

        if (await db.Lines.AnyAsync(l => l.EnterpriseId == request.EnterpriseId && l.Number == number.Value, ct))
        {
            return Error.Conflict("LINE_EXISTS", "number", ("number", number.Value));
        }

        var line = new HotlineLine
        {
            EnterpriseId = request.EnterpriseId,
            Number = number.Value,
            Name = name,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Lines.Add(line);
        await audit.SaveAndAppendAsync(db, request.EnterpriseId, request.Actor, AuditActions.LineAdded, line.Number, name, ct);
        return LineView.From(line);
    }
}
