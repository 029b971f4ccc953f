namespace Hotline95.Core.Identity;

public sealed record UserView(Guid Id, string UserName, string DisplayName, Role Role, bool Locked, DateTimeOffset CreatedAt, DateTimeOffset? LastLoginAt,
    bool Disabled = false, DateTimeOffset? LockedUntil = null, string? PbxName = null, string? Extension = null)
{
    public static UserView From(UserAccount user, DateTimeOffset now) =>
        new(user.Id, user.UserName, user.DisplayName, user.Role, user.LockedUntil > now, user.CreatedAt, user.LastLoginAt,
            user.DisabledAt is not null, user.LockedUntil > now ? user.LockedUntil : null,
            user.PbxName, user.Extension);
}
