namespace Hotline95.Core.Common;

/// <summary>
/// An enum value from what a person or another system typed: one of its names, in any case, nothing else. .NET's own
/// <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> also takes numbers ("7", "-1"), defined or not, and
/// comma-separated lists, so a query string <c>format=7</c> would reach a switch that has no such case.
/// </summary>
public static class EnumNames
{
    public static bool TryParse<TEnum>(string? value, out TEnum result) where TEnum : struct, Enum
    {
        result = default;
        var name = value?.Trim();
        return !string.IsNullOrEmpty(name) && (char.IsLetter(name[0]) || name[0] == '_') && !name.Contains(',', StringComparison.Ordinal)
            && Enum.TryParse(name, ignoreCase: true, out result) && Enum.IsDefined(result);
    }
}
