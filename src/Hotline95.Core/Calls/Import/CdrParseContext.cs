using System.Text;

namespace Hotline95.Core.Calls.Import;

public sealed record CdrParseContext(LineSet Lines, string? ForcedLine, TimeZoneInfo Zone, Encoding Encoding, AsteriskColumns? AsteriskColumns);

/// <summary>The whole file cannot be read in this format (e.g. an ambiguous Asterisk width): nothing of it is imported.</summary>
public sealed class CdrFormatException(string message) : Exception(message);

public interface ICdrParser
{
    IEnumerable<CdrRow> Parse(Stream stream, CdrParseContext context);
}

/// <summary>Maps the PBXs' outcome vocabularies onto <see cref="CallDisposition"/>.</summary>
public static class Dispositions
{
    public static CallDisposition FromAsterisk(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "ANSWERED" => CallDisposition.Answered,
        "NO ANSWER" => CallDisposition.NoAnswer,
        "BUSY" => CallDisposition.Busy,
        "FAILED" => CallDisposition.Failed,
        "CONGESTION" => CallDisposition.Congestion,
        "CANCEL" => CallDisposition.Cancelled,
        _ => CallDisposition.Unknown,
    };

    /// <summary>FreeSWITCH hang-up causes (Q.850 names); an answered call is Answered whatever the cause.</summary>
    public static CallDisposition FromFreeswitch(string? cause, bool answered)
    {
        if (answered)
        {
            return CallDisposition.Answered;
        }

        return cause?.Trim().ToUpperInvariant() switch
        {
            "USER_BUSY" => CallDisposition.Busy,
            "NO_ANSWER" or "NO_USER_RESPONSE" or "ALLOTTED_TIMEOUT" or "RECOVERY_ON_TIMER_EXPIRE" => CallDisposition.NoAnswer,
            "ORIGINATOR_CANCEL" or "NORMAL_CLEARING" or "LOSE_RACE" => CallDisposition.Cancelled,
            "CALL_REJECTED" => CallDisposition.Rejected,
            "NORMAL_CIRCUIT_CONGESTION" or "SWITCH_CONGESTION" => CallDisposition.Congestion,
            null or "" => CallDisposition.Unknown,
            _ => CallDisposition.Failed,
        };
    }

    public static CallDisposition Parse(string? value, bool answered)
    {
        if (Enum.TryParse<CallDisposition>(value?.Replace(" ", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var parsed))
        {
            return parsed;
        }

        return answered ? CallDisposition.Answered : FromAsterisk(value) is var a && a != CallDisposition.Unknown ? a : FromFreeswitch(value, false);
    }
}
