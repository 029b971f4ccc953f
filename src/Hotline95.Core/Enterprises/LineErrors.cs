using Hotline95.Core.Common;

namespace Hotline95.Core.Enterprises;

/// <summary>The lines feature's errors, raised by every use case that takes a line number.</summary>
public static class LineErrors
{
    public const string UnknownCode = "LINE_UNKNOWN";

    public static Error Unknown(string? line) =>
        Error.Validation("line", UnknownCode, ("field", "line"), ("line", line));
}
