using System.Globalization;
using System.Text.RegularExpressions;

namespace Hotline95.Core.Calls.Import;

/// <summary>Shared pieces of the PBX parsers: timestamps in the PBX's zone, caller-ID strings, line and direction.</summary>
public static partial class CdrParsing
{
    private static readonly string[] TimeFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFF", "yyyy/MM/dd HH:mm:ss"];

    /// <summary>A PBX timestamp without zone, read in <paramref name="zone"/>; ISO 8601 with an offset is honoured.</summary>
    public static DateTimeOffset? ParseTime(string? text, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var t = text.Trim();
        if (DateTime.TryParseExact(t, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        }

        return DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var withOffset) && HasOffset(t)
            ? withOffset.ToUniversalTime()
            : null;
    }

    /// <summary>Seconds (or microseconds, when <paramref name="micro"/>) since the Unix epoch; 0 means "did not happen".</summary>
    public static DateTimeOffset? ParseEpoch(string? text, bool micro = false)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return null;
        }

        return micro ? DateTimeOffset.FromUnixTimeMilliseconds(value / 1000) : DateTimeOffset.FromUnixTimeSeconds(value);
    }

    /// <summary>"Name" &lt;number&gt; → (Name, number).</summary>
    public static (string? Name, string? Number) ParseCallerId(string? clid)
    {
        if (string.IsNullOrWhiteSpace(clid))
        {
            return (null, null);
        }

        var match = CallerIdPattern().Match(clid.Trim());
        if (!match.Success)
        {
            return (null, clid.Trim());
        }

        var name = match.Groups["name"].Value.Trim().Trim('"').Trim();
        return (name.Length == 0 ? null : name, match.Groups["number"].Value.Trim());
    }

    /// <summary>PJSIP/1001-0000002a → 1001: the agent's extension from a channel name.</summary>
    public static string? ExtensionOf(string? channel)
    {
        if (string.IsNullOrWhiteSpace(channel))
        {
            return null;
        }

        var slash = channel.IndexOf('/', StringComparison.Ordinal);
        var rest = slash >= 0 ? channel[(slash + 1)..] : channel;
        var dash = rest.LastIndexOf('-');
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        var end = at >= 0 ? at : dash > 0 ? dash : rest.Length;
        var ext = rest[..end];
        return ext.Length is 0 or > 64 ? null : ext;
    }

    /// <summary>
    /// Which configured line a record belongs to: <paramref name="forcedLine"/> when given (--line), else the
    /// line dialled (inbound) or the line calling out (outbound). The customer is the other party.
    /// </summary>
    public static (string? Line, CallDirection Direction, string? Customer) Resolve(LineSet lines, string? forcedLine, string? from, string? to, CallDirection? hint)
    {
        if (forcedLine is not null)
        {
            var outbound = hint == CallDirection.Out || (hint is null && lines.Match(from) == forcedLine);
            return outbound ? (forcedLine, CallDirection.Out, to) : (forcedLine, CallDirection.In, from);
        }

        if (hint != CallDirection.Out && lines.Match(to) is { } dialled)
        {
            return (dialled, CallDirection.In, from);
        }

        if (hint != CallDirection.In && lines.Match(from) is { } sender)
        {
            return (sender, CallDirection.Out, to);
        }

        return (null, hint ?? CallDirection.In, from);
    }

    public static string NoLineReason(string? from, string? to, LineSet lines) =>
        $"no configured 95 line: dialled '{to}', from '{from}' (configured: {(lines.All.Count == 0 ? "none" : string.Join(", ", lines.All.Order()))}); give --line to import anyway";

    private static bool HasOffset(string t) => t.EndsWith('Z') || OffsetPattern().IsMatch(t);

    [GeneratedRegex(@"^(?<name>.*?)\s*<(?<number>[^>]*)>$")]
    private static partial Regex CallerIdPattern();

    [GeneratedRegex(@"[+-]\d\d:?\d\d$")]
    private static partial Regex OffsetPattern();
}
