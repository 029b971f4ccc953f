using Microsoft.AspNetCore.Identity;

namespace Hotline95.Core.Identity;

/// <summary>ASP.NET Core Identity's standard hasher (PBKDF2-HMAC-SHA512, per-user salt, versioned format).</summary>
public sealed class Passwords
{
    private readonly PasswordHasher<UserAccount> _hasher = new();

    public string Hash(UserAccount user, string password) => _hasher.HashPassword(user, password);

    public bool Verify(UserAccount user, string password) =>
        user.PasswordHash.Length > 0 &&
        _hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
}
