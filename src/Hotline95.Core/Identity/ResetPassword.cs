using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Identity;

/// <param name="ResetBy">The role of the caller over the web; null from the server's CLI, where the operator already holds the data.</param>
public sealed record ResetPasswordRequest(Guid EnterpriseId, string UserName, string Actor, Role? ResetBy = null);

/// <summary>
/// A new generated password (shown once), and the lockout lifted: the way back in when the first admin password printed
/// by 'serve' is lost (CLI), or when a user forgot theirs (web). Over the web, the password of a user who can see
/// customers' data in clear is reset only by a caller who can too (<see cref="RoleGrants"/>). Every session of the user ends.
/// </summary>
public sealed class ResetPasswordHandler(Hotline95DbContext db, Passwords passwords, AuditLog audit, TimeProvider clock, IOptions<IdentityPolicyOptions> options)
{
    public async Task<Result<AddedUser>> HandleAsync(ResetPasswordRequest request, CancellationToken ct = default)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.EnterpriseId == request.EnterpriseId && u.UserName == request.UserName, ct);
        if (user is null)
        {
            return Error.NotFound("USER_NOT_FOUND", ("name", request.UserName));
        }

        if (request.ResetBy is { } grantor && !RoleGrants.MayGrant(grantor, user.Role))
        {
            return RoleGrants.ResetForbidden(grantor, user.UserName, user.Role);
        }

        var password = SecretGenerator.Password(options.Value.GeneratedPasswordLength);
        user.PasswordHash = passwords.Hash(user, password);
        user.FailedLogins = 0;
        user.LockedUntil = null;
        user.SecurityStamp = UserAccount.NewStamp(); // whoever held the old password is signed out
        await audit.SaveAndAppendAsync(db, request.EnterpriseId, request.Actor, AuditActions.PasswordReset, user.UserName, "", ct);
        return new AddedUser(UserView.From(user, clock.GetUtcNow()), password);
    }
}
