using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Identity;

public sealed record SetUserRoleRequest(Guid EnterpriseId, string UserName, string Role, string Actor);

/// <summary>A permission change: audited, because who may reveal customer data is what inspectors ask about.</summary>
public sealed class SetUserRoleHandler(Hotline95DbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<UserView>> HandleAsync(SetUserRoleRequest request, CancellationToken ct = default)
    {
        var role = RoleNames.Parse(request.Role, "role");
        if (!role.IsSuccess)
        {
            return role.Error;
        }

        if (role.Value == Role.Integration)
        {
            return Error.Validation("role", "ROLE_FOR_KEYS_ONLY");
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.EnterpriseId == request.EnterpriseId && u.UserName == request.UserName, ct);
        if (user is null)
        {
            return Error.NotFound("USER_NOT_FOUND", ("name", request.UserName));
        }

        var previous = user.Role;
        user.Role = role.Value;
        user.SecurityStamp = UserAccount.NewStamp(); // sessions issued under the old role end
        await audit.SaveAndAppendAsync(db, request.EnterpriseId, request.Actor, AuditActions.RoleChanged, user.UserName, $"{previous}->{role.Value}", ct);
        return UserView.From(user, clock.GetUtcNow());
    }
}
