using Hotline95.Core.Calls.Import;

namespace Hotline95.Core.Tests.Calls;

public sealed class TrunkTests
{
    [Theory]
    [InlineData("acct-95528", "PJSIP/trunk-ct-00000001", "acct-95528")]
    [InlineData("", "PJSIP/trunk-ct-00000001", "PJSIP/trunk-ct")]
    [InlineData("", "SIP/carrier", "SIP/carrier")]
    [InlineData("  ", "", null)]
    [InlineData("", "1001", null)]
    public void TrunkOf_AccountCodeElseTheChannelsPeer(string accountCode, string channel, string? trunk)
    {
        Assert.Equal(trunk, CdrParsing.TrunkOf(accountCode, channel));
    }
}
