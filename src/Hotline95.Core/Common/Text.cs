namespace Hotline95.Core.Common;

public static class Text
{
    /// <summary>The first <paramref name="length"/> characters: for free text bound for a column of that width.</summary>
    public static string Clip(string text, int length) => text.Length > length ? text[..length] : text;
}
