using System.Text;
using Hotline95.Core.Common;

namespace Hotline95.Core.Calls;

/// <summary>What a recording is, by its content: how it is served, and whether a browser may play it inline.</summary>
public sealed record RecordingType(string ContentType, bool Attachment);

/// <summary>
/// Recordings are sniffed, never taken at their declared type: WAV, MP3, OGG and FLAC by their signatures are served
/// as audio; the headerless telephony formats (.gsm, .sln, .g729, .ulaw, .alaw) are accepted by name and always served
/// as a download of bytes; anything that reads as HTML, SVG, XML, script or other text is refused, so an upload can
/// never run in a user's session.
/// </summary>
public static class RecordingFormat
{
    /// <summary>How many leading bytes the sniffer needs.</summary>
    public const int HeadLength = 512;

    public static readonly IReadOnlySet<string> HeaderlessExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".gsm", ".sln", ".g729", ".ulaw", ".alaw" };

    private static readonly string[] MarkupSignatures = ["<!doctype", "<html", "<script", "<svg", "<?xml", "<body", "<iframe", "<head", "<img", "<a ", "<div", "javascript:"];

    public static Result<RecordingType> Detect(ReadOnlySpan<byte> head, string fileName)
    {
        if (LooksLikeMarkupOrText(head))
        {
            return Refuse(Phrase.Of("recording.markup", ("file", fileName)));
        }

        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            return new RecordingType("audio/wav", false);
        }

        if (head.Length >= 3 && (head[..3].SequenceEqual("ID3"u8) || (head[0] == 0xFF && (head[1] & 0xE0) == 0xE0)))
        {
            return new RecordingType("audio/mpeg", false);
        }

        if (head.Length >= 4 && head[..4].SequenceEqual("OggS"u8))
        {
            return new RecordingType("audio/ogg", false);
        }

        if (head.Length >= 4 && head[..4].SequenceEqual("fLaC"u8))
        {
            return new RecordingType("audio/flac", false);
        }

        if (HeaderlessExtensions.Contains(Path.GetExtension(fileName)))
        {
            return new RecordingType("application/octet-stream", true);
        }

        return Refuse(Phrase.Of("recording.unknown", ("file", fileName)));
    }

    /// <summary>How a stored recording is served: its sniffed audio type inline, anything else as a download of bytes.</summary>
    public static RecordingType ServeAs(string storedType) =>
        storedType is "audio/wav" or "audio/mpeg" or "audio/ogg" or "audio/flac"
            ? new RecordingType(storedType, false)
            : new RecordingType("application/octet-stream", true);

    private static bool LooksLikeMarkupOrText(ReadOnlySpan<byte> head)
    {
        if (head.Length == 0)
        {
            return true; // nothing to play
        }

        var text = Encoding.Latin1.GetString(head.StartsWith("\xEF\xBB\xBF"u8) ? head[3..] : head).TrimStart().ToLowerInvariant();
        if (text.StartsWith('<') || MarkupSignatures.Any(s => text.Contains(s, StringComparison.Ordinal)))
        {
            return true;
        }

        // Audio is binary: a head that is all printable text (a script, a CSV, an HTML fragment) is not a recording.
        var printable = 0;
        foreach (var b in head)
        {
            printable += b is 0x09 or 0x0A or 0x0D || (b >= 0x20 && b < 0x7F) ? 1 : 0;
        }

        return printable == head.Length && head.Length >= 16;
    }

    private static Error Refuse(Phrase reason) => Error.Of(ErrorKind.UnsupportedMedia, "RECORDING_TYPE_REFUSED", "file", ("reason", reason));
}
