using Hotline95.Core.Common;

namespace Hotline95.Core.Identity;

public static class RoleNames
{
    public static string All => string.Join(", ", Enum.GetNames<Role>());

    public static Result<Role> Parse(string? value, string field) =>
        EnumNames.TryParse<Role>(value, out var role)
            ? role
            : Error.Validation(field, "ROLE_UNKNOWN", ("value", value), ("allowed", All));
}
