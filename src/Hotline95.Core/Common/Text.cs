namespace Hotline95.Core.Common;

public static class Text
{
    /// <summary>A text over its limit, measured in characters (or, for a telephone number, digits): one 422 wherever it is checked.</summary>
    public static Error TooLong(string field, int length, int max, bool digits = false) => Error.Validation(field, "TEXT_TOO_LONG",
        ("field", field), ("length", length), ("max", max), ("unit", digits ? Phrase.Of("unit.digits") : Phrase.Of("unit.characters")));

    /// <summary>
    /// The first <paramref name="length"/> characters: for free text bound for a column of that width. Never half of a
    /// character outside the Basic Multilingual Plane (an emoji, a rare CJK ideograph): a lone surrogate is not UTF-8, and
    /// PostgreSQL's driver refuses to send it.
    /// </summary>
    public static string Clip(string text, int length) =>
        text.Length <= length ? text : text[..(length > 0 && char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];
}
