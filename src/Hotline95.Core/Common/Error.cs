namespace Hotline95.Core.Common;

/// <summary>What kind of expected failure an <see cref="Error"/> is; the web layer maps each kind to one HTTP status.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,
    Conflict,
    Forbidden,
    Unauthorized,
    Locked,
    /// <summary>An allowance is used up (exports per day).</summary>
    TooMany,
    /// <summary>Content of a kind the product refuses (a recording that is not audio).</summary>
    UnsupportedMedia,
}

/// <summary>
/// An expected failure (bad input, missing record, locked account), returned rather than thrown.
/// <paramref name="Field"/> names the offending input (a JSON property or CLI argument) when there is one.
/// </summary>
public sealed record Error(string Code, string Message, ErrorKind Kind = ErrorKind.Validation, string? Field = null)
{
    public static Error Validation(string field, string code, string message) => new(code, message, ErrorKind.Validation, field);
    public static Error NotFound(string code, string message) => new(code, message, ErrorKind.NotFound);
    public static Error Conflict(string code, string message, string? field = null) => new(code, message, ErrorKind.Conflict, field);
}
