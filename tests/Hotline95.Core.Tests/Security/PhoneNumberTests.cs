using Hotline95.Core.Security;

namespace Hotline95.Core.Tests.Security;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("13800138000", "13800138000")]
    [InlineData("+86 138-0013-8000", "13800138000")]
    [InlineData("+86 (138) 0013 8000", "13800138000")]
    [InlineData("0086 13800138000", "13800138000")]
    [InlineData("8613800138000", "13800138000")]
    [InlineData("１３８ ００１３ ８０００", "13800138000")]
    [InlineData("021-6888 8888", "2168888888")]
    [InlineData("+86 21 6888 8888", "2168888888")]
    [InlineData("95528", "95528")]
    [InlineData("", "")]
    public void Normalize_CommonWritings_GiveOneForm(string raw, string expected)
    {
        Assert.Equal(expected, PhoneNumber.Normalize(raw));
    }

    [Theory]
    [InlineData("13800138000", "138****8000")]
    [InlineData("+86 138-0013-8000", "138****8000")]
    [InlineData("021-68888888", "21******88")]
    [InlineData("10086", "***86")]
    public void Mask_Numbers_HideTheMiddle(string raw, string expected)
    {
        Assert.Equal(expected, PhoneNumber.Mask(raw));
    }

    [Theory]
    [InlineData("王小明", "王**")]
    [InlineData("Wang Wu", "W**")]
    [InlineData("𠀀一", "𠀀**")]
    [InlineData("", "")]
    public void MaskName_KeepsTheFirstCharacterOnly(string name, string expected)
    {
        Assert.Equal(expected, PhoneNumber.MaskName(name));
    }
}
