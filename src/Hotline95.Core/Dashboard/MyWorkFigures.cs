using Hotline95.Core.Callbacks;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Service;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Dashboard;

/// <summary>A ticket of mine as the card lists it: no customer data, the step it is at.</summary>
public sealed record MyTicket(long Id, string Line, string Step, string? Category, DateTimeOffset OpenedAt, bool TransferredToMe);

/// <summary>
/// The tickets a ticket records as the user's: opened by the user (<see cref="Ticket.OpenedBy"/>) or transferred to the user
/// by name (<see cref="Ticket.AssignedTo"/>); a ticket names no other owner. <paramref name="Oldest"/>: the longest open first.
/// </summary>
public sealed record MyTicketsCard(int Open, IReadOnlyList<MyTicket> Oldest);

/// <summary>The missed-call callback list now: how many wait (over the list's last <paramref name="ListDays"/> days) and for how long the oldest has.</summary>
public sealed record CallbacksCard(int Open, int? OldestAgeMinutes, int ListDays);

/// <summary>The agent's cards: my open tickets, the missed calls to call back.</summary>
public sealed class MyWorkFigures(Hotline95DbContext db, CallbacksHandler callbacks, IOptions<CallbackOptions> callbackOptions)
{
    public async Task<MyTicketsCard> MyTicketsAsync(Guid enterpriseId, string actor, CancellationToken ct)
    {
        var mine = db.Tickets.AsNoTracking()
            .Where(t => t.EnterpriseId == enterpriseId && t.Step != TicketStep.Closed && (t.OpenedBy == actor || t.AssignedTo == actor));
        var oldest = await mine.OrderBy(t => t.OpenedAt).ThenBy(t => t.Id).Take(DashboardCards.Listed).ToListAsync(ct);
        return new MyTicketsCard(await mine.CountAsync(ct),
            oldest.Select(t => new MyTicket(t.Id, t.Line, t.Step.ToString(), t.Category, ChinaTime.ToChina(t.OpenedAt), t.AssignedTo == actor)).ToList());
    }

    public async Task<CallbacksCard> CallbacksAsync(Guid enterpriseId, DateOnly today, CancellationToken ct)
    {
        var figures = (await callbacks.FiguresAsync(enterpriseId, null, today, today, ct)).Value;
        return new CallbacksCard(figures.Open, figures.OldestOpenMinutes, callbackOptions.Value.ListDays);
    }
}
