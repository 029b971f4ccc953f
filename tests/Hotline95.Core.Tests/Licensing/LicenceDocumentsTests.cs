using Hotline95.Core.Compliance;
using Hotline95.Core.Licensing.Documents;
using Hotline95.Core.Licensing.Dossiers;
using Hotline95.Core.Licensing.Eligibility;
using UglyToad.PdfPig;
using static Hotline95.Core.Tests.Licensing.LicensingFixtures;
using static Hotline95.Core.Tests.Licensing.RenderedText;

namespace Hotline95.Core.Tests.Licensing;

public sealed class LicenceDocumentsTests
{
    private static readonly LicenceDocumentKind[] Kinds = Enum.GetValues<LicenceDocumentKind>();

    /// <summary>An education company in Pudong: the district of the old bank template, none of its industry.</summary>
    private static readonly Dossier PudongEducation = new(
        new Company("上海浦东启明教育科技有限公司", "91310115MA1K3Y8N2D", LegalForm.LLC, "上海市浦东新区", "教育咨询；信息技术服务；客户服务", 10_000_000m, Industry: "教育培训"),
        new Premises("上海市浦东新区张杨路500号8层", "浦东新区", new DateOnly(2026, 1, 1), new DateOnly(2028, 12, 31), Seats: 6),
        [.. Enumerable.Range(1, 5).Select(i => new DossierAgent($"教师{i}", true, "上海", 6,
            [new TrainingRecord("服务礼仪", new DateOnly(2026, 3, 2)), new TrainingRecord("课程业务知识", new DateOnly(2026, 3, 9))]))],
        new UsagePlan(["课程与报名咨询", "上课安排查询", "投诉处理"], "工作日 9:00-18:00", ["用户拨打", "客服接听", "问题记录", "转办处理", "反馈结果"], true,
            Description: "课程咨询与学员服务热线", Callers: "学员与家长"),
        new SecurityPolicies(
            new CustomerDataPolicy(Encryption: "SM4", RetentionMonths: 12, AccessRoles: ["教务主管"]),
            new CallRecordsPolicy(RetentionMonths: 6),
            new ComplaintsPolicy(ResponseHours: 24, ResolutionWorkingDays: 5, RecordRetentionMonths: 12)));

    private static byte[] Bytes(LicenceDocumentKind kind, FileFormat format, Dossier dossier, string? number = "95123") =>
        LicenceDocuments.Render(kind, format, dossier, Policy, number, Today, Check(dossier)).Content;

    /// <summary>The whole text as read back: every PDF page, or the DOCX's headers, cover, body and footers.</summary>
    private static string Text(LicenceDocumentKind kind, FileFormat format, Dossier dossier, string? number = "95123")
    {
        var content = Bytes(kind, format, dossier, number);
        return Flat(format == FileFormat.Pdf ? string.Concat(PdfPages(content)) : ReadDocx(content).All);
    }

    /// <summary>The document's own text, without the cover a draft has (whose findings may name anything).</summary>
    private static string Content(LicenceDocumentKind kind, FileFormat format, Dossier dossier)
    {
        var content = Bytes(kind, format, dossier);
        var draft = Errors(dossier).Count > 0;
        if (format == FileFormat.Pdf)
        {
            var pages = PdfPages(content);
            var own = pages.SkipWhile(p => !Flat(p).Contains(Opening(kind), StringComparison.Ordinal)).ToList();
            Assert.Equal(draft, own.Count < pages.Count);
            return Flat(string.Concat(own));
        }

        var docx = ReadDocx(content);
        Assert.Equal(draft, docx.Cover.Length > 0);
        return Flat(string.Concat(docx.Headers) + docx.Body + string.Concat(docx.Footers));
    }

    /// <summary>Where each document's own content begins (after any cover).</summary>
    private static string Opening(LicenceDocumentKind kind) => kind switch
    {
        LicenceDocumentKind.UsagePlan => "一、申请单位基本情况",
        LicenceDocumentKind.SecurityPolicies => "第一章",
        _ => "现郑重承诺",
    };

    private static IReadOnlyList<string> Errors(Dossier dossier) =>
        Check(dossier).Findings.Where(f => f.Severity == FindingSeverity.Error).Select(f => f.Code).Distinct().ToList();

    public static TheoryData<LicenceDocumentKind, FileFormat> EveryDocument() =>
        new(Kinds.SelectMany(k => new[] { (k, FileFormat.Docx), (k, FileFormat.Pdf) }));

    [Theory]
    [MemberData(nameof(EveryDocument))]
    public void Render_PudongEducation_SaysNothingOfABankOrCrossBorderShopping(LicenceDocumentKind kind, FileFormat format)
    {
        var text = Content(kind, format, PudongEducation);

        Assert.Contains("上海浦东启明教育科技有限公司", text);
        Assert.Contains("课程与报名咨询", text);
        Assert.Contains("上课安排查询", text);
        foreach (var foreign in new[] { "银行", "跨境", "信用卡", "持卡", "金融", "海外", "报关", "信贷", "bank", "Bank" })
        {
            Assert.DoesNotContain(foreign, text);
        }
    }

    [Theory]
    [InlineData(FileFormat.Docx)]
    [InlineData(FileFormat.Pdf)]
    public void UsagePlan_PudongEducation_StatesItsFactsAndBlanksWhatItDoesNotSay(FileFormat format)
    {
        var text = Content(LicenceDocumentKind.UsagePlan, format, PudongEducation);

        foreach (var stated in new[] { "教育培训", "课程咨询与学员服务热线", "学员与家长", "工作日9:00-18:00", "用户拨打→客服接听→问题记录→转办处理→反馈结果",
            "24小时内响应、5个工作日内办结", "设坐席6个", "坐席人员5名，其中全职5名", "服务礼仪、课程业务知识" })
        {
            Assert.Contains(stated, text);
        }

        Assert.Contains("坐席设备：【待填写：坐席设备】", text);
        Assert.DoesNotContain("话机", text);
        Assert.DoesNotContain("录音", text);
    }

    [Theory]
    [InlineData(FileFormat.Docx)]
    [InlineData(FileFormat.Pdf)]
    public void SecurityPolicies_PudongEducation_StatesItsFactsAndBlanksWhatItDoesNotSay(FileFormat format)
    {
        var text = Content(LicenceDocumentKind.SecurityPolicies, format, PudongEducation);

        foreach (var stated in new[] { "以SM4加密存储", "教务主管", "客户数据保存1年（12个月）", "通话记录保存6个月", "24小时内响应", "5个工作日内办结", "服务礼仪、课程业务知识" })
        {
            Assert.Contains(stated, text);
        }

        foreach (var missing in new[] { "存储于【待填写：服务器所在地】", "【待填写：安全管理负责人】为本单位安全管理负责人", "本制度自【待填写：施行日期】起施行" })
        {
            Assert.Contains(missing, text);
        }

        Assert.DoesNotContain("机房", text);
    }

    [Theory]
    [InlineData(FileFormat.Docx, false)]
    [InlineData(FileFormat.Pdf, false)]
    [InlineData(FileFormat.Docx, true)]
    [InlineData(FileFormat.Pdf, true)]
    public void SecurityPolicies_PlatformMeasures_OnlyForADossierOnThePlatform(FileFormat format, bool onPlatform)
    {
        var text = Text(LicenceDocumentKind.SecurityPolicies, format, Good with { UsesHotline95Platform = onPlatform ? true : null });

        foreach (var measure in new[] { "Hotline95", "数据密钥按月生成", "审计链", "加密索引", "自动删除到期的通话记录", "法律保全", "黑名单", "自动升级" })
        {
            Assert.Equal(onPlatform, text.Contains(measure, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(FileFormat.Docx)]
    [InlineData(FileFormat.Pdf)]
    public void SecurityPolicies_HaveTheSevenPartsAndTheirLegalBasis(FileFormat format)
    {
        var text = Text(LicenceDocumentKind.SecurityPolicies, format, Good);

        var parts = new[] { "第一章总则", "第二章适用范围", "第三章职责分工", "第四章具体措施", "第五章应急处置", "第六章责任追究", "第七章附则" };
        Assert.Equal(parts, parts.OrderBy(p => text.IndexOf(p, StringComparison.Ordinal)).Where(p => text.Contains(p, StringComparison.Ordinal)));
        foreach (var law in new[] { "《电信网码号资源管理办法》", "《个人信息保护法》", "《网络安全法》" })
        {
            Assert.Contains(law, text);
        }

        foreach (var fact in new[] { "客户数据安全制度", "通话记录管理制度", "投诉处理制度", "以AES-256加密存储", "存储于本公司上海机房", "主管、合规专员", "合规部负责人为本单位安全管理负责人",
            "通话记录保存6个月", "投诉记录保存1年", "本制度自2026年6月1日起施行" })
        {
            Assert.Contains(fact, text);
        }

        Assert.DoesNotContain("待填写", text);
    }

    [Fact]
    public void SecurityPolicies_Pdf_RunsOverSeveralNumberedPages()
    {
        var pages = PdfPages(Bytes(LicenceDocumentKind.SecurityPolicies, FileFormat.Pdf, Good));

        Assert.True(pages.Count >= 2, $"{pages.Count} pages");
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"第{i + 1}页共{pages.Count}页", Flat(pages[i]));
        }
    }

    [Theory]
    [MemberData(nameof(EveryDocument))]
    public void Render_TheCleanExample_HasNoWatermarkCoverOrBlank(LicenceDocumentKind kind, FileFormat format)
    {
        Assert.True(Check(Good).Eligible);

        var text = Text(kind, format, Good);

        Assert.DoesNotContain(LicenceDocuments.DraftWatermark, text);
        Assert.DoesNotContain("预审", text);
        Assert.DoesNotContain("待填写", text);
        Assert.DoesNotContain("须删除", text);
        Assert.DoesNotContain("须修改", text);
    }

    [Theory]
    [InlineData(LicenceDocumentKind.UsagePlan)]
    [InlineData(LicenceDocumentKind.SecurityPolicies)]
    [InlineData(LicenceDocumentKind.CommitmentLetter)]
    public void Pdf_AFailingDossier_IsADraftOnEveryPageWithItsErrorsOnTheCover(LicenceDocumentKind kind)
    {
        var failing = Load("dossier-common-rejections.json");
        var errors = Errors(failing);

        var pages = PdfPages(Bytes(kind, FileFormat.Pdf, failing));

        Assert.NotEmpty(errors);
        Assert.True(pages.Count >= 2);
        Assert.All(pages, page => Assert.Contains(LicenceDocuments.DraftWatermark, Flat(page)));
        var coverPages = pages.TakeWhile(p => !Flat(p).Contains(Opening(kind), StringComparison.Ordinal)).ToList();
        Assert.InRange(coverPages.Count, 1, pages.Count - 1);
        var cover = Flat(string.Concat(coverPages));
        Assert.All(errors, code => Assert.Contains(code, cover));
    }

    [Theory]
    [InlineData(LicenceDocumentKind.UsagePlan)]
    [InlineData(LicenceDocumentKind.SecurityPolicies)]
    [InlineData(LicenceDocumentKind.CommitmentLetter)]
    public void Docx_AFailingDossier_HasTheWatermarkInEveryHeaderAndItsErrorsOnTheCover(LicenceDocumentKind kind)
    {
        var failing = Load("dossier-common-rejections.json");
        var errors = Errors(failing);

        var docx = ReadDocx(Bytes(kind, FileFormat.Docx, failing));

        Assert.NotEmpty(errors);
        Assert.NotEmpty(docx.Headers);
        Assert.All(docx.Headers, header => Assert.Contains(LicenceDocuments.DraftWatermark, header));
        Assert.Contains("w:type=\"page\"", docx.BodyXml);
        var cover = docx.Cover;
        Assert.Contains(LicenceDocuments.DraftWatermark, cover);
        Assert.DoesNotContain(Opening(kind), cover);
        Assert.Contains(Opening(kind), docx.Body);
        Assert.All(errors, code => Assert.Contains(code, cover));
    }

    [Theory]
    [InlineData(FileFormat.Docx)]
    [InlineData(FileFormat.Pdf)]
    public void CommitmentLetter_APromotionPurpose_IsNeverCalledNonMarketing(FileFormat format)
    {
        var dossier = Good with { UsagePlan = Good.UsagePlan! with { Purposes = ["账单查询", "新品促销通知"] } };
        var report = Check(dossier);

        var text = Text(LicenceDocumentKind.CommitmentLetter, format, dossier);

        Assert.Contains(report.Findings, f => f.Code == "COND5_PURPOSE_MARKETING" && f.Severity == FindingSeverity.Error);
        Assert.Contains("该号码仅用于账单查询等非营销类客户服务", text);
        Assert.Contains("【须删除：用途“新品促销通知”含营销用语“促销”", text);
        var promise = text[text.IndexOf("该号码仅用于", StringComparison.Ordinal)..];
        Assert.DoesNotContain("新品促销通知等", promise);
        Assert.Contains(LicenceDocuments.DraftWatermark, text);
        Assert.Contains("COND5_PURPOSE_MARKETING", text);
    }

    [Theory]
    [InlineData(FileFormat.Pdf)]
    [InlineData(FileFormat.Docx)]
    public void UsagePlan_MarketingInTheDescription_IsMarkedToDeleteAndTheDocumentIsADraft(FileFormat format)
    {
        var dossier = Good with { UsagePlan = Good.UsagePlan! with { Description = "会员促销与客服热线" } };
        var report = Check(dossier);

        var text = Text(LicenceDocumentKind.UsagePlan, format, dossier);

        Assert.Contains(report.Findings, f => f.Code == "COND5_PURPOSE_MARKETING" && f.Field == "$.usagePlan.description");
        Assert.Contains("【须删除：热线说明“会员促销与客服热线”含营销用语“促销”", text);
        Assert.Contains(LicenceDocuments.DraftWatermark, text);
    }

    [Fact]
    public void Docx_HasTableGridsAHeaderAndPageNumberFields()
    {
        var docx = ReadDocx(Bytes(LicenceDocumentKind.UsagePlan, FileFormat.Docx, Good));

        Assert.Contains("<w:tblBorders>", docx.BodyXml);
        Assert.Contains("<w:tblGrid>", docx.BodyXml);
        Assert.Contains("<w:headerReference", docx.BodyXml);
        Assert.Contains(docx.Headers, h => h.Contains("上海浦江信融科技有限公司", StringComparison.Ordinal) && h.Contains("使用规划", StringComparison.Ordinal));
        var footer = Assert.Single(docx.FooterXml);
        Assert.Contains(" PAGE </w:instrText>", footer);
        Assert.Contains(" NUMPAGES </w:instrText>", footer);
        Assert.Contains("第1页共1页", Flat(Assert.Single(docx.Footers)));
    }

    [Theory]
    [InlineData("dossier-pudong-bank.json")]
    [InlineData("dossier-common-rejections.json")]
    public void Docx_EveryDocument_IsValidOpenXml(string example)
    {
        foreach (var kind in Kinds)
        {
            using var stream = new MemoryStream(Bytes(kind, FileFormat.Docx, Load(example)));
            using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(stream, false);

            var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

            Assert.True(errors.Count == 0, $"{kind}: {string.Join("\n", errors)}");
        }
    }

    [Fact]
    public void UsagePlan_TheDistrict_ChoosesNoWording()
    {
        var pudong = Text(LicenceDocumentKind.UsagePlan, FileFormat.Docx, Good);
        var hongkou = Text(LicenceDocumentKind.UsagePlan, FileFormat.Docx, Good with { Premises = Good.Premises! with { District = "虹口区" } });

        Assert.Equal(pudong, hongkou);
        Assert.Contains("信用卡客户服务热线", pudong);
        Assert.Contains("信用卡持卡客户", pudong);
    }

    [Fact]
    public void UsagePlan_WhatTheDossierDoesNotSay_IsLeftAsAVisibleBlank()
    {
        var text = Text(LicenceDocumentKind.UsagePlan, FileFormat.Docx, new Dossier(new Company("上海某某有限公司")), number: null);

        foreach (var blank in new[] { "95号码", "所属行业", "热线说明", "服务对象", "非营销类具体用途", "服务时间", "服务流程", "投诉响应小时数", "坐席数", "坐席设备", "坐席人员名单", "培训内容" })
        {
            Assert.Contains($"【待填写：{blank}】", text);
        }

        Assert.Contains("上海某某有限公司", text);
    }

    [Fact]
    public void Pdf_EmbedsTheCjkFont()
    {
        var (content, fileName, contentType) = LicenceDocuments.Render(LicenceDocumentKind.UsagePlan, FileFormat.Pdf, Good, Policy, "95123", Today, Check(Good));

        using var document = PdfDocument.Open(content);
        var fonts = document.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName).Distinct().ToList();
        Assert.Equal("使用规划.pdf", fileName);
        Assert.Equal("application/pdf", contentType);
        Assert.Contains(fonts, f => f?.Contains("WenQuanYi", StringComparison.Ordinal) == true);
    }

    /// <summary>The example with every period and limit on the wrong side of the policy (6, 6, 24, 7, 12).</summary>
    private static Dossier OutOfLimits => Good with
    {
        SecurityPolicies = Good.SecurityPolicies! with
        {
            CustomerData = Good.SecurityPolicies!.CustomerData! with { RetentionMonths = 600 },
            CallRecords = new CallRecordsPolicy(RetentionMonths: 3),
            Complaints = new ComplaintsPolicy(ResponseHours: 48, ResolutionWorkingDays: 10, RecordRetentionMonths: 6),
        },
    };

    [Theory]
    [InlineData(FileFormat.Docx)]
    [InlineData(FileFormat.Pdf)]
    public void SecurityPolicies_ValuesOutsideTheLimits_AreMarkedToChangeNeverSaidToComply(FileFormat format)
    {
        var report = Check(OutOfLimits);

        var text = Content(LicenceDocumentKind.SecurityPolicies, format, OutOfLimits);

        Assert.Contains(report.Findings, f => f.Code == "COND6_RETENTION" && f.Severity == FindingSeverity.Error);
        Assert.Contains(report.Findings, f => f.Code == "COND6_COMPLAINT_LIMITS" && f.Severity == FindingSeverity.Error);
        foreach (var marked in new[] { "客户数据保存50年（600个月）【须修改：期满须删除，不得永久保存；主管部门要求保存不少于6个月的确定期限】",
            "通话记录保存3个月【须修改：主管部门要求不少于6个月】", "48小时内响应【须修改：主管部门要求不超过24小时】",
            "10个工作日内办结【须修改：主管部门要求不超过7个工作日】", "投诉记录保存6个月【须修改：主管部门要求不少于12个月】" })
        {
            Assert.Contains(marked, text);
        }

        Assert.DoesNotContain("不少于主管部门要求", text);
        Assert.DoesNotContain("不超过主管部门要求", text);
    }

    [Theory]
    [InlineData(FileFormat.Docx)]
    [InlineData(FileFormat.Pdf)]
    public void SecurityPolicies_ValuesWithinTheLimits_AreFollowedByTheRequirement(FileFormat format)
    {
        var text = Text(LicenceDocumentKind.SecurityPolicies, format, PudongEducation);

        foreach (var said in new[] { "客户数据保存1年（12个月），不少于主管部门要求的6个月", "通话记录保存6个月，不少于主管部门要求的6个月",
            "24小时内响应，不超过主管部门要求的24小时", "5个工作日内办结，不超过主管部门要求的7个工作日", "投诉记录保存1年（12个月），不少于主管部门要求的12个月" })
        {
            Assert.Contains(said, text);
        }

        Assert.DoesNotContain("须修改", text);
    }

    [Fact]
    public void UsagePlan_ComplaintLimitsOutsideThePolicy_AreMarkedToChange()
    {
        var text = Content(LicenceDocumentKind.UsagePlan, FileFormat.Docx, OutOfLimits);

        Assert.Contains("投诉在48小时内响应【须修改：主管部门要求不超过24小时】、10个工作日内办结【须修改：主管部门要求不超过7个工作日】", text);
    }

    [Theory]
    [InlineData("北京市通信管理局", "北京市通信管理局：")]
    [InlineData("上海市通信管理局", "上海市通信管理局：")]
    [InlineData("", "【待填写：主管部门】：")]
    public void CommitmentLetter_IsAddressedToThePolicysAuthority(string authority, string salutation)
    {
        var policy = Policy with { Authority = authority };

        var text = Flat(ReadDocx(LicenceDocuments.Render(LicenceDocumentKind.CommitmentLetter, FileFormat.Docx, Good, policy, "95123", Today, Check(Good, policy: policy)).Content).All);

        Assert.Contains(salutation, text);
        Assert.Equal(authority == "上海市通信管理局", text.Contains("上海市通信管理局", StringComparison.Ordinal));
    }

    [Fact]
    public void CommitmentLetter_ShippedPolicy_NamesTheAuthorityInChineseOnly()
    {
        var text = Text(LicenceDocumentKind.CommitmentLetter, FileFormat.Pdf, Good);

        Assert.Contains("上海市通信管理局：", text);
        Assert.DoesNotContain("Shanghai", text);
        Assert.DoesNotContain("Administration", text);
    }

    [Fact]
    public void CommitmentLetter_AbsoluteTerms_AreTheRedLineLexicons()
    {
        var text = Text(LicenceDocumentKind.CommitmentLetter, FileFormat.Docx, Good);
        var promise = text[text.IndexOf("宣传该号码时不使用", StringComparison.Ordinal)..];
        promise = promise[..promise.IndexOf("等绝对化用语", StringComparison.Ordinal)];
        var quoted = promise.Split('“', '”').Where((_, i) => i % 2 == 1).ToList();

        Assert.True(quoted.Count >= 3, promise);
        Assert.All(quoted, term => Assert.Contains(Lexicon.Default.Terms, t => t.Term == term && t.Category != TermCategory.Marketing));
        Assert.Contains("第一", quoted);
        Assert.Contains("唯一", quoted);
        var other = new Lexicon([new LexiconTerm("最牛", TermCategory.Superlative, TermSeverity.Error, "", ""), new LexiconTerm("独家", TermCategory.Uniqueness, TermSeverity.Error, "", ""),
            new LexiconTerm("特价", TermCategory.Marketing, TermSeverity.Error, "", "")], []);
        Assert.Equal("“最牛”“独家”", CommitmentLetterDocument.AbsoluteExamples(other));
    }

    [Theory]
    [MemberData(nameof(EveryDocument))]
    public void Render_WithoutAPreReview_AsACertifiedDossierIsFiled_HasNoWatermarkOrCover(LicenceDocumentKind kind, FileFormat format)
    {
        var failing = Load("dossier-common-rejections.json");
        Assert.NotEmpty(Errors(failing));

        var content = LicenceDocuments.Render(kind, format, failing, Policy, "95123", Today, check: null).Content;

        string text;
        if (format == FileFormat.Pdf)
        {
            var pages = PdfPages(content);
            Assert.Contains(Opening(kind), Flat(pages[0]));
            text = Flat(string.Concat(pages));
        }
        else
        {
            var docx = ReadDocx(content);
            Assert.Equal("", docx.Cover);
            text = Flat(docx.All);
        }

        Assert.DoesNotContain(LicenceDocuments.DraftWatermark, text);
        Assert.DoesNotContain("预审", text);
    }
}
