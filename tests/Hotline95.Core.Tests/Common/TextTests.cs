using Hotline95.Core.Common;

namespace Hotline95.Core.Tests.Common;

public sealed class TextTests
{
    [Theory]
    [InlineData("投诉热线", 10, "投诉热线")]
    [InlineData("投诉热线", 2, "投诉")]
    [InlineData("ab😀cd", 3, "ab")] // the emoji is two UTF-16 units: never cut between them
    [InlineData("ab😀cd", 4, "ab😀")]
    [InlineData("𠀀𠀁", 3, "𠀀")] // a CJK ideograph outside the Basic Multilingual Plane
    public void Clip_TextOverTheLimit_KeepsWholeCharactersOnly(string text, int length, string expected)
    {
        var clipped = Text.Clip(text, length);

        Assert.Equal(expected, clipped);
        Assert.False(clipped.Length > 0 && char.IsHighSurrogate(clipped[^1]));
        Assert.Equal(clipped, System.Text.Encoding.UTF8.GetString(new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(clipped)));
    }
}
