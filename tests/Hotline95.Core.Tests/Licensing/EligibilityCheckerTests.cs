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

    private static List<SocialInsuranceMonth> History(params (string Month, string City)[] months) => [.. months.Select(m => new SocialInsuranceMonth(m.Month, m.City))];

    /// <summary>Every month from <paramref name="from"/> to <paramref name="to"/> (yyyy-MM) paid in 上海.</summary>
    private static List<SocialInsuranceMonth> ShanghaiMonths(string from, string to)
    {
        var months = new List<SocialInsuranceMonth>();
        for (var m = DateOnly.Parse(from + "-01", System.Globalization.CultureInfo.InvariantCulture); m <= DateOnly.Parse(to + "-01", System.Globalization.CultureInfo.InvariantCulture); m = m.AddMonths(1))
        {
            months.Add(new SocialInsuranceMonth($"{m:yyyy-MM}", "上海"));
        }

        return months;
    }

    /// <summary>The example's training of one agent: both topics the policy names, dated, with their files.</summary>
    private static IReadOnlyList<TrainingRecord> Trained => Good.Agents![0].Training!;

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
        { "COND3_LEASE", "lease starts after the expected inspection", "lease-starts-late" },
        { "COND3_LEASE", "lease ends before the expected inspection", "lease-ends-before-inspection" },
        { "COND3_LEASE", "lease starts the day after the expected inspection", "lease-starts-after-inspection-day" },
        { "COND3_PHOTOS", "no photos", "photos" },
        { "COND4_AGENTS", "four agents", "four-agents" },
        { "COND4_AGENTS", "one part-time", "part-time" },
        { "COND4_SOCIAL_INSURANCE_CITY", "insured in Jiangsu", "jiangsu" },
        { "COND4_SOCIAL_INSURANCE_CITY", "上海、江苏", "city-several" },
        { "COND4_SOCIAL_INSURANCE_CITY", "上海/江苏", "city-several-slash" },
        { "COND4_SOCIAL_INSURANCE_CITY", "上海及江苏", "city-several-and" },
        { "COND4_SOCIAL_INSURANCE_CITY", "a month of the history in 上海/江苏", "history-several" },
        { "COND4_SOCIAL_INSURANCE_CITY", "the last 3 months in Jiangsu", "history-jiangsu" },
        { "COND4_SOCIAL_INSURANCE_MONTHS", "2 months", "two-months" },
        { "COND4_SOCIAL_INSURANCE_MONTHS", "江苏 1 month then 上海 2 months", "history-split" },
        { "COND4_SOCIAL_INSURANCE_MONTHS", "a gap in the last 3 months", "history-gap" },
        { "COND4_SOCIAL_INSURANCE_MONTHS", "last paid two months before the check", "history-stopped" },
        { "COND4_SOCIAL_INSURANCE_MONTHS", "a month after the check", "history-future" },
        { "COND4_TRAINING", "no training records", "training" },
        { "COND4_TRAINING", "no business-knowledge training", "training-topic" },
        { "COND4_TRAINING", "training without a date", "training-date" },
        { "COND4_TRAINING", "training after the check date", "training-future" },
        { "COND4_TRAINING", "training without an evidence file", "training-file" },
        { "COND5_PURPOSE_VAGUE", "客户服务 alone", "vague-customer-service" },
        { "COND5_PURPOSE_VAGUE", "服务 alone", "vague-service" },
        { "COND5_PURPOSE_VAGUE", "咨询服务", "vague-consulting" },
        { "COND5_PURPOSE_VAGUE", "no purposes", "no-purposes" },
        { "COND5_PURPOSE_MARKETING", "促销", "marketing" },
        { "COND5_PURPOSE_MARKETING", "full-width spaced 促 销", "marketing-spaced" },
        { "COND5_PURPOSE_MARKETING", "电话销售", "marketing-telesales" },
        { "COND5_PURPOSE_MARKETING", "分期产品推荐", "marketing-instalment-products" },
        { "COND5_PURPOSE_MARKETING", "推荐办理", "marketing-recommend" },
        { "COND5_PURPOSE_MARKETING", "推销", "marketing-selling" },
        { "COND5_PURPOSE_MARKETING", "产品推荐", "marketing-products" },
        { "COND5_PURPOSE_MARKETING", "促销 in the hotline's description", "marketing-description" },
        { "COND5_PURPOSE_MARKETING", "电话销售 as a flow step", "marketing-flow" },
        { "COND5_HOURS", "工作时间", "hours" },
        { "COND5_FLOW", "no feedback step", "flow" },
        { "COND5_COMMITMENT", "commitment false", "commitment" },
        { "COND6_DATA_ENCRYPTION", "template policy", "template" },
        { "COND6_DATA_ENCRYPTION", "AES-128 in the text", "aes-128" },
        { "COND6_DATA_ENCRYPTION", "AES-128 as the stated method", "aes-128-field" },
        { "COND6_DATA_ENCRYPTION", "DES", "des" },
        { "COND6_DATA_ENCRYPTION", "encrypted without an algorithm", "encrypted-unnamed" },
        { "COND6_DATA_ENCRYPTION", "AES-128 stored, AES-256 in transport", "aes-mixed" },
        { "COND6_DATA_ENCRYPTION", "AES-256 stated, AES-128 in the text", "aes-field-hides-text" },
        { "COND6_RETENTION", "calls kept 3 months", "calls-3" },
        { "COND6_RETENTION", "calls 永久保存", "calls-forever" },
        { "COND6_RETENTION", "calls kept 0 months", "calls-zero" },
        { "COND6_RETENTION", "customer data kept 1200 months", "data-huge" },
        { "COND6_RETENTION", "complaint records kept 半年", "complaints-half-year" },
        { "COND6_COMPLAINT_LIMITS", "48 hours", "48h" },
        { "COND6_COMPLAINT_LIMITS", "15 working days", "15wd" },
        { "COND6_COMPLAINT_LIMITS", "no limits", "no-limits" },
        { "COND6_COMPLAINT_LIMITS", "3个工作日内响应", "response-days" },
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
        // Checked on 2026-11-20, the review's 25 working days end on 2026-12-25 and the inspection is expected the next working day, 2026-12-28.
        "lease-starts-late" => WithPremises(p => p with { LeaseStart = new DateOnly(2027, 1, 4), LeaseEnd = new DateOnly(2029, 1, 3) }),
        "lease-ends-before-inspection" => WithPremises(p => p with { LeaseStart = new DateOnly(2025, 12, 1), LeaseEnd = new DateOnly(2026, 12, 20) }),
        "lease-starts-after-inspection-day" => WithPremises(p => p with { LeaseStart = new DateOnly(2026, 12, 29), LeaseEnd = new DateOnly(2028, 12, 28) }),
        "photos" => WithPremises(p => p with { Photos = [] }),
        "four-agents" => Good with { Agents = Good.Agents!.Take(4).ToList() },
        "part-time" => WithAgent(4, a => a with { FullTime = false }),
        "jiangsu" => WithAgent(1, a => a with { SocialInsuranceCity = "江苏" }),
        "city-several" => WithAgent(1, a => a with { SocialInsuranceCity = "上海、江苏" }),
        "city-several-slash" => WithAgent(1, a => a with { SocialInsuranceCity = "上海/江苏" }),
        "city-several-and" => WithAgent(1, a => a with { SocialInsuranceCity = "上海及江苏" }),
        "history-several" => WithAgent(1, a => a with { SocialInsuranceHistory = History(("2026-08", "上海"), ("2026-09", "上海/江苏"), ("2026-10", "上海")) }),
        "history-jiangsu" => WithAgent(1, a => a with { SocialInsuranceHistory = History(("2026-08", "江苏"), ("2026-09", "江苏"), ("2026-10", "江苏")) }),
        "two-months" => WithAgent(2, a => a with { SocialInsuranceMonths = 2 }),
        // The agent still declares 上海 for 9 months: the history decides.
        "history-split" => WithAgent(1, a => a with { SocialInsuranceHistory = History(("2026-08", "江苏"), ("2026-09", "上海"), ("2026-10", "上海")) }),
        "history-gap" => WithAgent(1, a => a with { SocialInsuranceHistory = History(("2026-07", "上海"), ("2026-08", "上海"), ("2026-10", "上海"), ("2026-11", "上海")) }),
        "history-stopped" => WithAgent(1, a => a with { SocialInsuranceHistory = History(("2026-07", "上海"), ("2026-08", "上海"), ("2026-09", "上海")) }),
        "history-future" => WithAgent(1, a => a with { SocialInsuranceHistory = History(("2026-09", "上海"), ("2026-10", "上海"), ("2026-11", "上海"), ("2026-12", "上海")) }),
        "training" => WithAgent(3, a => a with { Training = [] }),
        "training-topic" => WithAgent(3, a => a with { Training = [new TrainingRecord("服务礼仪", new DateOnly(2025, 12, 5), "signin.pdf")] }),
        "training-date" => WithAgent(3, a => a with { Training = [a.Training![0], a.Training[1] with { Date = null }] }),
        "training-future" => WithAgent(3, a => a with { Training = [a.Training![0], a.Training[1] with { Date = new DateOnly(2026, 12, 1) }] }),
        "training-file" => WithAgent(3, a => a with { Training = [a.Training![0] with { File = " " }, a.Training[1]] }),
        "vague-customer-service" => WithPlan(u => u with { Purposes = ["客户服务"] }),
        "vague-service" => WithPlan(u => u with { Purposes = ["服务"] }),
        "vague-consulting" => WithPlan(u => u with { Purposes = ["咨询服务"] }),
        "no-purposes" => WithPlan(u => u with { Purposes = [] }),
        "marketing" => WithPlan(u => u with { Purposes = ["账单查询", "信用卡促销活动通知"] }),
        "marketing-spaced" => WithPlan(u => u with { Purposes = ["账单查询", "新品促\u3000销"] }),
        "marketing-telesales" => WithPlan(u => u with { Purposes = ["账单查询", "电话销售"] }),
        "marketing-instalment-products" => WithPlan(u => u with { Purposes = ["账单查询", "分期产品推荐"] }),
        "marketing-recommend" => WithPlan(u => u with { Purposes = ["账单查询", "信用卡推荐办理"] }),
        "marketing-selling" => WithPlan(u => u with { Purposes = ["账单查询", "理财产品推销"] }),
        "marketing-products" => WithPlan(u => u with { Purposes = ["账单查询", "保险产品推荐"] }),
        "marketing-description" => WithPlan(u => u with { Description = "信用卡客户服务与促销活动热线" }),
        "marketing-flow" => WithPlan(u => u with { Flow = [.. u.Flow!, "电话销售分期产品"] }),
        "hours" => WithPlan(u => u with { ServiceHours = "工作时间" }),
        "flow" => WithPlan(u => u with { Flow = ["用户拨打", "客服接听", "问题记录"] }),
        "commitment" => WithPlan(u => u with { NoMarketingCommitment = false }),
        "template" => WithPolicies(s => s with { CustomerData = new CustomerDataPolicy("公司高度重视并保护客户数据，仅授权人员可以访问。") }),
        "aes-128" => WithPolicies(s => s with { CustomerData = s.CustomerData! with { Text = "客户姓名、电话采用AES-128加密存储，仅主管经审批后可查看，保存12个月后删除。" } }),
        "aes-128-field" => WithPolicies(s => s with { CustomerData = s.CustomerData! with { Encryption = "AES-128" } }),
        "des" => WithPolicies(s => s with { CustomerData = s.CustomerData! with { Text = "客户姓名、电话以DES算法加密存储，仅主管经审批后可查看，保存12个月后删除。" } }),
        "encrypted-unnamed" => WithPolicies(s => s with { CustomerData = s.CustomerData! with { Text = "客户姓名、电话加密存储，仅主管经审批后可查看，保存12个月后删除。" } }),
        "aes-mixed" => WithPolicies(s => s with { CustomerData = s.CustomerData! with { Text = "个人信息以 AES-128 加密存储，传输 TLS(AES-256)，仅主管经审批后可查看，保存12个月后删除。" } }),
        "aes-field-hides-text" => WithPolicies(s => s with { CustomerData = s.CustomerData! with { Encryption = "AES-256", Text = "客户姓名、电话采用AES-128加密存储，仅主管经审批后可查看，保存12个月后删除。" } }),
        "calls-3" => WithPolicies(s => s with { CallRecords = new CallRecordsPolicy("通话记录保存3个月，之后删除。") }),
        "calls-forever" => WithPolicies(s => s with { CallRecords = new CallRecordsPolicy("通话记录与录音永久保存，查询须经授权。") }),
        "calls-zero" => WithPolicies(s => s with { CallRecords = new CallRecordsPolicy(null, 0) }),
        "data-huge" => WithPolicies(s => s with { CustomerData = s.CustomerData! with { RetentionMonths = 1200 } }),
        "complaints-half-year" => WithPolicies(s => s with { Complaints = new ComplaintsPolicy("24小时内响应，7个工作日内办结，投诉记录保存半年。") }),
        "48h" => WithPolicies(s => s with { Complaints = new ComplaintsPolicy("投诉在48小时内响应，7个工作日内办结，记录保存1年。") }),
        "15wd" => WithPolicies(s => s with { Complaints = new ComplaintsPolicy("投诉在24小时内响应，十五个工作日内办结，记录保存1年。") }),
        "no-limits" => WithPolicies(s => s with { Complaints = new ComplaintsPolicy("我们认真对待每一个投诉，投诉记录保存两年。") }),
        "response-days" => WithPolicies(s => s with { Complaints = new ComplaintsPolicy("投诉在3个工作日内响应，7个工作日内办结，投诉记录保存1年。") }),
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
        var extra = new DossierAgent("赵六", true, "浙江", 12, Trained);
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
        var agents = Enumerable.Range(1, 5).Select(i => new DossierAgent($"坐席{i}", true, "上海", 6, Trained)).ToList();
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

    [Theory]
    [InlineData("沪", "上海市", "上海")]
    [InlineData("上海市浦东新区", "Shanghai", "上海/上海市")]
    public void Check_HistoryOfThreeShanghaiMonthsUnderAnyOfItsNames_Counts(string first, string second, string third)
    {
        var report = Check(WithAgent(1, a => a with { SocialInsuranceCity = null, SocialInsuranceMonths = null, SocialInsuranceHistory = History(("2026-08", first), ("2026-09", second), ("2026-10", third)) }));

        Assert.True(report.Eligible, string.Join("; ", report.Findings.Select(f => $"{f.Code} {f.MessageEn}")));
        Assert.Empty(report.Findings);
    }

    [Theory]
    [InlineData("2026-09", "2026-11", true)]
    [InlineData("2026-08", "2026-10", true)]
    [InlineData("2026-07", "2026-09", false)]
    public void Check_HistoryCountedBackFromTheCheckMonth_AllowsTheLastPaidMonthToBeThePreviousOne(string from, string to, bool counts)
    {
        var months = ShanghaiMonths(from, to);

        var report = Check(WithAgent(1, a => a with { SocialInsuranceHistory = months }));

        Assert.Equal(counts, report.Eligible);
        Assert.Equal(counts, !report.Findings.Any(f => f.Code == "COND4_SOCIAL_INSURANCE_MONTHS"));
    }

    [Fact]
    public void Check_HistorySplitBetweenJiangsuAndShanghai_NamesTheAgentTheMonthsAndTheShanghaiRun()
    {
        var report = Check(WithAgent(1, a => a with { SocialInsuranceHistory = History(("2026-08", "江苏"), ("2026-09", "上海"), ("2026-10", "上海")) }));

        var finding = Assert.Single(report.Findings, f => f.Code == "COND4_SOCIAL_INSURANCE_MONTHS");
        Assert.Equal("$.agents[1].socialInsuranceHistory", finding.Field);
        Assert.Contains("李强", finding.Message);
        Assert.Contains("2026-08 江苏", finding.Message);
        Assert.Contains("仅 2 个月", finding.Message);
        Assert.Contains("only 2 consecutive months", finding.MessageEn);
        Assert.DoesNotContain(report.Findings, f => f.Code == "COND4_SOCIAL_INSURANCE_CITY");
        Assert.Contains(report.Findings, f => f.Code == "COND4_AGENTS" && f.MessageEn.StartsWith("4 qualifying", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("上海、江苏")]
    [InlineData("上海/江苏")]
    [InlineData("上海，江苏")]
    [InlineData("上海及江苏")]
    [InlineData("上海和江苏")]
    [InlineData("上海 江苏")]
    [InlineData("沪苏")]
    [InlineData("Shanghai and Jiangsu")]
    [InlineData("上海市江苏省")]
    public void Check_InsuranceCityNamingTwoCities_FailsTheCityNamingTheValue(string city)
    {
        var report = Check(WithAgent(2, a => a with { SocialInsuranceCity = city }));

        var finding = Assert.Single(report.Findings, f => f.Code == "COND4_SOCIAL_INSURANCE_CITY");
        Assert.Contains("张敏", finding.Message);
        Assert.Contains(city, finding.Message);
        Assert.Contains("more than one city", finding.MessageEn);
        Assert.False(report.Eligible);
    }

    [Fact]
    public void Check_TrainingMissingATopic_NamesTheAgentAndTheTopic()
    {
        var report = Check(WithAgent(3, a => a with { Training = [new TrainingRecord("服务礼仪", new DateOnly(2025, 12, 5), "signin.pdf")] }));

        var finding = Assert.Single(report.Findings, f => f.Code == "COND4_TRAINING");
        Assert.Contains("陈晨", finding.Message);
        Assert.Contains("业务知识", finding.Message);
        Assert.DoesNotContain("服务规范", finding.Message);
        Assert.Contains("business knowledge", finding.MessageEn);
    }

    [Fact]
    public void Check_TrainingWithoutDateOrFile_NamesEachGapWithItsJsonPath()
    {
        var report = Check(WithAgent(0, a => a with { Training = [new TrainingRecord("服务礼仪"), a.Training![1]] }));

        var findings = report.Findings.Where(f => f.Code == "COND4_TRAINING").ToList();
        Assert.Equal(["$.agents[0].training[0].date", "$.agents[0].training[0].file"], findings.Select(f => f.Field!).Order(StringComparer.Ordinal).ToArray());
        Assert.All(findings, f => Assert.Contains("王芳", f.Message));
        Assert.All(findings, f => Assert.Contains("服务规范", f.Message));
    }

    [Fact]
    public void Check_AnyCompleteRecordOfATopic_IsEnough()
    {
        var report = Check(WithAgent(0, a => a with { Training = [new TrainingRecord("礼仪复训"), .. a.Training!] }));

        Assert.True(report.Eligible);
        Assert.DoesNotContain(report.Findings, f => f.Code == "COND4_TRAINING");
    }

    [Theory]
    [InlineData("AES-256")]
    [InlineData("AES256")]
    [InlineData("AES 256")]
    [InlineData("aes-256-gcm")]
    [InlineData("SM4")]
    [InlineData("国密SM4")]
    [InlineData("256位AES")]
    [InlineData("AES（256位）")]
    [InlineData("AES-GCM-256")]
    [InlineData("AES-256-GCM")]
    public void Check_EncryptionSpelledAnyAcceptedWay_Passes(string method)
    {
        // Stated in the member, the text saying only 加密存储 (a text naming another cipher would contradict it).
        var field = Check(WithPolicies(s => s with { CustomerData = s.CustomerData! with { Encryption = method, Text = "客户姓名、电话加密存储，仅主管经审批后可查看，保存12个月后删除。" } }));
        var text = Check(WithPolicies(s => s with { CustomerData = s.CustomerData! with { Text = $"客户姓名、电话采用{method}加密存储，仅主管经审批后可查看，保存12个月后删除。" } }));

        Assert.True(field.Eligible, string.Join("; ", field.Findings.Select(f => f.MessageEn)));
        Assert.True(text.Eligible, string.Join("; ", text.Findings.Select(f => f.MessageEn)));
    }

    [Fact]
    public void Check_Sm4_IsNotedAsTheNationalStandardCipher()
    {
        var report = Check(WithPolicies(s => s with { CustomerData = s.CustomerData! with { Encryption = "国密SM4", Text = "客户姓名、电话以国密SM4加密存储，仅主管经审批后可查看，保存12个月后删除。" } }));

        var evidence = report.Conditions.Single(c => c.Number == 6).Evidence;
        Assert.Contains(evidence, e => e.Contains("SM4", StringComparison.Ordinal) && e.Contains("GB/T 32907", StringComparison.Ordinal) && e.Contains("国家标准", StringComparison.Ordinal));
        Assert.DoesNotContain(Check(Good).Conditions.Single(c => c.Number == 6).Evidence, e => e.Contains("GB/T 32907", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("AES-128", "AES-128")]
    [InlineData("des", "DES")]
    [InlineData("3DES", "3DES")]
    [InlineData("AES", "AES")]
    [InlineData("RSA-2048", "RSA-2048")]
    public void Check_EncryptionNotAccepted_FailsNamingWhatWasStated(string method, string named)
    {
        var report = Check(WithPolicies(s => s with { CustomerData = s.CustomerData! with { Encryption = method } }));

        var finding = Assert.Single(report.Findings, f => f.Code == "COND6_DATA_ENCRYPTION");
        Assert.Contains(named, finding.Message);
        Assert.Contains("AES-256 或 SM4", finding.Message);
        Assert.False(report.Eligible);
    }

    [Theory]
    [InlineData("callRecords", "通话记录永久保存。", null)]
    [InlineData("callRecords", "通话记录保存期限为长期。", null)]
    [InlineData("callRecords", null, 0)]
    [InlineData("callRecords", null, 1200)]
    [InlineData("complaints", "投诉受理后24小时内响应，7个工作日内办结；投诉记录永久保存。", null)]
    public void Check_RecordsKeptForEver_SaysTheyMustBeDeleted(string policy, string? text, int? months)
    {
        var report = Check(WithPolicies(s => policy == "complaints"
            ? s with { Complaints = new ComplaintsPolicy(text, RecordRetentionMonths: months) }
            : s with { CallRecords = new CallRecordsPolicy(text, months) }));

        var finding = Assert.Single(report.Findings, f => f.Code == "COND6_RETENTION");
        Assert.Contains("期满须删除，不得永久保存", finding.Message);
        Assert.Contains("never kept for ever", finding.MessageEn);
        Assert.Equal(policy == "complaints" ? "$.securityPolicies.complaints.recordRetentionMonths" : "$.securityPolicies.callRecords.retentionMonths", finding.Field);
    }

    [Fact]
    public void Check_ResponseLimitInWorkingDays_SaysItMustBeHoursAndReadsTheResolutionLimitApart()
    {
        var report = Check(WithPolicies(s => s with { Complaints = new ComplaintsPolicy("投诉在3个工作日内响应，15个工作日内办结，投诉记录保存1年。") }));

        var findings = report.Findings.Where(f => f.Code == "COND6_COMPLAINT_LIMITS").ToList();
        Assert.Equal(2, findings.Count);
        var response = Assert.Single(findings, f => f.Field == "$.securityPolicies.complaints.responseHours");
        Assert.Contains("响应时限须以小时计，不超过 24 小时", response.Message);
        Assert.Contains("3", response.Message);
        var resolution = Assert.Single(findings, f => f.Field == "$.securityPolicies.complaints.resolutionWorkingDays");
        Assert.Contains("15 个工作日", resolution.Message);
        Assert.DoesNotContain(findings, f => f.Message.Contains("未写明", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_LeaseStartingAfterTheExpectedInspection_GivesBothDates()
    {
        var report = Check(WithPremises(p => p with { LeaseStart = new DateOnly(2027, 1, 4), LeaseEnd = new DateOnly(2029, 1, 3) }));

        var finding = Assert.Single(report.Findings, f => f.Code == "COND3_LEASE");
        Assert.Equal("$.premises.leaseStart", finding.Field);
        Assert.Contains("2027-01-04", finding.Message);
        // 2026-11-20 plus 5 + 20 working days is 2026-12-25, the review's last day; the inspection comes the next working day.
        Assert.Contains("2026-12-28", finding.Message);
        Assert.Equal(Policy.WorkingDaysToInspection + 1, LicensingFixtures.Calendar.WorkdaysBetween(Today, new DateOnly(2026, 12, 28)));
        Assert.Contains("下一个工作日", finding.Message);
        Assert.Contains("2026-11-20", finding.MessageEn);
    }

    [Fact]
    public void Check_WithTheTimelinesInspectionDate_HoldsTheLeaseAgainstItInsteadOfTheCheckDate()
    {
        var dossier = WithPremises(p => p with { LeaseStart = new DateOnly(2026, 12, 10), LeaseEnd = new DateOnly(2028, 12, 9) });
        var timeline = new InspectionDate(new DateOnly(2026, 12, 1), false, "申请时间线：实质审查于 2026-12-01 通过", "application timeline: substantive review passed on 2026-12-01");

        var fromCheckDate = Check(dossier);
        var fromTimeline = Checker.Check(dossier, Policy, Today, null, timeline);

        Assert.True(fromCheckDate.Eligible);
        var finding = Assert.Single(fromTimeline.Findings, f => f.Code == "COND3_LEASE");
        Assert.Contains("2026-12-10", finding.Message);
        Assert.Contains("2026-12-01", finding.Message);
        Assert.Contains("申请时间线", finding.Message);
    }

    [Fact]
    public void Check_TheDossierTheIssueSaysWasWronglyPassed_RaisesEveryExpectedCode()
    {
        var report = Check(Load("issue16-wrongly-passed.json"));

        Assert.False(report.Eligible);
        var errors = report.Findings.Where(f => f.Severity == FindingSeverity.Error).ToList();
        Assert.Equal(["COND1_NOT_LLC", "COND3_LEASE", "COND4_AGENTS", "COND4_SOCIAL_INSURANCE_MONTHS", "COND5_PURPOSE_MARKETING", "COND6_DATA_ENCRYPTION"],
            errors.Select(f => f.Code).Distinct().Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["王芳", "李强"], errors.Where(f => f.Code == "COND4_SOCIAL_INSURANCE_MONTHS").Select(f => f.Message[..2]).ToArray());
        Assert.Equal(["$.usagePlan.purposes[1]", "$.usagePlan.purposes[2]"], errors.Where(f => f.Code == "COND5_PURPOSE_MARKETING").Select(f => f.Field!).ToArray());
        Assert.Contains("AES-128", errors.Single(f => f.Code == "COND6_DATA_ENCRYPTION").Message);
        Assert.Contains("2027-02-01", errors.Single(f => f.Code == "COND3_LEASE").Message);
        Assert.Contains("股份有限公司", errors.Single(f => f.Code == "COND1_NOT_LLC").Message);
    }

    [Fact]
    public void Check_TheSameDossierCorrected_IsEligible()
    {
        var wrong = Load("issue16-wrongly-passed.json");
        var corrected = wrong with
        {
            Company = wrong.Company! with { Name = "上海浦江信融科技有限公司" },
            Premises = wrong.Premises! with { LeaseStart = new DateOnly(2026, 10, 1) },
            Agents = wrong.Agents!.Select(a => a with { SocialInsuranceHistory = a.SocialInsuranceHistory?.Select(m => m with { City = "上海" }).ToList() }).ToList(),
            UsagePlan = wrong.UsagePlan! with { Purposes = ["信用卡账单查询", "分期还款咨询"] },
            SecurityPolicies = wrong.SecurityPolicies! with
            {
                CustomerData = wrong.SecurityPolicies!.CustomerData! with { Text = wrong.SecurityPolicies.CustomerData.Text!.Replace("AES-128", "AES-256", StringComparison.Ordinal) },
            },
        };

        var report = Check(corrected);

        Assert.True(report.Eligible, string.Join("; ", report.Findings.Select(f => $"{f.Code} {f.MessageEn}")));
        Assert.Empty(report.Findings);
    }

    [Theory]
    [InlineData("上海市浦东新区")]
    [InlineData("上海浦东")]
    [InlineData("上海市 徐汇区")]
    [InlineData("上海市崇明区")]
    [InlineData("上海市")]
    [InlineData("沪")]
    [InlineData("SHANGHAI")]
    public void Check_InsuranceCityShanghaiOrOneOfItsDistricts_Counts(string city)
    {
        var report = Check(WithAgent(2, a => a with { SocialInsuranceCity = city }));

        Assert.True(report.Eligible, string.Join("; ", report.Findings.Select(f => $"{f.Code} {f.MessageEn}")));
        Assert.Empty(report.Findings);
    }

    [Fact]
    public void Check_AgentInsuredElsewhere_NamesTheCityAsThePolicyDataNamesItInEachLanguage()
    {
        var report = Check(WithAgent(1, a => a with { SocialInsuranceCity = "江苏" }));

        var city = report.Findings.Single(f => f.Code == "COND4_SOCIAL_INSURANCE_CITY");
        var agents = report.Findings.Single(f => f.Code == "COND4_AGENTS");
        Assert.Contains("not in Shanghai", city.MessageEn, StringComparison.Ordinal);
        Assert.Contains("insured in Shanghai", agents.MessageEn, StringComparison.Ordinal);
        Assert.DoesNotContain("shanghai", city.MessageEn + agents.MessageEn + city.FixEn + agents.FixEn, StringComparison.Ordinal);
        Assert.Contains("须在上海缴纳", city.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-06", true)]
    [InlineData("2026-09", false)]
    public void Check_HistoryMonthNamingTwoCities_ObjectedToOnlyInsideTheWindow(string month, bool counts)
    {
        var months = History(("2026-06", "上海"), ("2026-07", "上海"), ("2026-08", "上海"), ("2026-09", "上海"), ("2026-10", "上海"))
            .Select(m => m.Month == month ? m with { City = "上海/江苏" } : m).ToList();

        var report = Check(WithAgent(1, a => a with { SocialInsuranceHistory = months }));

        Assert.Equal(counts, report.Eligible);
        Assert.Equal(counts, !report.Findings.Any(f => f.Code == "COND4_SOCIAL_INSURANCE_CITY"));
    }

    [Theory]
    [InlineData("2027-01-15", "2026-10", "2026-12", true)]
    [InlineData("2027-01-15", "2026-11", "2027-01", true)]
    [InlineData("2027-01-15", "2026-09", "2026-11", false)]
    [InlineData("2026-12-15", "2026-09", "2026-11", true)]
    [InlineData("2026-12-15", "2026-10", "2026-12", true)]
    [InlineData("2026-12-15", "2026-08", "2026-10", false)]
    public void Check_HistoryAcrossTheYearEnd_CountsBackFromTheCheckMonth(string on, string from, string to, bool counts)
    {
        var months = ShanghaiMonths(from, to);

        var report = Checker.Check(WithAgent(1, a => a with { SocialInsuranceHistory = months }), Policy, DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(counts, !report.Findings.Any(f => f.Code == "COND4_SOCIAL_INSURANCE_MONTHS"));
        Assert.Equal(counts, report.Eligible);
    }

    [Fact]
    public void Check_HistoryMonthThatIsNoMonth_IsAFindingNotACrash()
    {
        var report = Check(WithAgent(1, a => a with { SocialInsuranceHistory = History(("0000-01", "上海"), ("2026-09", "上海"), ("2026-10", "上海")) }));

        Assert.Contains(report.Findings, f => f.Code == "COND4_SOCIAL_INSURANCE_MONTHS" && f.Field!.EndsWith("socialInsuranceHistory[0].month", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("非营销类客户服务热线", null, true)]
    [InlineData("信用卡客户服务热线", "不做推销，不开展任何营销", true)]
    [InlineData("会员促销与客服热线", null, false)]
    [InlineData("信用卡客户服务热线", "电话销售", false)]
    public void Check_MarketingWordsDenied_AreNotMarketing(string description, string? flowStep, bool passes)
    {
        var report = Check(WithPlan(u => u with { Description = description, Flow = flowStep is null ? u.Flow : [.. u.Flow ?? [], flowStep] }));

        Assert.Equal(passes, !report.Findings.Any(f => f.Code == "COND5_PURPOSE_MARKETING"));
    }

    [Fact]
    public void Check_ExtraAgentWithoutTraining_WarnsWhileFiveOthersCount()
    {
        var untrained = new DossierAgent("赵六", true, "上海", 12, [new TrainingRecord("服务礼仪")]);
        var partTime = new DossierAgent("钱七", false, "上海", 12, []);

        var report = Check(Good with { Agents = [.. Good.Agents!, untrained, partTime] });

        Assert.True(report.Eligible, string.Join("; ", report.Findings.Select(f => $"{f.Code} {f.MessageEn}")));
        var training = report.Findings.Where(f => f.Code == "COND4_TRAINING").ToList();
        Assert.Equal(["$.agents[5].training", "$.agents[5].training[0].date", "$.agents[5].training[0].file", "$.agents[6].training"], training.Select(f => f.Field!).Order(StringComparer.Ordinal).ToArray());
        Assert.All(training, f => Assert.Equal(FindingSeverity.Warning, f.Severity));
    }

    [Fact]
    public void Check_FiveAgentsOneUntrained_TheCountFallsShortAndTheTrainingIsAnError()
    {
        var report = Check(WithAgent(3, a => a with { Training = [] }));

        Assert.False(report.Eligible);
        Assert.Equal(FindingSeverity.Error, report.Findings.Single(f => f.Code == "COND4_TRAINING").Severity);
        Assert.Contains(report.Findings, f => f.Code == "COND4_AGENTS" && f.Severity == FindingSeverity.Error && f.MessageEn.StartsWith("4 qualifying", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("个人信息以 AES-128 加密存储，传输 TLS(AES-256)。", null, "AES-128", "$.securityPolicies.customerData.encryption")]
    [InlineData("客户数据以AES-256和AES-128加密存储。", null, "AES-128", "$.securityPolicies.customerData.encryption")]
    [InlineData("客户数据以AES-256加密存储，历史数据以DES加密。", null, "DES", "$.securityPolicies.customerData.encryption")]
    [InlineData("客户姓名、电话采用AES-128加密存储。", "AES-256", "AES-128", "$.securityPolicies.customerData.text")]
    [InlineData("客户姓名、电话采用AES-256加密存储。", "AES-256, AES-128", "AES-128", "$.securityPolicies.customerData.encryption")]
    public void Check_AnyStorageCipherNotAccepted_FailsEvenBesideAnAcceptedOne(string text, string? stated, string named, string field)
    {
        var report = Check(WithPolicies(s => s with { CustomerData = s.CustomerData! with { Text = text + "仅主管经审批后可查看，保存12个月后删除。", Encryption = stated } }));

        var finding = Assert.Single(report.Findings, f => f.Code == "COND6_DATA_ENCRYPTION");
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains(named, finding.Message, StringComparison.Ordinal);
        Assert.Contains("AES-256 或 SM4", finding.Message, StringComparison.Ordinal);
        Assert.Contains(named, finding.MessageEn, StringComparison.Ordinal);
        Assert.Equal(field, finding.Field);
        Assert.False(report.Eligible);
    }

    [Fact]
    public void Check_StatedCipherContradictedByTheText_FailsSayingBoth()
    {
        var report = Check(WithPolicies(s => s with { CustomerData = s.CustomerData! with { Encryption = "AES-256", Text = "客户数据以国密SM4加密存储，仅主管经审批后可查看，保存12个月后删除。" } }));

        var finding = Assert.Single(report.Findings, f => f.Code == "COND6_DATA_ENCRYPTION");
        Assert.Contains("AES-256", finding.Message, StringComparison.Ordinal);
        Assert.Contains("SM4", finding.Message, StringComparison.Ordinal);
        Assert.Contains("须一致", finding.Message, StringComparison.Ordinal);
        Assert.Contains("must agree", finding.MessageEn, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("客户数据以AES-256加密存储，密钥以RSA-2048加密保护，传输采用TLS(AES-128)。", true)]
    [InlineData("客户数据加密存储，传输采用TLS(AES-256)。", false)]
    public void Check_TransportAndKeyCiphers_AreNotStorageCiphers(string text, bool passes)
    {
        var report = Check(WithPolicies(s => s with { CustomerData = s.CustomerData! with { Text = text + "仅主管经审批后可查看，保存12个月后删除。" } }));

        Assert.Equal(passes, report.Eligible);
        Assert.Equal(passes, !report.Findings.Any(f => f.Code == "COND6_DATA_ENCRYPTION"));
        if (!passes)
        {
            Assert.Contains("传输或密钥", report.Findings.Single(f => f.Code == "COND6_DATA_ENCRYPTION").Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Check_MarketingWordsAroundThePurposes_NameEachField()
    {
        var report = Check(WithPlan(u => u with { Description = "信用卡促销热线", Callers = "电话销售名单上的客户", Flow = ["用户拨打", "客服接听并推荐办理分期", "问题记录", "转办处理", "反馈结果"] }));

        var findings = report.Findings.Where(f => f.Code == "COND5_PURPOSE_MARKETING").ToList();
        Assert.Equal(["$.usagePlan.callers", "$.usagePlan.description", "$.usagePlan.flow[1]"], findings.Select(f => f.Field!).Order(StringComparer.Ordinal).ToArray());
        Assert.All(findings, f => Assert.Equal(FindingSeverity.Error, f.Severity));
        Assert.Contains(findings, f => f.Message.Contains("热线说明“信用卡促销热线”", StringComparison.Ordinal) && f.Message.Contains("促销", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.MessageEn.StartsWith("Flow step 2", StringComparison.Ordinal));
        Assert.False(report.Eligible);
        Assert.Equal(ConditionStatus.Fail, report.Conditions.Single(c => c.Number == 5).Status);
    }

    [Theory]
    [InlineData("2026-11-20", "2026-12-26", true)]
    [InlineData("2026-11-20", "2026-12-28", true)]
    [InlineData("2026-11-20", "2026-12-29", false)]
    [InlineData("2026-08-26", "2026-10-01", true)]
    [InlineData("2026-08-26", "2026-10-08", true)]
    [InlineData("2026-08-26", "2026-10-09", false)]
    public void Check_LeaseStartingAfterTheReviewsLastDay_PassesUntilTheInspectionDay(string on, string leaseStart, bool passes)
    {
        var start = DateOnly.Parse(leaseStart, System.Globalization.CultureInfo.InvariantCulture);
        var report = Checker.Check(WithPremises(p => p with { LeaseStart = start, LeaseEnd = start.AddYears(2) }), Policy, DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(passes, !report.Findings.Any(f => f.Code == "COND3_LEASE"));
        Assert.Equal(passes, report.Eligible);
    }

    [Fact]
    public void Check_ReviewRunningBeyondTheCalendar_LeaseIsUnknownWithAReason()
    {
        var on = new DateOnly(LicensingFixtures.Calendar.LastYear, 12, 1);
        var report = Checker.Check(WithPremises(p => p with { LeaseStart = on.AddMonths(-6), LeaseEnd = on.AddYears(3) }), Policy, on);

        var finding = Assert.Single(report.Findings, f => f.Code == "COND3_LEASE");
        Assert.True(finding.Missing);
        Assert.Contains($"{on.Year + 1} 年", finding.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be reckoned", finding.MessageEn, StringComparison.Ordinal);
        Assert.Equal(ConditionStatus.Unknown, report.Conditions.Single(c => c.Number == 3).Status);
        Assert.False(report.Eligible);
    }
}
