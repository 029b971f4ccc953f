using System.Globalization;
using System.Text;

namespace Hotline95.Core.Compliance;

/// <summary>
/// Puts copy into the one form the lexicon is written in: full-width → half-width, traditional → simplified,
/// Latin upper-case, and the spaces people (or evaders) put inside words removed: 最 专 业, 國　家　級 and
/// ＮＯ．１ all read as the lexicon's 最专业, 国家级, NO.1. Every character of the result remembers where it
/// came from, so findings point at the original line and column.
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string text) => Map(text).Text;

    /// <summary>The normalised text and, for each of its characters, the index of the original character.</summary>
    public static (string Text, int[] Origins) Map(string text)
    {
        var builder = new StringBuilder(text.Length);
        var origins = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsInvisibleSpace(c))
            {
                continue;
            }

            // NFKC turns full-width ASCII into ASCII one for one; anything it expands is kept as it was.
            var folded = c.ToString().Normalize(NormalizationForm.FormKC);
            var single = folded.Length == 1 ? folded[0] : c;
            single = ChineseVariants.ToSimplified(single);
            single = char.ToUpperInvariant(single);
            builder.Append(single);
            origins.Add(i);
        }

        return (builder.ToString(), origins.ToArray());
    }

    private static bool IsInvisibleSpace(char c) =>
        c is ' ' or '\t' or '\u3000' or '\u00A0' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF'
        || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;
}
