using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Queues;

public sealed record SetLineQueuesRequest(Guid EnterpriseId, string Line, IReadOnlyList<string> Queues, string Actor);

/// <summary>Which of the PBX's queues take this line's calls (a queue belongs to one line): the queue import counts only mapped queues.</summary>
public sealed class SetLineQueuesHandler(Hotline95DbContext db, AuditLog audit)
{
    public async Task<Result<IReadOnlyList<string>>> HandleAsync(SetLineQueuesRequest request, CancellationToken ct = default)
    {
        var lines = await db.Lines.Where(l => l.EnterpriseId == request.EnterpriseId).ToListAsync(ct);
        var line = lines.SingleOrDefault(l => l.Number == request.Line);
        if (line is null)
        {
            return Error.NotFound("LINE_NOT_FOUND", ("line", request.Line));
        }

        var queues = request.Queues.Select(q => q?.Trim() ?? "").Where(q => q.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (queues.FirstOrDefault(q => q.Length > QueueEventRules.MaxName || q == "NONE" || q.Contains('|', StringComparison.Ordinal)) is { } bad)
        {
            return Error.Validation("queues", "QUEUE_NAME_INVALID", ("queue", Text.Clip(bad, 20)), ("max", QueueEventRules.MaxName));
        }

        foreach (var other in lines.Where(l => l.Number != line.Number))
        {
            if (queues.FirstOrDefault(other.Queues.Contains) is { } taken)
            {
                return Error.Conflict("QUEUE_ON_OTHER_LINE", "queues", ("queue", taken), ("line", other.Number));
            }
        }

        line.Queues = queues;
        await audit.SaveAndAppendAsync(db, request.EnterpriseId, request.Actor, AuditActions.LineQueuesChanged, line.Number, $"queues={string.Join(',', queues)}", ct);
        return queues;
    }
}
