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
            return Error.Validation(field, "LINE_NUMBER_REQUIRED");
        }

        if (!number.All(char.IsAsciiDigit))
        {
            return Error.Validation(field, "LINE_NUMBER_NOT_DIGITS", ("number", number));
        }

        if (!number.StartsWith("95", StringComparison.Ordinal))
        {
            return Error.Validation(field, "LINE_NUMBER_PREFIX", ("number", number));
        }

        if (number.Length is not (5 or 6))
        {
            return Error.Validation(field, "LINE_NUMBER_LENGTH", ("number", number), ("length", number.Length));
        }

        return number;
    }
}
