using Hotline95.Core.Common;
using Hotline95.Core.Complaints;
using Hotline95.Core.Data;
using Hotline95.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Calls;

/// <summary>
/// What an agent sees of a caller, without any personal data in clear: the masked number, the calls still kept (inside
/// retention) and the last one, the caller's open tickets and complaints, and whether the number is blocked.
/// </summary>
public sealed record CallerLookup(string Number, int CallsKept, bool MoreCalls, CallView? LastCall, IReadOnlyList<long> OpenTickets, IReadOnlyList<long> OpenComplaints, bool Blocked);

/// <summary>Looks a caller up through the blind index (no decryption to search).</summary>
public sealed class CallerLookupHandler(Hotline95DbContext db, BlindIndex blindIndex, FindCallsHandler calls)
{
    /// <param name="exceptCallId">A call left out of the caller's calls (the desk's call being looked up: its last call is the one before).</param>
    public async Task<Result<CallerLookup>> HandleAsync(Guid enterpriseId, string? number, CancellationToken ct = default, long? exceptCallId = null)
    {
        if (PhoneNumber.Normalize(number).Length == 0)
        {
            return Error.Validation("number", "PHONE_INVALID", ("number", number));
        }

        var found = await calls.HandleAsync(new FindCallsRequest(enterpriseId, Phone: number, Page: new PageRequest(1, exceptCallId is null ? 1 : 2)), ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var index = await blindIndex.ComputeAsync(enterpriseId, number!, ct);
        var tickets = await db.Tickets.AsNoTracking()
            .Where(t => t.EnterpriseId == enterpriseId && t.CustomerPhoneIndex == index && t.ClosedAt == null).OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(ct);
        var complaints = await db.Complaints.AsNoTracking()
            .Where(c => c.EnterpriseId == enterpriseId && c.CallerPhoneIndex == index && c.Status != ComplaintStatus.Resolved).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        var blocked = await db.BlockedCallers.AsNoTracking().AnyAsync(b => b.EnterpriseId == enterpriseId && b.NumberIndex == index, ct);
        // The call left out is the caller's own (its number is the one looked up), so it is in the count whenever it is kept.
        var kept = Math.Max(0, found.Value.Total - (exceptCallId is null ? 0 : 1));
        return new CallerLookup(PhoneNumber.Mask(number), kept, found.Value.TotalCapped, found.Value.Items.FirstOrDefault(c => c.Id != exceptCallId),
            tickets, complaints, blocked);
    }
}
