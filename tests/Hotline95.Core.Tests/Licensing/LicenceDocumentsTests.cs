using DocumentFormat.OpenXml.Packaging;
using Hotline95.Core.Licensing.Documents;
using Hotline95.Core.Licensing.Dossiers;
using UglyToad.PdfPig;
using static Hotline95.Core.Tests.Licensing.LicensingFixtures;


namespace Hotline95.Core.Tests.Licensing;

public sealed class LicenceDocumentsTests
{
    private static string DocxText(byte[] content)
    {
        using var stream = new MemoryStream(content);
        using var document = WordprocessingDocument.Open(stream, false);
        return document.MainDocumentPart!.Document!.Body!.InnerText;
    }

    private static string PdfText(byte[] content)
    {
        using var document = PdfDocument.Open(content);
        // PdfPig returns the text of each page; CJK glyphs come back through the embedded ToUnicode map.
        return string.Concat(document.GetPages().Select(p => string.Concat(p.Letters.Select(l => l.Value))));
    }

    private static string Render(LicenceDocumentKind kind, FileFormat format, Dossier dossier, string? number = "95123")
    {
        var (content, _, _) = LicenceDocuments.Render(kind, format, dossier, Policy, number, Today);
        return format == FileFormat.Docx ? DocxText(content) : PdfText(content);
    }

    [Theory]
    [InlineData(FileFormat.Docx)]
    [InlineData(FileFormat.Pdf)]
    public void SecurityPolicies_FillTheMethodPeriodsAndRoles(FileFormat format)
    {
        var text = Render(LicenceDocumentKind.SecurityPolicies, format, Good);

        Assert.Contains("上海浦江信融科技有限公司安全管理制度汇编", text);
        Assert.Contains("客户数据安全制度", text);
        Assert.Contains("AES-256", text);
        Assert.Contains("主管、合规专员", text);
        Assert.Contains("通话记录（含录音）保存 6 个月", text);
        Assert.Contains("24 小时内响应", text);
        Assert.Contains("7 个工作日内办结", text);
        Assert.Contains("投诉记录保存 1 年", text);
        Assert.DoesNotContain("待填写", text);
    }

    [Theory]
    [InlineData(FileFormat.Docx)]
    [InlineData(FileFormat.Pdf)]
    public void UsagePlan_IsWordedForTheDistrictScenario(FileFormat format)
    {
        var pudong = Render(LicenceDocumentKind.UsagePlan, format, Good);
        var hongkou = Render(LicenceDocumentKind.UsagePlan, format, Good with { Premises = Good.Premises! with { District = "虹口区" } });

        Assert.Contains("95码号使用规划", pudong);
        Assert.Contains("信用卡额度与账单咨询", pudong);
        Assert.Contains("银行客服热线", pudong);
        Assert.Contains("转交信贷专员或跨境物流专员处理", pudong);
        Assert.Contains("用户拨打 → 客服接听 → 问题记录", pudong);
        Assert.Contains("7×24", pudong);
        Assert.Contains("物流", hongkou);
        Assert.DoesNotContain("银行客服热线", hongkou);
    }

    [Theory]
    [InlineData(FileFormat.Docx)]
    [InlineData(FileFormat.Pdf)]
    public void CommitmentLetter_NamesCompanyCodeNumberAndPurposes(FileFormat format)
    {
        var text = Render(LicenceDocumentKind.CommitmentLetter, format, Good);

        Assert.Contains("不用于营销用途承诺书", text);
        Assert.Contains("上海市通信管理局", text);
        Assert.Contains("91310115MA1K3Y8N2D", text);
        Assert.Contains("95123", text);
        Assert.Contains("信用卡额度与账单咨询、账单查询、投诉处理", text);
        Assert.Contains("（盖章）", text);
    }

    [Fact]
    public void UsagePlan_WhatTheDossierDoesNotSay_IsLeftAsAVisibleBlank()
    {
        var text = Render(LicenceDocumentKind.UsagePlan, FileFormat.Docx, new Dossier(new Company("上海某某有限公司")), number: null);

        Assert.Contains("【待填写：95号码】", text);
        Assert.Contains("【待填写：具体用途", text);
        Assert.Contains("上海某某有限公司", text);
    }

    [Fact]
    public void Pdf_EmbedsTheCjkFont()
    {
        var (content, fileName, contentType) = LicenceDocuments.Render(LicenceDocumentKind.UsagePlan, FileFormat.Pdf, Good, Policy, "95123", Today);

        using var document = PdfDocument.Open(content);
        var fonts = document.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName).Distinct().ToList();
        Assert.Equal("使用规划.pdf", fileName);
        Assert.Equal("application/pdf", contentType);
        Assert.Contains(fonts, f => f?.Contains("WenQuanYi", StringComparison.Ordinal) == true);
    }
}
