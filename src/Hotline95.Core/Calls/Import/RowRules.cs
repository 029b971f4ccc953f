using Hotline95.Core.Common;

namespace Hotline95.Core.Calls.Import;

/// <summary>
/// What every imported row must satisfy, whatever its format: a table of small rules, each giving the reason a row
/// goes to FILE.rejected. A withheld caller (empty, anonymous, unknown, restricted) is not a reason: it is stored as
/// withheld.
/// </summary>
public static class RowRules
{
    /// <summary>The most digits a telephone number has (ITU-T E.164 allows 15; PBX dial strings with prefixes stay well under this).</summary>
    public const int MaxNumberDigits = 32;

    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private static readonly (string Name, Func<CallData, DateTimeOffset, string?> Check)[] Rules =
    [
        ("start not before 2000", (c, _) => c.StartedAt < Earliest ? $"start {ChinaTime.ToChina(c.StartedAt):yyyy-MM-dd} is before 2000: the PBX clock was not set" : null),
        ("start not after tomorrow", (c, latest) => c.StartedAt >= latest ? $"start {ChinaTime.ToChina(c.StartedAt):yyyy-MM-dd} is in the future" : null),
        ("end not before start", (c, _) => c.EndedAt < c.StartedAt ? $"end {ChinaTime.ToChina(c.EndedAt!.Value):yyyy-MM-dd HH:mm:ss} is before start {ChinaTime.ToChina(c.StartedAt):yyyy-MM-dd HH:mm:ss}" : null),
        ("answer not before start", (c, _) => c.AnsweredAt < c.StartedAt ? $"answer {ChinaTime.ToChina(c.AnsweredAt!.Value):yyyy-MM-dd HH:mm:ss} is before start" : null),
        ("answer not after end", (c, _) => c.AnsweredAt > c.EndedAt ? "answer is after end" : null),
        ("customer number length", (c, _) => Digits(c.CustomerNumber) > MaxNumberDigits ? $"number '{Text.Clip(c.CustomerNumber!, 40)}…' has more than {MaxNumberDigits} digits" : null),
    ];

    /// <summary>The first instant no call may start at: the end of tomorrow (Asia/Shanghai), allowing for PBX clocks and zones.</summary>
    public static DateTimeOffset LatestStart(DateTimeOffset now) => ChinaTime.StartOfDay(ChinaTime.DateOf(now).AddDays(2));

    /// <summary>The reason <paramref name="call"/> cannot be stored, or null.</summary>
    public static string? Check(CallData call, DateTimeOffset latestStart)
    {
        foreach (var (_, check) in Rules)
        {
            if (check(call, latestStart) is { } reason)
            {
                return reason;
            }
        }

        return null;
    }

    private static int Digits(string? number) => number?.Count(char.IsAsciiDigit) ?? 0;
}

/// <summary>
/// A CDR file is read only if every byte of it is valid in the chosen encoding: a GB18030 file read as UTF-8 would be
/// stored as replacement characters, and the right import later would duplicate its calls.
/// </summary>
public static class StrictDecoding
{
    public static System.Text.Encoding Of(System.Text.Encoding encoding) =>
        System.Text.Encoding.GetEncoding(encoding.CodePage, System.Text.EncoderFallback.ExceptionFallback, System.Text.DecoderFallback.ExceptionFallback);

    /// <summary>Null when <paramref name="path"/> decodes cleanly; else where it does not, with the advice.</summary>
    public static async Task<Error?> CheckAsync(string path, System.Text.Encoding encoding, CancellationToken ct)
    {
        var decoder = Of(encoding).GetDecoder();
        var buffer = new byte[1 << 16];
        var chars = new char[encoding.GetMaxCharCount(buffer.Length)];
        long offset = 0;
        var line = 1;
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, ct)) > 0)
            {
                var count = decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
                line += chars.AsSpan(0, count).Count('\n');
                offset += read;
            }

            decoder.GetChars([], 0, 0, chars, 0, flush: true);
            return null;
        }
        catch (System.Text.DecoderFallbackException ex)
        {
            var name = encoding.CodePage == 65001 ? "UTF-8" : encoding.WebName.ToUpperInvariant();
            return Error.Validation("--encoding", "FILE_ENCODING", ("file", path), ("encoding", name), ("byte", offset + Math.Max(0, ex.Index)), ("line", line),
                ("advice", encoding.CodePage == 65001 ? Phrase.Of("encoding.tryGb18030") : Phrase.Of("encoding.tryUtf8")));
        }
    }
}
