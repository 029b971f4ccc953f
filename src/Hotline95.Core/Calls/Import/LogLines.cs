using System.Text;

namespace Hotline95.Core.Calls.Import;

/// <summary>A line of a log file: its text (without the newline), or why it cannot be decoded (the text then has replacement characters).</summary>
public readonly record struct LogLine(long Number, string? Text, string? Reason);

/// <summary>
/// Reads a log file line by line, each line decoded on its own and strictly: an undecodable line is reported with its
/// reason instead of being stored as replacement characters (a follower rejects that line and goes on).
/// </summary>
public static class LogLines
{
    public static IEnumerable<LogLine> Read(Stream stream, Encoding encoding, long firstNumber = 1)
    {
        var strict = StrictDecoding.Of(encoding);
        var buffer = new byte[1 << 16];
        var pending = new MemoryStream();
        var number = firstNumber;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            while (true)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, read - start);
                if (newline < 0)
                {
                    pending.Write(buffer, start, read - start);
                    break;
                }

                LogLine line;
                if (pending.Length == 0)
                {
                    line = Decode(strict, buffer.AsSpan(start, newline - start), number);
                }
                else
                {
                    pending.Write(buffer, start, newline - start);
                    line = Decode(strict, pending.GetBuffer().AsSpan(0, (int)pending.Length), number);
                    pending.SetLength(0);
                }

                number++;
                yield return line;
                start = newline + 1;
            }
        }

        if (pending.Length > 0)
        {
            yield return Decode(strict, pending.GetBuffer().AsSpan(0, (int)pending.Length), number);
        }
    }

    private static LogLine Decode(Encoding strict, ReadOnlySpan<byte> bytes, long number)
    {
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }

        try
        {
            return new LogLine(number, strict.GetString(bytes), null);
        }
        catch (DecoderFallbackException)
        {
            var name = strict.CodePage == 65001 ? "UTF-8" : strict.WebName.ToUpperInvariant();
            return new LogLine(number, Encoding.GetEncoding(strict.CodePage).GetString(bytes), $"not valid {name}{(strict.CodePage == 65001 ? " (a Chinese-language PBX often writes GB18030: --encoding gb18030)" : "")}");
        }
    }
}
