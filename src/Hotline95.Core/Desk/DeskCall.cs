using Hotline95.Core.Calls;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Desk;

/// <summary>
/// A call on the desk: the call (masked) and its caller looked up, with this call left out of the caller's calls (so the last
/// call is the one before). <see cref="Lookup"/> is null when the PBX sent no caller number.
/// </summary>
public sealed record DeskCall(CallView Call, CallerLookup? Lookup);

/// <summary>Looks up the caller of a call by the call's id: the desk never holds the number, the server opens it to search.</summary>
public sealed class DeskCallHandler(Hotline95DbContext db, CallReader reader, CallerLookupHandler lookup)
{
    public async Task<Result<DeskCall>> HandleAsync(Guid enterpriseId, long callId, CancellationToken ct = default)
    {
        var call = await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.EnterpriseId == enterpriseId && c.Id == callId, ct);
        if (call is null)
        {
            return Error.NotFound("CALL_NOT_FOUND", ("id", callId));
        }

        var hasRecording = await db.Recordings.AsNoTracking().AnyAsync(r => r.EnterpriseId == enterpriseId && r.CallId == callId, ct);
        var view = await reader.MaskedAsync(call, hasRecording, ct);
        var (number, _, _) = await reader.OpenAsync(call, ct);
        if (PhoneNumber.Normalize(number).Length == 0)
        {
            return new DeskCall(view, null);
        }

        var found = await lookup.HandleAsync(enterpriseId, number, ct, exceptCallId: callId);
        return found.IsSuccess ? new DeskCall(view, found.Value) : found.Error;
    }
}
