using Hotline95.Core.Compliance;
using Hotline95.Core.Service;

namespace Hotline95.Core.Tests.Service;

/// <summary>One list of marketing words: line purposes, dossier purposes and the red-line scanner ask the same one.</summary>
public sealed class MarketingTermsTests
{
    [Theory]
    [InlineData("电话销售", "电话销售")]
    [InlineData("推销理财", "推销")]
    [InlineData("分期产品推荐", "产品推荐")]
    [InlineData("新品促销通知", "促销")]
    [InlineData("信用卡推荐办理", "推荐办理")]
    [InlineData("外呼营销", "营销")]
    [InlineData("Telemarketing desk", "TELEMARKETING")]
    public void Find_MarketingPurpose_NamesTheTerm(string purpose, string term) => Assert.Equal(term, MarketingTerms.Find(purpose));

    [Theory]
    [InlineData("账单查询")]
    [InlineData("信贷咨询")]
    [InlineData("投诉处理")]
    [InlineData("售后服务")]
    public void Find_ServicePurpose_Null(string purpose) => Assert.Null(MarketingTerms.Find(purpose));

    [Fact]
    public void Terms_EveryMarketingTermOfTheLexicon_IsFoundAsTheScannerFindsIt()
    {
        var marketing = Lexicon.Default.Terms.Where(t => t.Category == TermCategory.Marketing).ToList();

        Assert.NotEmpty(marketing);
        Assert.All(marketing, t => Assert.NotNull(MarketingTerms.Find(t.Term)));
        // The Advertising-Law absolute terms are a different rule: 最好 is not marketing.
        Assert.Null(MarketingTerms.Find("最好的服务"));
    }
}
