using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Identity;

public sealed record LoginRequest(string UserName, string Password, string? RemoteAddress);

/// <summary>Who is signed in: enough to build the session's claims without another lookup.</summary>
public sealed record SignedInUser(Guid UserId, Guid EnterpriseId, string UserName, string DisplayName, Role Role);

public sealed class LoginHandler(Hotline95DbContext db, Passwords passwords, AuditLog audit, TimeProvider clock, IOptions<IdentityPolicyOptions> options)
{
    // One message for unknown user and wrong password, so the login form does not reveal which accounts exist.
    private static readonly Error BadCredentials = new("LOGIN_FAILED", "Wrong user name or password. / 用户名或密码错误。", ErrorKind.Unauthorized);

    public async Task<Result<SignedInUser>> HandleAsync(LoginRequest request, CancellationToken ct = default)
    {
        var policy = options.Value;
        var now = clock.GetUtcNow();
        var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == request.UserName, ct);
        if (user is null)
        {
            return BadCredentials;
        }

        if (user.LockedUntil is { } until && until > now)
        {
            await audit.AppendAsync(user.EnterpriseId, user.UserName, AuditActions.LoginRefusedLocked, user.UserName, request.RemoteAddress ?? "", ct);
            return new Error("ACCOUNT_LOCKED",
                $"Account locked after repeated failed logins; try again after {ChinaTime.ToChina(until):yyyy-MM-dd HH:mm} (Asia/Shanghai) or ask an Admin. / 多次登录失败，账户已锁定。",
                ErrorKind.Locked);
        }

        if (!passwords.Verify(user, request.Password ?? ""))
        {
            user.FailedLogins++;
            var locked = user.FailedLogins >= policy.LockoutThreshold;
            if (locked)
            {
                user.LockedUntil = now + policy.LockoutDuration;
                user.FailedLogins = 0;
            }

            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(user.EnterpriseId, user.UserName, locked ? AuditActions.AccountLocked : AuditActions.LoginFailed, user.UserName, request.RemoteAddress ?? "", ct);
            return BadCredentials;
        }

        user.FailedLogins = 0;
        user.LockedUntil = null;
        user.LastLoginAt = now;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.EnterpriseId, user.UserName, AuditActions.LoginSucceeded, user.UserName, request.RemoteAddress ?? "", ct);
        return new SignedInUser(user.Id, user.EnterpriseId, user.UserName, user.DisplayName, user.Role);
    }
}
