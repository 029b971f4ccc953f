using System.Text;

namespace Hotline95.Core.Calls.Import;

/// <summary>
/// Streams CSV records (RFC 4180 quoting, doubled quotes, newlines inside quotes) with the line number each
/// starts on and its raw text, so a rejected record can be reported as file:line and written back verbatim.
/// Unquoted fields are kept apart from quoted ones: Asterisk writes an unanswered call's answer as nothing.
/// </summary>
public sealed class CsvRecordReader(TextReader reader)
{
    private int _line;

    public sealed record Record(int Line, string Raw, IReadOnlyList<string> Fields, bool Malformed);

    public IEnumerable<Record> Read()
    {
        var width = 16;
        while (reader.ReadLine() is { } first)
        {
            _line++;
            var start = _line;
            if (first.Length == 0)
            {
                continue;
            }

            var (fields, open) = Split(first, width);
            if (!open)
            {
                width = fields.Count; // the common case, one line one record: no copy of the line
                yield return new Record(start, first, fields, false);
                continue;
            }

            var raw = new StringBuilder(first);
            while (open && reader.ReadLine() is { } next)
            {
                _line++;
                raw.Append('\n').Append(next);
                (fields, open) = Split(raw.ToString(), width);
            }

            yield return new Record(start, raw.ToString(), fields, open);
        }
    }

    /// <summary>Splits one record; <c>open</c> is true while a quoted field has not been closed.</summary>
    /// <remarks>
    /// Runs once per row of files with millions: a plain field, or a quoted one followed by its comma, is cut out
    /// of the line in one piece; anything else (a quote or carriage return inside a field) goes character by character.
    /// </remarks>
    public static (List<string> Fields, bool Open) Split(string text, int expectedFields = 16)
    {
        var fields = new List<string>(expectedFields);
        StringBuilder? buffer = null;
        var i = 0;
        while (true)
        {
            var fieldStart = i;
            int end;
            if (i < text.Length && text[i] == '"')
            {
                var from = i + 1;
                var doubled = false;
                var quote = text.IndexOf('"', from);
                while (quote >= 0 && quote + 1 < text.Length && text[quote + 1] == '"')
                {
                    doubled = true;
                    quote = text.IndexOf('"', quote + 2);
                }

                if (quote < 0)
                {
                    fields.Add(Unquote(text.AsSpan(from), doubled, ref buffer));
                    return (fields, true);
                }

                end = quote + 1;
                if (end < text.Length && text[end] != ',')
                {
                    return SplitSlowly(text, fields, fieldStart); // text after the closing quote
                }

                fields.Add(Unquote(text.AsSpan(from, quote - from), doubled, ref buffer));
            }
            else
            {
                var comma = text.IndexOf(',', i);
                end = comma < 0 ? text.Length : comma;
                if (text.AsSpan(i, end - i).IndexOfAny('"', '\r') >= 0)
                {
                    return SplitSlowly(text, fields, fieldStart);
                }

                fields.Add(end == i ? string.Empty : text.Substring(i, end - i));
            }

            if (end >= text.Length)
            {
                return (fields, false);
            }

            i = end + 1;
        }
    }

    private static string Unquote(ReadOnlySpan<char> value, bool doubled, ref StringBuilder? buffer)
    {
        if (!doubled)
        {
            return value.IsEmpty ? string.Empty : value.ToString();
        }

        buffer ??= new StringBuilder(value.Length);
        buffer.Clear();
        for (var i = 0; i < value.Length; i++)
        {
            buffer.Append(value[i]);
            if (value[i] == '"' && i + 1 < value.Length && value[i + 1] == '"')
            {
                i++;
            }
        }

        return buffer.ToString();
    }

    /// <summary>Character by character from <paramref name="from"/>: for the odd field with a quote in its middle.</summary>
    internal static (List<string> Fields, bool Open) SplitSlowly(string text, List<string> fields, int from)
    {
        var field = new StringBuilder();
        var inQuotes = false;
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c != '\r')
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return (fields, inQuotes);
    }
}
