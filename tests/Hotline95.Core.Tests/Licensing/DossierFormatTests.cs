using Hotline95.Core.Licensing.Dossiers;
using Hotline95.Core.Licensing.Eligibility;

namespace Hotline95.Core.Tests.Licensing;

public sealed class DossierFormatTests
{
    [Theory]
    [InlineData("{\"company\": {\"name\": \"x\",}}", "$", "DOSSIER_INVALID_JSON")]
    [InlineData("{\"company\": {\"legalForm\": \"Limited\"}}", "$.company.legalForm", "DOSSIER_SCHEMA")]
    [InlineData("{\"agents\": [{\"name\": \"a\"}, {\"socialInsuranceMonths\": \"three\"}]}", "$.agents[1].socialInsuranceMonths", "DOSSIER_SCHEMA")]
    [InlineData("{\"premises\": {\"leaseEnd\": \"2027-02-30\"}}", "$.premises.leaseEnd", "DOSSIER_SCHEMA")]
    [InlineData("{\"materials\": [{\"file\": \"a.pdf\"}]}", "$.materials[0]", "DOSSIER_SCHEMA")]
    [InlineData("{\"agents\": [{\"socialInsuranceHistory\": [{\"month\": \"2026-13\", \"city\": \"上海\"}]}]}", "$.agents[0].socialInsuranceHistory[0].month", "DOSSIER_SCHEMA")]
    [InlineData("{\"agents\": [{\"socialInsuranceHistory\": [{\"month\": \"2026-08\"}]}]}", "$.agents[0].socialInsuranceHistory[0]", "DOSSIER_SCHEMA")]
    public void Parse_BadInput_NamesTheJsonPath(string json, string path, string code)
    {
        var result = DossierJson.Parse(json);

        Assert.False(result.IsSuccess);
        Assert.Equal(code, result.Error!.Code);
        Assert.Equal(path, result.Error.Field);
        Assert.Contains(path, result.Error.Message);
    }

    [Fact]
    public void Parse_UnknownMember_IsRefusedNotIgnored()
    {
        var result = DossierJson.Parse("{\"company\": {\"nmae\": \"上海某某有限公司\"}}");

        Assert.False(result.IsSuccess);
        Assert.StartsWith("$.company", result.Error!.Field);
    }

    [Fact]
    public void Write_ThenParse_RoundTripsTheExample()
    {
        var good = LicensingFixtures.Good;

        var again = DossierJson.Parse(DossierJson.Write(good)).Value;

        Assert.Equal(DossierJson.Write(good), DossierJson.Write(again));
        Assert.Equal("91310115MA1K3Y8N2D", again.Company!.Uscc);
        Assert.Equal(new DateOnly(2028, 5, 31), again.Premises!.LeaseEnd);
    }

    [Theory]
    [InlineData("91350100M000100Y43", null)]
    [InlineData("91310115MA1K3Y8N2D", null)]
    [InlineData("91310115ma1k3y8n2d", null)]
    [InlineData("91350100M000100Y44", "check character")]
    [InlineData("91350100M00010OY43", "not allowed")]
    [InlineData("9135010", "7 characters")]
    public void Uscc_Problem_ValidatesLengthAlphabetAndCheckCharacter(string code, string? problem)
    {
        var found = Uscc.Problem(code);

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found);
        }
    }

    [Theory]
    [InlineData("投诉受理后24小时内响应，7个工作日内办结", 24, 7)]
    [InlineData("收到投诉后２４小时内答复，七个工作日内处理完毕", 24, 7)]
    [InlineData("2024年5月1日起施行：12小时内回复，5日内解决", 12, 5)]
    [InlineData("Complaints are answered within 24 hours and resolved within 7 working days.", 24, 7)]
    public void PolicyText_ComplaintLimits_AreReadFromProse(string text, int hours, int days)
    {
        Assert.Equal(hours, PolicyText.ResponseHours(text));
        Assert.Equal(days, PolicyText.ResolutionWorkingDays(text));
    }

    [Theory]
    [InlineData("通话记录保存6个月后永久删除", 6)]
    [InlineData("录音保留半年", 6)]
    [InlineData("投诉记录至少保存一年", 12)]
    [InlineData("客户数据保存十二个月", 12)]
    [InlineData("records are kept for 24 months", 24)]
    [InlineData("本制度自2024年1月起执行", null)]
    public void PolicyText_Retention_IsReadFromProse(string text, int? months)
    {
        Assert.Equal(months, PolicyText.RetentionMonths(text));
    }

    [Theory]
    [InlineData("采用AES-256加密存储", "AES-256")]
    [InlineData("AES256", "AES-256")]
    [InlineData("AES 256", "AES-256")]
    [InlineData("aes-256-gcm", "AES-256")]
    [InlineData("ＡＥＳ－２５６", "AES-256")]
    [InlineData("国密SM4", "SM4")]
    [InlineData("ＳＭ４国密算法", "SM4")]
    [InlineData("AES-128-CBC", "AES-128")]
    [InlineData("256位AES", "AES-256")]
    [InlineData("AES（256位）", "AES-256")]
    [InlineData("AES-GCM-256", "AES-256")]
    [InlineData("AES-256-GCM", "AES-256")]
    [InlineData("256-bit AES", "AES-256")]
    [InlineData("采用128位AES加密", "AES-128")]
    [InlineData("以3DES加密", "3DES")]
    [InlineData("加密存储，国密标准", "")]
    [InlineData("describes the design of the DESK", "")]
    public void PolicyText_Ciphers_AreReadWhateverTheSpelling(string text, string expected)
    {
        Assert.Equal(expected, string.Join(",", PolicyText.Ciphers(text)));
    }

    [Theory]
    [InlineData("个人信息以 AES-128 加密存储，传输 TLS(AES-256)", "AES-128")]
    [InlineData("传输采用TLS（AES-256），数据库以SM4加密存储", "SM4")]
    [InlineData("数据在传输和存储时均以AES-256加密", "AES-256")]
    [InlineData("客户数据以AES-256加密，密钥以RSA-2048和SM2保护，摘要用SM3", "AES-256")]
    [InlineData("history stored with AES-256; sent over TLS with AES-128", "AES-256")]
    public void PolicyText_StorageCiphers_LeaveOutTransportAndKeyCiphers(string text, string expected)
    {
        Assert.Equal(expected, string.Join(",", PolicyText.StorageCiphers(text)));
    }

    [Theory]
    [InlineData("通话记录永久保存", true)]
    [InlineData("投诉记录长期保留", true)]
    [InlineData("保存期限为永久", true)]
    [InlineData("录音不予删除", true)]
    [InlineData("Recordings are kept permanently.", true)]
    [InlineData("通话记录保存6个月，期满后永久删除", false)]
    [InlineData("未经审批不得删除，保存6个月", false)]
    public void PolicyText_KeptIndefinitely_TellsKeepingForEverFromDeletingForEver(string text, bool forever)
    {
        Assert.Equal(forever, PolicyText.KeptIndefinitely(text));
    }

    [Theory]
    [InlineData("投诉3个工作日内响应，7个工作日内办结", 3, 7)]
    [InlineData("响应时限为两个工作日；十个工作日内办结", 2, 10)]
    [InlineData("投诉5日内予以响应，7个工作日内处理完毕", 5, 7)]
    [InlineData("投诉受理后24小时内响应，7个工作日内办结", null, 7)]
    public void PolicyText_ResponseLimitInDays_IsReadApartFromTheResolutionLimit(string text, int? responseDays, int days)
    {
        Assert.Equal(responseDays, PolicyText.ResponseDays(text));
        Assert.Equal(days, PolicyText.ResolutionWorkingDays(text));
    }
}
