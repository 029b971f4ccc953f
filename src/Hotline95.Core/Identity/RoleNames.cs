using Hotline95.Core.Common;

namespace Hotline95.Core.Identity;

public static class RoleNames
{
    public static string All => string.Join(", ", Enum.GetNames<Role>());

    public static Result<Role> Parse(string? value, string field) =>
        Enum.TryParse<Role>(value?.Trim(), ignoreCase: true, out var role) && Enum.IsDefined(role) && !int.TryParse(value, out _)
            ? role
            : Error.Validation(field, "ROLE_UNKNOWN", ("value", value), ("allowed", All));
}
