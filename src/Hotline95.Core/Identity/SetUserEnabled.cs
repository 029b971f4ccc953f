using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Identity;

public sealed record SetUserEnabledRequest(Guid EnterpriseId, string UserName, bool Enabled, string Actor);

/// <summary>Disables an account (it cannot sign in, and its sessions end at once) or enables it again. Audited.</summary>
public sealed class SetUserEnabledHandler(Hotline95DbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<UserView>> HandleAsync(SetUserEnabledRequest request, CancellationToken ct = default)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.EnterpriseId == request.EnterpriseId && u.UserName == request.UserName, ct);
        if (user is null)
        {
            return Error.NotFound("USER_NOT_FOUND", ("name", request.UserName));
        }

        if (!request.Enabled && request.Actor == user.UserName)
        {
            return Error.Conflict("CANNOT_DISABLE_SELF", "userName");
        }

        var now = clock.GetUtcNow();
        if (request.Enabled == (user.DisabledAt is null))
        {
            return UserView.From(user, now); // already so: nothing to change or audit
        }

        user.DisabledAt = request.Enabled ? null : now;
        user.SecurityStamp = UserAccount.NewStamp();
        await audit.SaveAndAppendAsync(db, request.EnterpriseId, request.Actor, request.Enabled ? AuditActions.UserEnabled : AuditActions.UserDisabled, user.UserName, "", ct);
        return UserView.From(user, now);
    }
}

/// <summary>Signing out ends every session of the user, on every device and node (a copied cookie is refused too).</summary>
public sealed class LogoutHandler(Hotline95DbContext db, AuditLog audit)
{
    public async Task HandleAsync(Guid userId, CancellationToken ct = default)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return;
        }

        user.SecurityStamp = UserAccount.NewStamp();
        await audit.SaveAndAppendAsync(db, user.EnterpriseId, user.UserName, AuditActions.LoggedOut, user.UserName, "", ct);
    }
}
