using Hotline95.Core.Licensing.Dossiers;
using Hotline95.Core.Licensing.Eligibility;
using static Hotline95.Core.Tests.Licensing.LicensingFixtures;

namespace Hotline95.Core.Tests.Licensing;

public sealed class EligibilityCheckerTests
{
    private static Dossier WithCompany(Func<Company, Company> change) => Good with { Company = change(Good.Company!) };

    private static Dossier WithPremises(Func<Premises, Premises> change) => Good with { Premises = change(Good.Premises!) };

    private static Dossier WithPlan(Func<UsagePlan, UsagePlan> change) => Good with { UsagePlan = change(Good.UsagePlan!) };

    private static Dossier WithAgent(int index, Func<DossierAgent, DossierAgent> change) =>
        Good with { Agents = Good.Agents!.Select((a, i) => i == index ? change(a) : a).ToList() };

    private static Dossier WithPolicies(Func<SecurityPolicies, SecurityPolicies> change) => Good with { SecurityPolicies = change(Good.SecurityPolicies!) };

    /// <summary>Each stable code, with one mutation of the passing example that must raise it (and the condition it fails).</summary>
    public static TheoryData<string, string, string> Failing => new()
    {
        { "USCC_INVALID", "check character", "uscc-check" },
        { "USCC_INVALID", "letter I", "uscc-letter" },
        { "COND1_NOT_LLC", "joint-stock company", "jointstock" },
        { "COND1_NOT_LLC", "股份有限公司 declared as LLC", "jointstock-name" },
        { "COND1_NOT_SHANGHAI", "registered in Suzhou", "suzhou" },
        { "COND1_SCOPE", "catering only", "scope" },
        { "COND2_CAPITAL", "5 million", "capital" },
        { "COND3_SEATS", "4 seats", "seats" },
        { "COND3_LEASE", "11-month lease", "lease-short" },
        { "COND3_LEASE", "lease ends during the review", "lease-ends" },
        { "COND3_LEASE", "no lease dates", "lease-missing" },
        { "COND3_PHOTOS", "no photos", "photos" },
        { "COND4_AGENTS", "four agents", "four-agents" },
        { "COND4_AGENTS", "one part-time", "part-time" },
        { "COND4_SOCIAL_INSURANCE_CITY", "insured in Jiangsu", "jiangsu" },
        { "COND4_SOCIAL_INSURANCE_MONTHS", "2 months", "two-months" },
        { "COND4_TRAINING", "no training records", "training" },
        { "COND5_PURPOSE_VAGUE", "客户服务 alone", "vague-customer-service" },
        { "COND5_PURPOSE_VAGUE", "服务 alone", "vague-service" },
        { "COND5_PURPOSE_VAGUE", "咨询服务", "vague-consulting" },
        { "COND5_PURPOSE_VAGUE", "no purposes", "no-purposes" },
        { "COND5_PURPOSE_MARKETING", "促销", "marketing" },
        { "COND5_PURPOSE_MARKETING", "full-width spaced 促 销", "marketing-spaced" },
        { "COND5_PURPOSE_MARKETING", "电话销售", "marketing-telesales" },
        { "COND5_PURPOSE_MARKETING", "分期产品推荐", "marketing-instalment-products" },
        { "COND5_PURPOSE_MARKETING", "推荐办理", "marketing-recommend" },
        { "COND5_HOURS", "工作时间", "hours" },
        { "COND5_FLOW", "no feedback step", "flow" },
        { "COND5_COMMITMENT", "commitment false", "commitment" },
        { "COND6_DATA_ENCRYPTION", "template policy", "template" },
        { "COND6_RETENTION", "calls kept 3 months", "calls-3" },
        { "COND6_RETENTION", "complaint records kept 半年", "complaints-half-year" },
        { "COND6_COMPLAINT_LIMITS", "48 hours", "48h" },
        { "COND6_COMPLAINT_LIMITS", "15 working days", "15wd" },
        { "COND6_COMPLAINT_LIMITS", "no limits", "no-limits" },
        { "MATERIAL_MISSING", "no photos material", "material-missing" },
        { "MATERIAL_UNSTAMPED", "lease not stamped", "unstamped" },
    };

    private static Dossier Mutate(string mutation) => mutation switch
    {
        "uscc-check" => WithCompany(c => c with { Uscc = "91310115MA1K3Y8N2E" }),
        "uscc-letter" => WithCompany(c => c with { Uscc = "91310115MA1K3Y8NID" }),
        "jointstock" => WithCompany(c => c with { LegalForm = LegalForm.JointStock }),
        "jointstock-name" => WithCompany(c => c with { Name = "上海某某客服股份有限公司", LegalForm = LegalForm.LLC }),
        "suzhou" => WithCompany(c => c with { RegisteredIn = "江苏省苏州市" }),
        "scope" => WithCompany(c => c with { BusinessScope = "餐饮服务；食品销售" }),
        "capital" => WithCompany(c => c with { RegisteredCapitalRmb = 5_000_000m }),
        "seats" => WithPremises(p => p with { Seats = 4 }),
        "lease-short" => WithPremises(p => p with { LeaseStart = new DateOnly(2026, 6, 1), LeaseEnd = new DateOnly(2027, 4, 30) }),
        // Longer than a year, but it ends before 40 working days of review and 10 days of correction are over.
        "lease-ends" => WithPremises(p => p with { LeaseStart = new DateOnly(2025, 12, 1), LeaseEnd = new DateOnly(2027, 1, 10) }),
        "lease-missing" => WithPremises(p => p with { LeaseStart = null, LeaseEnd = null }),
        "photos" => WithPremises(p => p with { Photos = [] }),
        "four-agents" => Good with { Agents = Good.Agents!.Take(4).ToList() },
        "part-time" => WithAgent(4, a => a with { FullTime = false }),
        "jiangsu" => WithAgent(1, a => a with { SocialInsuranceCity = "江苏" }),
        "two-months" => WithAgent(2, a => a with { SocialInsuranceMonths = 2 }),
        "training" => WithAgent(3, a => a with { Training = [] }),
        "vague-customer-service" => WithPlan(u => u with { Purposes = ["客户服务"] }),
        "vague-service" => WithPlan(u => u with { Purposes = ["服务"] }),
        "vague-consulting" => WithPlan(u => u with { Purposes = ["咨询服务"] }),
        "no-purposes" => WithPlan(u => u with { Purposes = [] }),
        "marketing" => WithPlan(u => u with { Purposes = ["账单查询", "信用卡促销活动通知"] }),
        "marketing-spaced" => WithPlan(u => u with { Purposes = ["账单查询", "新品促\u3000销"] }),
        "marketing-telesales" => WithPlan(u => u with { Purposes = ["账单查询", "电话销售"] }),
        "marketing-instalment-products" => WithPlan(u => u with { Purposes = ["账单查询", "分期产品推荐"] }),
        "marketing-recommend" => WithPlan(u => u with { Purposes = ["账单查询", "信用卡推荐办理"] }),
        "hours" => WithPlan(u => u with { ServiceHours = "工作时间" }),
        "flow" => WithPlan(u => u with { Flow = ["用户拨打", "客服接听", "问题记录"] }),
        "commitment" => WithPlan(u => u with { NoMarketingCommitment = false }),
        "template" => WithPolicies(s => s with { CustomerData = new CustomerDataPolicy("公司高度重视并保护客户数据，仅授权人员可以访问。") }),
        "calls-3" => WithPolicies(s => s with { CallRecords = new CallRecordsPolicy("通话记录保存3个月，之后删除。") }),
        "complaints-half-year" => WithPolicies(s => s with { Complaints = new ComplaintsPolicy("24小时内响应，7个工作日内办结，投诉记录保存半年。") }),
        "48h" => WithPolicies(s => s with { Complaints = new ComplaintsPolicy("投诉在48小时内响应，7个工作日内办结，记录保存1年。") }),
        "15wd" => WithPolicies(s => s with { Complaints = new ComplaintsPolicy("投诉在24小时内响应，十五个工作日内办结，记录保存1年。") }),
        "no-limits" => WithPolicies(s => s with { Complaints = new ComplaintsPolicy("我们认真对待每一个投诉，投诉记录保存两年。") }),
        "material-missing" => Good with { Materials = Good.Materials!.Where(m => m.Type != MaterialTypes.CallCentrePhotos).ToList() },
        "unstamped" => Good with { Materials = Good.Materials!.Select(m => m.Type == MaterialTypes.Lease ? m with { Stamped = false } : m).ToList() },
        _ => throw new ArgumentOutOfRangeException(nameof(mutation)),
    };

    [Fact]
    public void Check_ThePudongExample_IsEligibleOnEveryCondition()
    {
        var report = Check(Good);

        Assert.True(report.Eligible, string.Join("; ", report.Findings.Select(f => $"{f.Code} {f.MessageEn}")));
        Assert.All(report.Conditions, c => Assert.Equal(ConditionStatus.Pass, c.Status));
        Assert.Empty(report.Findings);
        Assert.Equal("shanghai-95-2024", report.Policy);
    }

    [Theory]
    [MemberData(nameof(Failing))]
    public void Check_OneCommonRejection_RaisesItsCodeAndFailsItsCondition(string code, string description, string mutation)
    {
        Assert.DoesNotContain(Check(Good).Findings, f => f.Code == code);

        var report = Check(Mutate(mutation));

        var finding = Assert.Single(report.Findings, f => f.Code == code && f.Severity == FindingSeverity.Error);
        Assert.False(report.Eligible, description);
        Assert.NotEmpty(finding.Message);
        Assert.NotEmpty(finding.MessageEn);
        Assert.NotEmpty(finding.Fix);
        Assert.NotEmpty(finding.FixEn);
        Assert.Equal(FindingCodes.Conditions[code], finding.Condition);
        if (finding.Condition is { } condition)
        {
            Assert.NotEqual(ConditionStatus.Pass, report.Conditions.Single(c => c.Number == condition).Status);
        }
    }

    [Fact]
    public void Check_EveryStableCode_IsCoveredByAFailingCase()
    {
        var covered = Failing.Select(row => row.Data.Item1).ToHashSet();

        Assert.Equal(FindingCodes.All.Order(), covered.Order());
    }

    [Fact]
    public void Check_AgentInsuredElsewhere_IsNamedWithItsJsonPath()
    {
        var report = Check(WithAgent(1, a => a with { SocialInsuranceCity = "江苏" }));

        var finding = report.Findings.Single(f => f.Code == "COND4_SOCIAL_INSURANCE_CITY");
        Assert.Equal("$.agents[1].socialInsuranceCity", finding.Field);
        Assert.Contains("李强", finding.Message);
        Assert.Contains(report.Findings, f => f.Code == "COND4_AGENTS" && f.MessageEn.StartsWith("4 qualifying", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_SixAgentsOneInsuredElsewhere_WarnsButStillCountsFive()
    {
        var extra = new DossierAgent("赵六", true, "浙江", 12, [new TrainingRecord("服务礼仪")]);
        var report = Check(Good with { Agents = [.. Good.Agents!, extra] });

        Assert.True(report.Eligible);
        Assert.Equal(FindingSeverity.Warning, report.Findings.Single(f => f.Code == "COND4_SOCIAL_INSURANCE_CITY").Severity);
    }

    [Fact]
    public void Check_ExactlyThreeMonthsInsured_Counts()
    {
        var report = Check(WithAgent(4, a => a with { SocialInsuranceMonths = 3 }));

        Assert.True(report.Eligible);
    }

    [Fact]
    public void Check_PolicyNamingSm4_PassesAndOnlyProtectDataFails()
    {
        var sm4 = Check(WithPolicies(s => s with { CustomerData = new CustomerDataPolicy("客户信息采用ＳＭ４国密算法加密存储，仅主管可访问，保存12个月。") }));
        var template = Check(WithPolicies(s => s with { CustomerData = new CustomerDataPolicy("保护客户数据。") }));

        Assert.True(sm4.Eligible);
        Assert.Contains(sm4.Conditions.Single(c => c.Number == 6).Evidence, e => e.Contains("ＳＭ４", StringComparison.Ordinal) || e.Contains("SM4", StringComparison.Ordinal));
        Assert.Contains(template.Findings, f => f.Code == "COND6_DATA_ENCRYPTION" && f.Severity == FindingSeverity.Error);
    }

    [Fact]
    public void Check_EmptyDossier_EveryConditionIsUnknownNotFailed()
    {
        var report = Check(new Dossier());

        Assert.False(report.Eligible);
        Assert.All(report.Conditions, c => Assert.Equal(ConditionStatus.Unknown, c.Status));
    }

    [Fact]
    public void Check_WithPlatformFacts_TakesSeatsAgentsAndLimitsFromThePlatformAndSaysSo()
    {
        var agents = Enumerable.Range(1, 5).Select(i => new DossierAgent($"坐席{i}", true, "上海", 6, [new TrainingRecord("服务礼仪")])).ToList();
        // The dossier claims 8 seats and a 3-month call policy; the platform has 2 seats and keeps calls 6 months.
        var dossier = WithPolicies(s => s with { CallRecords = new CallRecordsPolicy("通话记录保存3个月。") });
        var platform = new PlatformFacts(2, agents, "AES-256-GCM", 6, 24, 7, 12);

        var report = Check(dossier, platform);

        var seats = report.Findings.Single(f => f.Code == "COND3_SEATS");
        Assert.Contains("2 seats", seats.MessageEn);
        Assert.Contains("platform", seats.MessageEn);
        Assert.DoesNotContain(report.Findings, f => f.Code == "COND6_RETENTION");
        Assert.Contains(report.Conditions.Single(c => c.Number == 6).Evidence, e => e.Contains("AES-256-GCM", StringComparison.Ordinal));
        Assert.Equal(ConditionStatus.Pass, report.Conditions.Single(c => c.Number == 4).Status);
    }

    [Fact]
    public void Check_NewerPolicyVersion_AppliesOnlyFromItsEffectiveDate()
    {
        var stricter = Policy with { Id = "shanghai-95-2027", EffectiveFrom = new DateOnly(2027, 1, 1), MinSeats = 10 };
        IReadOnlyList<EligibilityPolicy> all = [Policy, stricter];

        var before = PolicyCatalogue.InForce(all, new DateOnly(2026, 12, 31)).Value;
        var after = PolicyCatalogue.InForce(all, new DateOnly(2027, 1, 1)).Value;

        Assert.True(Checker.Check(Good, before, new DateOnly(2026, 12, 31)).Eligible);
        var report = Checker.Check(Good, after, new DateOnly(2027, 1, 1));
        Assert.False(report.Eligible);
        Assert.Equal("shanghai-95-2027", report.Policy);
        Assert.Contains(report.Findings, f => f.Code == "COND3_SEATS");
        Assert.False(PolicyCatalogue.InForce(all, new DateOnly(2023, 12, 31)).IsSuccess);
    }
}
