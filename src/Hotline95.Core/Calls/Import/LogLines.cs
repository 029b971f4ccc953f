using System.Text;

namespace Hotline95.Core.Calls.Import;

/// <summary>A line of a log file: its text (without the newline), or why it cannot be decoded (the text then has replacement characters); and where it ends in the file.</summary>
public readonly record struct LogLine(long Number, string? Text, string? Reason, long EndOffset);

/// <summary>
/// Reads a log file line by line with the byte offset after each line, so a follower can resume exactly there. Each line
/// is decoded on its own and strictly: an undecodable line is reported with its reason instead of being stored as
/// replacement characters. A last line without its newline is a line still being written: a follower leaves it for
/// the next read (<paramref name="completeLinesOnly"/>), a one-off import takes it.
/// </summary>
public static class LogLines
{
    public static IEnumerable<LogLine> Read(Stream stream, Encoding encoding, long firstNumber = 1, bool completeLinesOnly = false)
    {
        var strict = StrictDecoding.Of(encoding);
        var buffer = new byte[1 << 16];
        var pending = new MemoryStream();
        var number = firstNumber;
        var offset = stream.CanSeek ? stream.Position : 0;
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
                    offset += read - start;
                    break;
                }

                offset += newline + 1 - start;
                LogLine line;
                if (pending.Length == 0)
                {
                    line = Decode(strict, buffer.AsSpan(start, newline - start), number, offset);
                }
                else
                {
                    pending.Write(buffer, start, newline - start);
                    line = Decode(strict, pending.GetBuffer().AsSpan(0, (int)pending.Length), number, offset);
                    pending.SetLength(0);
                }

                number++;
                yield return line;
                start = newline + 1;
            }
        }

        if (pending.Length > 0 && !completeLinesOnly)
        {
            yield return Decode(strict, pending.GetBuffer().AsSpan(0, (int)pending.Length), number, offset);
        }
    }

    private static LogLine Decode(Encoding strict, ReadOnlySpan<byte> bytes, long number, long endOffset)
    {
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }

        try
        {
            return new LogLine(number, strict.GetString(bytes), null, endOffset);
        }
        catch (DecoderFallbackException)
        {
            var name = strict.CodePage == 65001 ? "UTF-8" : strict.WebName.ToUpperInvariant();
            return new LogLine(number, Encoding.GetEncoding(strict.CodePage).GetString(bytes), $"not valid {name}{(strict.CodePage == 65001 ? " (a Chinese-language PBX often writes GB18030: --encoding gb18030)" : "")}", endOffset);
        }
    }
}
