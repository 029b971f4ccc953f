using Hotline95.Core.Compliance;

namespace Hotline95.Core.Tests.Compliance;

public sealed class ScannerTests
{
    private static readonly Scanner Scanner = new(Lexicon.Default);

    [Theory]
    [InlineData("我们是最专业的信用卡服务团队", "最专业", TermCategory.Superlative)]
    [InlineData("我們是最專業的團隊", "最专业", TermCategory.Superlative)]
    [InlineData("我们是最 专 业的团队", "最专业", TermCategory.Superlative)]
    [InlineData("国\u3000家\u3000级服务标准", "国家级", TermCategory.Grade)]
    [InlineData("独\u200B家代理", "独家", TermCategory.Uniqueness)]
    [InlineData("１００％安全放心", "100%", TermCategory.Guarantee)]
    [InlineData("全国ＮＯ．１客服热线", "NO.1", TermCategory.Rank)]
    [InlineData("本月办卡优惠多多", "优惠", TermCategory.Marketing)]
    [InlineData("國家免檢產品", "国家免检", TermCategory.Endorsement)]
    public void Scan_TermWrittenAnyWay_IsFoundAsTheLexiconTerm(string text, string term, TermCategory category)
    {
        var finding = Assert.Single(Scanner.Scan(text));

        Assert.Equal(term, finding.Term);
        Assert.Equal(category, finding.Category);
        Assert.NotEmpty(finding.LegalBasis);
        Assert.NotEmpty(finding.Rewrite);
    }

    [Theory]
    [InlineData("您第一次登录时请修改密码")]
    [InlineData("第一步，请输入您的卡号")]
    [InlineData("最好先准备好您的身份证件")]
    [InlineData("本月最低还款额为500元")]
    [InlineData("重置密码唯一的办法是到柜台办理")]
    [InlineData("本品最佳赏味期为开封后7天")]
    [InlineData("我们追求最好的服务")]
    [InlineData("本空调为一级能效产品")]
    [InlineData("第一财经报道了本行的新网点")]
    [InlineData("通话记录保存6个月后永久删除")]
    [InlineData("您好，这里是95528客服中心，请问有什么可以帮您？")]
    public void Scan_OrdinarySpeechAndExemptions_FindNothing(string text)
    {
        Assert.Empty(Scanner.Scan(text));
    }

    [Fact]
    public void Scan_SeveralLines_ReportsLineAndColumnOfTheOriginalText()
    {
        var findings = Scanner.Scan("您好，欢迎致电。\r\n本行服务全国第一，限 时抢购！");

        Assert.Collection(findings,
            f => Assert.Equal((2, 7, "第一"), (f.Line, f.Column, f.Matched)),
            f => Assert.Equal((2, 10, "限 时", "限时"), (f.Line, f.Column, f.Matched, f.Term)),
            f => Assert.Equal((2, 13, "抢购"), (f.Line, f.Column, f.Matched)));
    }

    [Fact]
    public void Scan_LongerTermContainingAShorterOne_IsReportedOnce()
    {
        var finding = Assert.Single(Scanner.Scan("本店全场最低价"));

        Assert.Equal("最低价", finding.Term);
    }

    [Fact]
    public void With_CustomTermAndException_ExtendTheDefaultLexicon()
    {
        var custom = new Scanner(Lexicon.Default.With(
            [new LexiconTerm("包过", TermCategory.Guarantee, TermSeverity.Error, "《广告法》第二十四条", "删除保证性承诺")],
            ["首选项"]));

        Assert.Equal("包过", Assert.Single(custom.Scan("报名即包过")).Term);
        Assert.Empty(custom.Scan("请在首选项中修改提醒方式"));
    }
}
