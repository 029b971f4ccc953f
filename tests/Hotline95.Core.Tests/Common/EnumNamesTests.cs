using Hotline95.Core.Common;
using Hotline95.Core.Identity;
using Hotline95.Core.Service;

namespace Hotline95.Core.Tests.Common;

public sealed class EnumNamesTests
{
    [Theory]
    [InlineData("closed", TicketStatusFilter.Closed)]
    [InlineData(" ALL ", TicketStatusFilter.All)]
    [InlineData("Open", TicketStatusFilter.Open)]
    public void TryParse_NameInAnyCase_Parsed(string typed, TicketStatusFilter expected)
    {
        Assert.True(EnumNames.TryParse<TicketStatusFilter>(typed, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("1")] // a defined value's number: .NET's Enum.TryParse takes it
    [InlineData("99")] // an undefined one: .NET's Enum.TryParse takes that too
    [InlineData("-1")]
    [InlineData("open,closed")] // a flags-style list
    [InlineData("")]
    [InlineData(null)]
    [InlineData("opened")]
    public void TryParse_NumberListOrUnknownName_Refused(string? typed)
    {
        Assert.False(EnumNames.TryParse<TicketStatusFilter>(typed, out _));
    }

    [Fact]
    public void ParseStatus_DefinedValuesNumber_RefusedNamingTheAllowedWords()
    {
        var result = TicketsHandler.ParseStatus("1");

        Assert.False(result.IsSuccess);
        Assert.Equal("STATUS_UNKNOWN", result.Error.Code);
    }

    [Fact]
    public void RoleParse_Number_Refused()
    {
        Assert.False(RoleNames.Parse("0", "role").IsSuccess);
        Assert.True(RoleNames.Parse(" agent ", "role").IsSuccess);
    }
}
