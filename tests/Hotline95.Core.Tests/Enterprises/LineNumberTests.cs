using Hotline95.Core.Enterprises;

namespace Hotline95.Core.Tests.Enterprises;

public sealed class LineNumberTests
{
    [Theory]
    [InlineData("95588")]
    [InlineData("955881")]
    [InlineData(" 95528 ")]
    public void Parse_FiveOrSixDigitsBeginningWith95_IsAccepted(string input)
    {
        var result = LineNumber.Parse(input);

        Assert.True(result.IsSuccess);
        Assert.Equal(input.Trim(), result.Value);
    }

    [Theory]
    [InlineData("", "LINE_NUMBER_REQUIRED")]
    [InlineData("96588", "LINE_NUMBER_PREFIX")]
    [InlineData("9558", "LINE_NUMBER_LENGTH")]
    [InlineData("9558812", "LINE_NUMBER_LENGTH")]
    [InlineData("955-88", "LINE_NUMBER_NOT_DIGITS")]
    [InlineData("95５88", "LINE_NUMBER_NOT_DIGITS")] // a full-width digit
    public void Parse_NotA95Number_IsRefusedWithTheReason(string input, string code)
    {
        var result = LineNumber.Parse(input);

        Assert.False(result.IsSuccess);
        Assert.Equal(code, result.Error.Code);
        Assert.Equal("number", result.Error.Field);
    }
}
