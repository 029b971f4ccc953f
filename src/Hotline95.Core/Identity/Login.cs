using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Identity;

public sealed record LoginRequest(string UserName, string Password, string? RemoteAddress);

/// <summary>Who is signed in: enough to build the session's claims without another lookup.</summary>
public sealed record SignedInUser(Guid UserId, Guid EnterpriseId, string UserName, string DisplayName, Role Role, string SecurityStamp);

/// <summary>
/// Checks a password. An unknown user, a wrong password, a locked and a disabled account all get the same answer after
/// the same work (a locked account's password is not even checked; the audit log and the administrators see why). Each
/// check first reserves one of the account's remaining attempts in the database, so parallel guesses check at most the
/// lockout threshold of passwords, on any number of nodes.
/// </summary>
public sealed class LoginHandler(Hotline95DbContext db, Passwords passwords, AuditLog audit, TimeProvider clock, IOptions<IdentityPolicyOptions> options)
{
    /// <summary>The longest user name looked up; a longer one is refused before any lookup.</summary>
    public const int MaxUserNameLength = 256;

    // One message for every refusal, so the login form does not reveal which accounts exist or are locked.
    private static readonly Error BadCredentials = Error.Of(ErrorKind.Unauthorized, "LOGIN_FAILED", null);

    // Verified against when there is no real hash to check, so every refusal costs one hash verification.
    private static readonly UserAccount Decoy = CreateDecoy();

    public async Task<Result<SignedInUser>> HandleAsync(LoginRequest request, CancellationToken ct = default)
    {
        if (request.UserName.Length is 0 or > MaxUserNameLength || (request.Password?.Length ?? 0) > 1024)
        {
            return Error.Validation("userName", "LOGIN_INVALID", ("max", MaxUserNameLength));
        }

        var policy = options.Value;
        var now = clock.GetUtcNow();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == request.UserName, ct);
        if (user is null)
        {
            passwords.Verify(Decoy, request.Password ?? "");
            return BadCredentials;
        }

        if (user.DisabledAt is not null)
        {
            passwords.Verify(Decoy, request.Password ?? "");
            await audit.AppendAsync(user.EnterpriseId, user.UserName, AuditActions.LoginFailed, user.UserName, $"{request.RemoteAddress} account disabled", ct);
            return BadCredentials;
        }

        // A lock that has run out is lifted, then one attempt is reserved; none left means locked. The attempt that takes
        // the last one sets the lock in the same statement (a success lifts it again), so a dropped connection or a crash
        // during the check can never leave the account without attempts and without a lock that ends.
        var lockUntil = now + policy.LockoutDuration;
        await db.Users.Where(u => u.Id == user.Id && u.LockedUntil != null && u.LockedUntil <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockedUntil, (DateTimeOffset?)null).SetProperty(u => u.FailedLogins, 0), ct);
        var reserved = await db.Users.Where(u => u.Id == user.Id && u.LockedUntil == null && u.FailedLogins < policy.LockoutThreshold)
            .ExecuteUpdateAsync(s => s
                .SetProperty(u => u.LockedUntil, u => u.FailedLogins + 1 >= policy.LockoutThreshold ? lockUntil : (DateTimeOffset?)null)
                .SetProperty(u => u.FailedLogins, u => u.FailedLogins + 1), ct);
        if (reserved == 0)
        {
            passwords.Verify(Decoy, request.Password ?? "");
            await audit.AppendAsync(user.EnterpriseId, user.UserName, AuditActions.LoginRefusedLocked, user.UserName, request.RemoteAddress ?? "", ct);
            return BadCredentials;
        }

        // From here on the outcome is recorded whatever happens to the request.
        var done = CancellationToken.None;
        if (!passwords.Verify(user, request.Password ?? ""))
        {
            // The reserved attempt stays used. Once the attempts are used up, exactly one failed check claims the lock for
            // the audit log (the count steps past the threshold once), however many ran in parallel.
            var locked = await db.Users.Where(u => u.Id == user.Id && u.FailedLogins == policy.LockoutThreshold)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedLogins, policy.LockoutThreshold + 1), done) == 1;
            await audit.AppendAsync(user.EnterpriseId, user.UserName, locked ? AuditActions.AccountLocked : AuditActions.LoginFailed, user.UserName, request.RemoteAddress ?? "", done);
            return BadCredentials;
        }

        await db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedLogins, 0).SetProperty(u => u.LockedUntil, (DateTimeOffset?)null).SetProperty(u => u.LastLoginAt, now), done);
        await audit.AppendAsync(user.EnterpriseId, user.UserName, AuditActions.LoginSucceeded, user.UserName, request.RemoteAddress ?? "", done);
        return new SignedInUser(user.Id, user.EnterpriseId, user.UserName, user.DisplayName, user.Role, user.SecurityStamp);
    }

    private static UserAccount CreateDecoy()
    {
        var decoy = new UserAccount { UserName = "decoy", DisplayName = "decoy" };
        decoy.PasswordHash = new Passwords().Hash(decoy, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
        return decoy;
    }
}
