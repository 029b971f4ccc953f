using System.Globalization;
using System.Text.RegularExpressions;
using Hotline95.Core.Common;

namespace Hotline95.Core.Calls.Import;

/// <summary>Shared pieces of the PBX parsers: timestamps in the PBX's zone, caller-ID strings, line and direction.</summary>
public static partial class CdrParsing
{
    /// <summary>The agent recorded for a call the voicemail took: no person handled it.</summary>
    public const string Voicemail = "voicemail";

    private static readonly string[] TimeFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFF", "yyyy/MM/dd HH:mm:ss"];

    /// <summary>A PBX timestamp without zone, read in <paramref name="zone"/>; ISO 8601 with an offset is honoured.</summary>
    public static DateTimeOffset? ParseTime(string? text, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (TryParseFixed(text, out var fixedLocal))
        {
            return new DateTimeOffset(fixedLocal, OffsetCache.Get(zone, fixedLocal)).ToUniversalTime();
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

        var text = clid.Trim();
        var open = text.LastIndexOf('<');
        if (open < 0 || text[^1] != '>')
        {
            return (null, text);
        }

        var name = text[..open].Trim().Trim('"').Trim();
        return (name.Length == 0 ? null : name, text[(open + 1)..^1].Trim());
    }

    /// <summary>The PBXs' own "yyyy-MM-dd HH:mm:ss", parsed without the general parser's cost (this runs per row).</summary>
    private static bool TryParseFixed(string text, out DateTime value)
    {
        value = default;
        var s = text.AsSpan();
        if (s.Length != 19 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        static int D(ReadOnlySpan<char> p) => p.Length == 2 ? (p[0] - '0') * 10 + (p[1] - '0') : ((p[0] - '0') * 1000) + ((p[1] - '0') * 100) + ((p[2] - '0') * 10) + (p[3] - '0');
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c) && c is not ('-' or ' ' or ':'))
            {
                return false;
            }
        }

        int year = D(s[..4]), month = D(s[5..7]), day = D(s[8..10]), hour = D(s[11..13]), minute = D(s[14..16]), second = D(s[17..19]);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(1, year), month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return true;
    }

    /// <summary>Zone offsets change at most twice a year: remember the last hour's.</summary>
    private static class OffsetCache
    {
        [ThreadStatic]
        private static (TimeZoneInfo Zone, long Hour, TimeSpan Offset) _last;

        public static TimeSpan Get(TimeZoneInfo zone, DateTime local)
        {
            var hour = local.Ticks / TimeSpan.TicksPerHour;
            if (!ReferenceEquals(_last.Zone, zone) || _last.Hour != hour)
            {
                _last = (zone, hour, zone.GetUtcOffset(local));
            }

            return _last.Offset;
        }
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

    [GeneratedRegex(@"[+-]\d\d:?\d\d$")]
    private static partial Regex OffsetPattern();

    /// <summary>
    /// The trunk a call used: the account code when the PBX sets one, else the technology/peer part of the
    /// trunk-side channel (PJSIP/trunk-ct-00000001 → PJSIP/trunk-ct). Null when neither says anything.
    /// </summary>
    public static string? TrunkOf(string accountCode, string? channel)
    {
        if (accountCode.Trim() is { Length: > 0 } code)
        {
            return Text.Clip(code, 64);
        }

        if (string.IsNullOrWhiteSpace(channel) || !channel.Contains('/'))
        {
            return null;
        }

        var dash = channel.LastIndexOf('-');
        var peer = dash > channel.IndexOf('/') ? channel[..dash] : channel;
        return Text.Clip(peer, 64);
    }
}
