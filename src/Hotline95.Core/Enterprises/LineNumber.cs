using Hotline95.Core.Common;

namespace Hotline95.Core.Enterprises;

/// <summary>The rule for a 95 customer-service short number: 5 or 6 digits beginning with 95.</summary>
public static class LineNumber
{
    public static Result<string> Parse(string? input, string field = "number")
    {
        var number = input?.Trim() ?? "";
        if (number.Length == 0)
        {
            return Error.Validation(field, "LINE_NUMBER_REQUIRED", "A 95 number is required. / 请填写95号码。");
        }

        if (!number.All(char.IsAsciiDigit))
        {
            return Error.Validation(field, "LINE_NUMBER_NOT_DIGITS",
                $"'{number}' is not a 95 number: only digits are allowed. / 95号码只能包含数字。");
        }

        if (!number.StartsWith("95", StringComparison.Ordinal))
        {
            return Error.Validation(field, "LINE_NUMBER_PREFIX",
                $"'{number}' is not a 95 number: it must begin with 95. / 95号码必须以95开头。");
        }

        if (number.Length is not (5 or 6))
        {
            return Error.Validation(field, "LINE_NUMBER_LENGTH",
                $"'{number}' is not a 95 number: it has {number.Length} digits, a 95 number has 5 (95XXX) or 6 (95XXXX). / 95号码应为5位或6位。");
        }

        return number;
    }
}
