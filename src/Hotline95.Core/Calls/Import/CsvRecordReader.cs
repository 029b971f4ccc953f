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
        while (reader.ReadLine() is { } first)
        {
            _line++;
            var start = _line;
            if (first.Length == 0)
            {
                continue;
            }

            var raw = new StringBuilder(first);
            var (fields, open) = Split(raw.ToString());
            while (open && reader.ReadLine() is { } next)
            {
                _line++;
                raw.Append('\n').Append(next);
                (fields, open) = Split(raw.ToString());
            }

            yield return new Record(start, raw.ToString(), fields, open);
        }
    }

    /// <summary>Splits one record; <c>open</c> is true while a quoted field has not been closed.</summary>
    public static (List<string> Fields, bool Open) Split(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
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
