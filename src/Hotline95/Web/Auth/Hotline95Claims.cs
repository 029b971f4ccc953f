using System.Security.Claims;
using Hotline95.Core.Identity;

namespace Hotline95.Web.Auth;

/// <summary>The claims a signed-in user or API key carries, and typed access to them.</summary>
public static class Hotline95Claims
{
    public const string Enterprise = "h95:enterprise";
    public const string Kind = "h95:kind";
    public const string UserKind = "user";
    public const string ApiKeyKind = "apikey";
    public const string Stamp = "h95:stamp";

    public static ClaimsPrincipal ForUser(SignedInUser user, string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, user.UserId.ToString()),
        new Claim(ClaimTypes.Name, user.UserName),
        new Claim(ClaimTypes.GivenName, user.DisplayName),
        new Claim(ClaimTypes.Role, user.Role.ToString()),
        new Claim(Enterprise, user.EnterpriseId.ToString()),
        new Claim(Kind, UserKind),
        new Claim(Stamp, user.SecurityStamp),
    ], scheme));

    public static ClaimsPrincipal ForApiKey(ApiKeyPrincipal key, string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, key.KeyId.ToString()),
        new Claim(ClaimTypes.Name, $"apikey:{key.Name}"),
        new Claim(ClaimTypes.Role, key.Role.ToString()),
        new Claim(Enterprise, key.EnterpriseId.ToString()),
        new Claim(Kind, ApiKeyKind),
    ], scheme));

    public static Guid EnterpriseId(this ClaimsPrincipal principal) =>
        Guid.Parse(principal.FindFirstValue(Enterprise) ?? throw new InvalidOperationException("No enterprise claim: endpoint reached without authentication."));

    public static string Actor(this ClaimsPrincipal principal) => principal.Identity?.Name ?? "anonymous";

    public static Role? Role(this ClaimsPrincipal principal) =>
        Enum.TryParse<Role>(principal.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    public static Guid? UserId(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(Kind) == UserKind && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
