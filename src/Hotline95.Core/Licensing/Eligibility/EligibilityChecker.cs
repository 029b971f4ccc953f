using Hotline95.Core.Calendar;
using System.Globalization;
using Hotline95.Core.Licensing.Dossiers;
using Hotline95.Core.Service;

namespace Hotline95.Core.Licensing.Eligibility;

/// <summary>
/// Answers the six conditions for a dossier against one policy version, as a reviewer would: every common
/// rejection of DOMAIN.md is a finding with a stable code, the field it concerns, and the fix.
/// </summary>
public sealed class EligibilityChecker(WorkdayCalendar calendar)
{
    private static readonly (int Number, string Zh, string En)[] Titles =
    [
        (1, "主体资格", "Legal entity"),
        (2, "注册资本", "Registered capital"),
        (3, "场地", "Premises"),
        (4, "人员", "Staff"),
        (5, "使用规划", "Usage plan"),
        (6, "安全制度", "Security policies"),
    ];

    /// <param name="inspection">When the on-site inspection is expected (from an application's timeline); null: reckoned from <paramref name="on"/>.</param>
    public EligibilityReport Check(Dossier dossier, EligibilityPolicy policy, DateOnly on, PlatformFacts? platform = null, InspectionDate? inspection = null)
    {
        var run = new Run(dossier, policy, on, platform, calendar, inspection);
        run.Company();
        run.Capital();
        run.Premises();
        run.Staff();
        run.UsagePlan();
        run.Security();
        run.Materials();

        var conditions = Titles.Select(t =>
        {
            var errors = run.Findings.Where(f => f.Condition == t.Number && f.Severity == FindingSeverity.Error).ToList();
            var status = errors.Count == 0 ? ConditionStatus.Pass
                : errors.All(f => f.Missing) ? ConditionStatus.Unknown
                : ConditionStatus.Fail;
            return new ConditionResult(t.Number, t.Zh, t.En, status, run.Evidence[t.Number]);
        }).ToList();

        var eligible = conditions.All(c => c.Status == ConditionStatus.Pass) && run.Findings.All(f => f.Severity != FindingSeverity.Error);
        return new EligibilityReport(eligible, policy.Id, on, conditions, run.Findings);
    }

    private sealed class Run(Dossier d, EligibilityPolicy p, DateOnly on, PlatformFacts? platform, WorkdayCalendar calendar, InspectionDate? inspection)
    {
        public List<Finding> Findings { get; } = [];
        public Dictionary<int, List<string>> Evidence { get; } = Enumerable.Range(1, 6).ToDictionary(i => i, _ => new List<string>());

        private static readonly Source FromPlatform = new("（取自本平台的花名册与配置）", " (taken from this platform's roster and configuration)");
        private static readonly Source FromDossier = new("", "");

        /// <summary>Where a fact came from, said in each language.</summary>
        private sealed record Source(string Zh, string En);

        private void Add(string code, int? condition, string? field, string zh, string en, string fixZh, string fixEn,
            FindingSeverity severity = FindingSeverity.Error, bool missing = false) =>
            Findings.Add(new Finding(code, condition, severity, field, zh, en, fixZh, fixEn) { Missing = missing });

        private void Note(int condition, string zh, string en) => Evidence[condition].Add($"{zh} / {en}");

        public void Company()
        {
            var c = d.Company;
            if (c?.Uscc is not { Length: > 0 } uscc)
            {
                Add("USCC_INVALID", 1, "$.company.uscc", "未填写统一社会信用代码。", "The unified social credit code is missing.",
                    "填写营业执照上的18位统一社会信用代码。", "Give the 18-character code printed on the business licence.", missing: true);
            }
            else if (Uscc.Problem(uscc) is { } problem)
            {
                Add("USCC_INVALID", 1, "$.company.uscc", $"统一社会信用代码 {uscc} 无效：{problem}。", $"The unified social credit code {uscc} is invalid: {problem}.",
                    "按营业执照逐位核对代码（易混淆：0/O、1/I）。", "Copy the code from the business licence character by character (0 is never O, 1 is never I).");
            }
            else
            {
                Note(1, $"统一社会信用代码 {Dossiers.Uscc.Normalize(uscc)} 校验通过", $"USCC {Dossiers.Uscc.Normalize(uscc)} is valid");
            }

            if (c?.LegalForm is not { } form)
            {
                Add("COND1_NOT_LLC", 1, "$.company.legalForm", "未说明企业类型。", "The legal form is not stated.",
                    $"填写企业类型；须为{string.Join("或", p.LegalForms.Select(FormZh))}。", $"State the legal form; it must be {string.Join(" or ", p.LegalForms)}.", missing: true);
            }
            else if (!p.LegalForms.Contains(form.ToString()))
            {
                Add("COND1_NOT_LLC", 1, "$.company.legalForm", $"企业类型为{FormZh(form.ToString())}，申请主体须为{string.Join("或", p.LegalForms.Select(FormZh))}。",
                    $"The legal form is {form}; the applicant must be {string.Join(" or ", p.LegalForms)}.",
                    "由在上海注册的有限责任公司（如母公司在沪设立的子公司）作为申请主体。", "Apply through a limited liability company registered in Shanghai (e.g. a Shanghai subsidiary).");
            }
            else if (form == LegalForm.LLC && c?.Name is { } name && name.Trim().EndsWith("股份有限公司", StringComparison.Ordinal))
            {
                // The name says what the company is: a 股份有限公司 is a joint-stock company, whatever the form says.
                Add("COND1_NOT_LLC", 1, "$.company.legalForm", $"企业名称“{name.Trim()}”为股份有限公司，与申报的企业类型（有限责任公司）不符。",
                    $"The name \"{name.Trim()}\" is that of a joint-stock company (股份有限公司), not of the declared limited liability company.",
                    "按营业执照如实填写企业类型；股份有限公司须由在上海注册的有限责任公司作为申请主体。",
                    "State the legal form as on the business licence; a joint-stock company applies through a Shanghai limited liability company.");
            }
            else
            {
                Note(1, $"企业类型：{FormZh(form.ToString())}", $"legal form: {form}");
            }

            if (string.IsNullOrWhiteSpace(c?.RegisteredIn))
            {
                Add("COND1_NOT_SHANGHAI", 1, "$.company.registeredIn", "未填写注册地。", "The place of registration is missing.",
                    "填写营业执照上的登记机关所在地。", "Give the place of registration shown on the business licence.", missing: true);
            }
            else if (!ContainsAny(c.RegisteredIn, p.RegistrationPlaces))
            {
                Add("COND1_NOT_SHANGHAI", 1, "$.company.registeredIn", $"注册地为{c.RegisteredIn}，须在{p.RegistrationPlaces[0]}注册。",
                    $"Registered in {c.RegisteredIn}; the company must be registered in {p.RegistrationPlaces[^1]}.",
                    "在上海注册（或设立上海子公司）后再申请。", "Register in Shanghai (or set up a Shanghai subsidiary) first.");
            }
            else
            {
                Note(1, $"注册地：{c.RegisteredIn}", $"registered in {c.RegisteredIn}");
                if (p.RegistrationDivisionPrefix is { } prefix && c.Uscc is { } code && Dossiers.Uscc.Problem(code) is null
                    && !Dossiers.Uscc.Division(code).StartsWith(prefix, StringComparison.Ordinal))
                {
                    Add("COND1_NOT_SHANGHAI", 1, "$.company.uscc", $"信用代码的登记机关区划码为 {Dossiers.Uscc.Division(code)}，与注册地{c.RegisteredIn}不符。",
                        $"The code's registration division {Dossiers.Uscc.Division(code)} does not match {c.RegisteredIn}.",
                        "核对营业执照：信用代码第3–8位应为上海的区划码（31开头）。", "Check the licence: characters 3–8 of the code should be a Shanghai division (31…).",
                        FindingSeverity.Warning);
                }
            }

            if (string.IsNullOrWhiteSpace(c?.BusinessScope))
            {
                Add("COND1_SCOPE", 1, "$.company.businessScope", "未填写经营范围。", "The business scope is missing.",
                    "照营业执照填写经营范围。", "Copy the business scope from the business licence.", missing: true);
            }
            else if (p.ScopeKeywords.FirstOrDefault(k => PolicyText.Fold(c.BusinessScope).Contains(k, StringComparison.OrdinalIgnoreCase)) is { } keyword)
            {
                Note(1, $"经营范围含“{keyword}”", $"business scope includes '{keyword}'");
            }
            else
            {
                Add("COND1_SCOPE", 1, "$.company.businessScope", $"经营范围未包含{string.Join("、", p.ScopeKeywords)}之一。",
                    $"The business scope includes none of {string.Join(", ", p.ScopeKeywords)}.",
                    $"办理经营范围变更，增加“{string.Join("”或“", p.ScopeKeywords)}”之一。", $"Amend the business scope to include one of '{string.Join("', '", p.ScopeKeywords)}'.");
            }
        }

        public void Capital()
        {
            var c = d.Company;
            var min = p.MinRegisteredCapitalRmb.ToString("N0", CultureInfo.InvariantCulture);
            if (c?.RegisteredCapitalRmb is not { } capital)
            {
                Add("COND2_CAPITAL", 2, "$.company.registeredCapitalRmb", "未填写注册资本。", "The registered capital is missing.",
                    $"填写营业执照上的注册资本（不少于 {min} 元）。", $"Give the registered capital on the licence (at least RMB {min}).", missing: true);
                return;
            }

            var amount = capital.ToString("N0", CultureInfo.InvariantCulture);
            if (c.CapitalPaidIn == false && !p.SubscribedCapitalCounts)
            {
                Add("COND2_CAPITAL", 2, "$.company.capitalPaidIn", $"注册资本 {amount} 元为认缴，本政策要求实缴。", $"The capital of RMB {amount} is only subscribed; this policy requires it paid in.",
                    "完成实缴并提供验资报告。", "Pay the capital in and add a capital verification report.");
            }
            else if (capital < p.MinRegisteredCapitalRmb)
            {
                Add("COND2_CAPITAL", 2, "$.company.registeredCapitalRmb", $"注册资本 {amount} 元，低于 {min} 元。", $"Registered capital RMB {amount} is below RMB {min}.",
                    $"增资至不少于 {min} 元（认缴即可）并变更营业执照。", $"Increase the registered capital to at least RMB {min} (subscribed counts) and update the licence.");
            }
            else
            {
                Note(2, $"注册资本 {amount} 元（{(c.CapitalPaidIn == true ? "实缴" : "认缴")}）≥ {min} 元", $"registered capital RMB {amount} ({(c.CapitalPaidIn == true ? "paid in" : "subscribed")}) ≥ RMB {min}");
            }
        }

        public void Premises()
        {
            var pr = d.Premises;
            var seats = platform?.Seats ?? pr?.Seats;
            var source = platform is null ? FromDossier : FromPlatform;
            if (seats is not { } count)
            {
                Add("COND3_SEATS", 3, "$.premises.seats", "未填写坐席数。", "The number of seats is missing.",
                    $"填写呼叫中心坐席数（不少于 {p.MinSeats} 个）。", $"Give the call centre's seats (at least {p.MinSeats}).", missing: true);
            }
            else if (count < p.MinSeats)
            {
                Add("COND3_SEATS", 3, "$.premises.seats", $"坐席 {count} 个，少于 {p.MinSeats} 个{source.Zh}。", $"{count} seats, fewer than {p.MinSeats}{source.En}.",
                    $"增设坐席至 {p.MinSeats} 个以上，每席配话机与电脑。", $"Set up at least {p.MinSeats} seats, each with a phone and a computer.");
            }
            else
            {
                Note(3, $"坐席 {count} 个{source.Zh}", $"{count} seats{source.En}");
            }

            LeaseCheck(pr);

            if (pr?.Photos is not { Count: > 0 } photos)
            {
                Add("COND3_PHOTOS", 3, "$.premises.photos", "缺少呼叫中心照片。", "No call-centre photos.",
                    "补充清晰展示坐席、话机与公司标识的现场照片。", "Add photos that clearly show the seats, phones and the company logo.", missing: pr?.Photos is null);
            }
            else
            {
                Note(3, $"现场照片 {photos.Count} 张", $"{photos.Count} photos");
            }
        }

        private void LeaseCheck(Premises? pr)
        {
            if (pr?.OwnProperty == true)
            {
                Note(3, "自有房产（房产证）", "own property (property certificate)");
                return;
            }

            if (pr?.LeaseStart is not { } start || pr.LeaseEnd is not { } end)
            {
                Add("COND3_LEASE", 3, pr?.LeaseStart is null ? "$.premises.leaseStart" : "$.premises.leaseEnd", "未填写租赁起止日期（或自有房产）。",
                    "The lease dates (or own property) are missing.", $"填写租赁合同起止日期（不少于 {p.MinLeaseMonths} 个月），或注明自有房产。",
                    $"Give the lease's start and end (at least {p.MinLeaseMonths} months), or state own property.", missing: true);
                return;
            }

            if (end < start.AddMonths(p.MinLeaseMonths).AddDays(-1))
            {
                Add("COND3_LEASE", 3, "$.premises.leaseEnd", $"租期 {start:yyyy-MM-dd} 至 {end:yyyy-MM-dd}，不足 {p.MinLeaseMonths} 个月。",
                    $"The lease from {start:yyyy-MM-dd} to {end:yyyy-MM-dd} is shorter than {p.MinLeaseMonths} months.",
                    $"续签租赁合同至不少于 {p.MinLeaseMonths} 个月。", $"Extend the lease to at least {p.MinLeaseMonths} months.");
                return;
            }

            // The authority inspects the premises after the formal and substantive reviews: the lease must be in force that day.
            InspectionDate inspected;
            try
            {
                inspected = inspection ?? InspectionDate.FromCheckDate(calendar, p, on);
            }
            catch (CalendarYearOutOfRangeException)
            {
                return; // the review would end beyond the years the calendar answers: no date to hold the lease against
            }

            if (start > inspected.On || end < inspected.On)
            {
                var after = start > inspected.On;
                Add("COND3_LEASE", 3, after ? "$.premises.leaseStart" : "$.premises.leaseEnd",
                    after
                        ? $"租约自 {start:yyyy-MM-dd} 起租，晚于预计现场核查日 {inspected.On:yyyy-MM-dd}（{inspected.BasisZh}）：核查时场地须在租期内。"
                        : $"租约于 {end:yyyy-MM-dd} 到期，早于预计现场核查日 {inspected.On:yyyy-MM-dd}（{inspected.BasisZh}）：核查时场地须在租期内。",
                    after
                        ? $"The lease starts on {start:yyyy-MM-dd}, after the expected on-site inspection on {inspected.On:yyyy-MM-dd} ({inspected.BasisEn}): the premises must be leased when inspected."
                        : $"The lease ends on {end:yyyy-MM-dd}, before the expected on-site inspection on {inspected.On:yyyy-MM-dd} ({inspected.BasisEn}): the premises must be leased when inspected.",
                    after ? "提前租约起租日，或待租约生效后再申报。" : "申报前续签租约，使其覆盖审查期及之后至少一年。",
                    after ? "Bring the lease's start forward, or declare once the lease is in force." : "Renew the lease before declaring so that it covers the review and at least a year after.");
                return;
            }

            // The review may run to its end (and a correction round): the lease should outlast it too.
            CalendarDate reviewedBy;
            PeriodDue correction;
            try
            {
                reviewedBy = calendar.AddWorkdays(on, p.ReviewWorkingDaysTotal);
                correction = calendar.DaysAfter(reviewedBy.Date, p.CorrectionDays);
            }
            catch (CalendarYearOutOfRangeException)
            {
                return; // the review would end beyond the years the calendar answers: no date to hold the lease against
            }

            var estimatedReview = reviewedBy.Estimated;
            var reviewEnds = correction.Due;
            var estimated = estimatedReview || correction.Estimated;
            if (end < reviewEnds)
            {
                Add("COND3_LEASE", 3, "$.premises.leaseEnd",
                    $"租约于 {end:yyyy-MM-dd} 到期，早于审查可能结束的 {reviewEnds:yyyy-MM-dd}（{p.ReviewWorkingDaysTotal} 个工作日审查 + {p.CorrectionDays} 天补正{(estimated ? "，含尚无节假日安排年份的估算" : "")}）。",
                    $"The lease ends {end:yyyy-MM-dd}, before the review could finish on {reviewEnds:yyyy-MM-dd} ({p.ReviewWorkingDaysTotal} working days of review + {p.CorrectionDays} days of correction{(estimated ? ", estimated for a year without a holiday notice" : "")}).",
                    "申报前续签租约，使其覆盖审查期及之后至少一年。", "Renew the lease before declaring so that it covers the review and at least a year after.");
                return;
            }

            Note(3, $"租期 {start:yyyy-MM-dd} 至 {end:yyyy-MM-dd}", $"lease {start:yyyy-MM-dd} to {end:yyyy-MM-dd}");
        }

        public void Staff()
        {
            var agents = platform?.Agents ?? d.Agents ?? [];
            var source = platform is null ? FromDossier : FromPlatform;
            var standings = agents.Select((a, i) => Standing(a, i)).ToList();
            var qualifying = standings.Count(s => s.Agent.FullTime == true && s.Insurance.Count == 0);
            var shortfall = qualifying < p.MinFullTimeAgents;
            if (shortfall)
            {
                Add("COND4_AGENTS", 4, "$.agents", $"符合条件的全职坐席人员 {qualifying} 名（全职、{p.SocialInsuranceCities[0]}社保满 {p.MinSocialInsuranceMonths} 个月），少于 {p.MinFullTimeAgents} 名{source.Zh}。",
                    $"{qualifying} qualifying agents (full-time, insured in {p.SocialInsuranceCities[^1]} for {p.MinSocialInsuranceMonths}+ months), fewer than {p.MinFullTimeAgents}{source.En}.",
                    $"配备至少 {p.MinFullTimeAgents} 名在{p.SocialInsuranceCities[0]}连续缴纳社保满 {p.MinSocialInsuranceMonths} 个月的全职客服。",
                    $"Employ at least {p.MinFullTimeAgents} full-time agents insured in {p.SocialInsuranceCities[^1]} for the last {p.MinSocialInsuranceMonths} months.",
                    missing: agents.Count == 0);
            }
            else
            {
                Note(4, $"符合条件的全职坐席人员 {qualifying} 名{source.Zh}", $"{qualifying} qualifying full-time agents{source.En}");
            }

            var severity = shortfall ? FindingSeverity.Error : FindingSeverity.Warning;
            foreach (var (a, who, at, insurance) in standings)
            {
                if (a.FullTime != true)
                {
                    Add("COND4_AGENTS", 4, $"{at}.fullTime", $"{who} 非全职（不计入）。", $"{who} is not full-time (not counted).",
                        "由全职员工担任客服坐席。", "Staff the seats with full-time employees.", FindingSeverity.Warning);
                }

                foreach (var o in insurance)
                {
                    Add(o.Code, 4, o.Field, o.Zh, o.En, o.FixZh, o.FixEn, severity, o.Missing);
                }

                TrainingCheck(a, who, at);
            }
        }

        /// <summary>An objection to one agent's insurance, before its severity is known (an error only when too few others qualify).</summary>
        private sealed record Objection(string Code, string Field, string Zh, string En, string FixZh, string FixEn, bool Missing = false);

        /// <summary>An agent, how findings name it and where it sits, and what stops its insurance from counting.</summary>
        private sealed record AgentStanding(DossierAgent Agent, string Who, string At, IReadOnlyList<Objection> Insurance);

        private AgentStanding Standing(DossierAgent a, int i)
        {
            var who = string.IsNullOrWhiteSpace(a.Name) ? $"#{i + 1}" : a.Name;
            var at = platform is null ? $"$.agents[{i}]" : $"roster:{who}";
            return new AgentStanding(a, who, at, a.SocialInsuranceHistory is { Count: > 0 } history ? History(history, who, at) : Declared(a, who, at));
        }

        private string CityZh => p.SocialInsuranceCities[0];

        private string CityEn => p.SocialInsuranceCities[^1];

        private string TransferFixZh => $"将社保转入{CityZh}，或聘用在{CityZh}参保的员工。";

        private string TransferFixEn => $"Transfer the insurance to {CityEn}, or hire staff insured there.";

        /// <summary>Insurance stated as a city and a count of recent months.</summary>
        private List<Objection> Declared(DossierAgent a, string who, string at)
        {
            var objections = new List<Objection>();
            var city = a.SocialInsuranceCity;
            if (string.IsNullOrWhiteSpace(city))
            {
                objections.Add(new("COND4_SOCIAL_INSURANCE_CITY", $"{at}.socialInsuranceCity", $"{who} 未填写社保缴纳地。", $"{who}: where social insurance is paid is missing.",
                    "填写社保缴纳城市并附社保缴纳证明。", "Give the city and attach the social-insurance statement.", true));
            }
            else if (Classify(city) == InsuranceCity.Several)
            {
                objections.Add(SeveralCities(who, $"{at}.socialInsuranceCity", city));
            }
            else if (Classify(city) == InsuranceCity.Elsewhere)
            {
                objections.Add(new("COND4_SOCIAL_INSURANCE_CITY", $"{at}.socialInsuranceCity", $"{who} 在{city}缴纳社保，须在{CityZh}缴纳（不计入）。",
                    $"{who} is insured in {city}, not in {CityEn} (not counted).", TransferFixZh, TransferFixEn));
            }

            if (a.SocialInsuranceMonths is not { } months)
            {
                objections.Add(new("COND4_SOCIAL_INSURANCE_MONTHS", $"{at}.socialInsuranceMonths", $"{who} 未填写社保缴纳月数。", $"{who}: months of social insurance are missing.",
                    $"填写最近连续缴纳月数（至少 {p.MinSocialInsuranceMonths} 个月）。", $"Give the recent consecutive months paid (at least {p.MinSocialInsuranceMonths}).", true));
            }
            else if (months < p.MinSocialInsuranceMonths)
            {
                objections.Add(new("COND4_SOCIAL_INSURANCE_MONTHS", $"{at}.socialInsuranceMonths", $"{who} 社保仅缴纳 {months} 个月，少于 {p.MinSocialInsuranceMonths} 个月（不计入）。",
                    $"{who} has paid social insurance for {months} months, fewer than {p.MinSocialInsuranceMonths} (not counted).",
                    $"待其连续缴纳满 {p.MinSocialInsuranceMonths} 个月后申报，或以其他员工替代。", $"Declare once {p.MinSocialInsuranceMonths} months are paid, or count another agent."));
            }

            return objections;
        }

        /// <summary>
        /// Insurance stated month by month, read as a reviewer reads the statement: the most recent months the policy asks for,
        /// ending at the last paid month, which is the check's month or at most the policy's grace months before it, must each
        /// be paid, and paid in Shanghai. A month after the check's month cannot have been paid and is an objection.
        /// </summary>
        private List<Objection> History(IReadOnlyList<SocialInsuranceMonth> history, string who, string at)
        {
            var objections = new List<Objection>();
            var checkMonth = new DateOnly(on.Year, on.Month, 1);
            var months = new List<(DateOnly Month, string City, InsuranceCity Kind)>();
            for (var j = 0; j < history.Count; j++)
            {
                var entry = history[j];
                var month = DateOnly.ParseExact(entry.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
                if (month > checkMonth)
                {
                    objections.Add(new("COND4_SOCIAL_INSURANCE_MONTHS", $"{at}.socialInsuranceHistory[{j}].month", $"{who} 的社保记录含 {entry.Month}，晚于检查日 {on:yyyy-MM-dd} 所在月份（不计入）。",
                        $"{who}'s insurance history lists {entry.Month}, after the month of the check date {on:yyyy-MM-dd} (not counted).",
                        "按社保缴纳证明逐月填写已缴纳的月份。", "List the months paid as the social-insurance statement shows them."));
                    continue;
                }

                var kind = Classify(entry.City);
                if (kind == InsuranceCity.Several)
                {
                    objections.Add(SeveralCities(who, $"{at}.socialInsuranceHistory[{j}].city", entry.City));
                }

                months.Add((month, entry.City.Trim(), kind));
            }

            var n = p.MinSocialInsuranceMonths;
            if (months.Count == 0 || n <= 0)
            {
                return objections;
            }

            var last = months.Max(m => m.Month);
            var earliestLast = checkMonth.AddMonths(-p.SocialInsuranceGraceMonths);
            if (last < earliestLast)
            {
                objections.Add(new("COND4_SOCIAL_INSURANCE_MONTHS", $"{at}.socialInsuranceHistory", $"{who} 最后缴纳社保的月份为 {last:yyyy-MM}，早于 {earliestLast:yyyy-MM}：缴纳已中断（不计入）。",
                    $"{who}'s last insured month is {last:yyyy-MM}, before {earliestLast:yyyy-MM}: the insurance has stopped (not counted).",
                    $"提供截至 {earliestLast:yyyy-MM} 或之后的社保缴纳记录，须最近 {n} 个月在{CityZh}连续缴纳。",
                    $"Give the statement up to {earliestLast:yyyy-MM} or later; the last {n} months must be paid in {CityEn} without a gap."));
                return objections;
            }

            var window = Enumerable.Range(0, n).Select(k => last.AddMonths(k - n + 1)).ToList();
            var span = $"{window[0]:yyyy-MM}–{window[^1]:yyyy-MM}";
            var gaps = window.Where(m => !months.Any(x => x.Month == m)).ToList();
            if (gaps.Count > 0)
            {
                var missing = string.Join("、", gaps.Select(g => g.ToString("yyyy-MM", CultureInfo.InvariantCulture)));
                objections.Add(new("COND4_SOCIAL_INSURANCE_MONTHS", $"{at}.socialInsuranceHistory", $"{who} 的社保在 {missing} 中断，最近 {n} 个月（{span}）须连续缴纳（不计入）。",
                    $"{who}'s insurance has a gap in {missing.Replace("、", ", ", StringComparison.Ordinal)}; the last {n} months ({span}) must be paid without a gap (not counted).",
                    $"补缴或待连续缴纳满 {n} 个月后申报，或以其他员工替代。", $"Declare once {n} consecutive months are paid, or count another agent."));
                return objections;
            }

            // A month is in Shanghai only when every entry for it is; one naming several cities is already an objection of its own.
            var inWindow = window.Select(m => (Month: m, Entries: months.Where(x => x.Month == m).ToList())).ToList();
            bool InCity((DateOnly Month, List<(DateOnly Month, string City, InsuranceCity Kind)> Entries) w) => w.Entries.All(e => e.Kind == InsuranceCity.Shanghai);
            if (inWindow.All(InCity) || inWindow.Any(w => w.Entries.Any(e => e.Kind == InsuranceCity.Several)))
            {
                return objections;
            }

            var statement = string.Join("、", inWindow.Select(w => $"{w.Month:yyyy-MM} {string.Join("/", w.Entries.Select(e => e.City).Distinct())}"));
            var statementEn = statement.Replace("、", ", ", StringComparison.Ordinal);
            if (!inWindow.Any(InCity))
            {
                objections.Add(new("COND4_SOCIAL_INSURANCE_CITY", $"{at}.socialInsuranceHistory", $"{who} 最近 {n} 个月不在{CityZh}缴纳社保（{statement}）（不计入）。",
                    $"{who} was not insured in {CityEn} in the last {n} months ({statementEn}) (not counted).", TransferFixZh, TransferFixEn));
                return objections;
            }

            var run = inWindow.AsEnumerable().Reverse().TakeWhile(InCity).Count();
            objections.Add(new("COND4_SOCIAL_INSURANCE_MONTHS", $"{at}.socialInsuranceHistory", $"{who} 最近 {n} 个月的社保跨城市缴纳（{statement}），在{CityZh}连续缴纳仅 {run} 个月，少于 {n} 个月（不计入）。",
                $"{who}'s last {n} months were insured in more than one city ({statementEn}): only {run} consecutive months in {CityEn}, fewer than {n} (not counted).",
                $"待其在{CityZh}连续缴纳满 {n} 个月后申报，或以其他员工替代。", $"Declare once {n} consecutive months are paid in {CityEn}, or count another agent."));
            return objections;
        }

        private Objection SeveralCities(string who, string field, string city) =>
            new("COND4_SOCIAL_INSURANCE_CITY", field, $"{who} 的社保缴纳地“{city}”含多个城市：须写明一个缴纳城市，且须为{CityZh}（不计入）。",
                $"{who}'s insurance city '{city}' names more than one city: give the one city paid in, which must be {CityEn} (not counted).",
                $"按社保缴纳证明填写唯一的缴纳城市（{CityZh}）；跨城市缴纳的，逐月填写 socialInsuranceHistory。",
                $"Give the one city on the statement ({CityEn}); for months paid in different cities, list them in socialInsuranceHistory.");

        private enum InsuranceCity { Shanghai, Elsewhere, Several }

        /// <summary>
        /// Which city a value names: the policy's city under any of its names (上海, 上海市, 上海市浦东新区, 沪), another, or more than
        /// one (上海、江苏; 上海/江苏). Parts that all name the policy's city (上海/上海市) are one city.
        /// </summary>
        private InsuranceCity Classify(string value)
        {
            var parts = PolicyText.ListItems(value);
            bool Shanghai(string part) => p.SocialInsuranceCities.Any(c => part.StartsWith(c, StringComparison.OrdinalIgnoreCase));
            return parts.Count > 0 && parts.All(Shanghai) ? InsuranceCity.Shanghai
                : parts.Count > 1 ? InsuranceCity.Several
                : InsuranceCity.Elsewhere;
        }

        /// <summary>
        /// Every agent's training covers each topic the policy names, with a date (not after the check) and an evidence file.
        /// Without topics in the policy, any training record will do.
        /// </summary>
        private void TrainingCheck(DossierAgent a, string who, string at)
        {
            var topics = p.TrainingTopics ?? [];
            var namesZh = topics.Count > 0 ? string.Join("与", topics.Select(t => t.Zh)) : "";
            var namesEn = topics.Count > 0 ? string.Join(" and ", topics.Select(t => t.En)) : "";
            if (a.Training is not { Count: > 0 } records)
            {
                Add("COND4_TRAINING", 4, $"{at}.training", $"{who} 没有培训记录。", $"{who} has no training records.",
                    $"补充{namesZh}培训的签到表和课件。", topics.Count > 0 ? $"Add sign-in sheets and courseware for {namesEn} training." : "Add training sign-in sheets and courseware.");
                return;
            }

            foreach (var topic in topics)
            {
                var covering = records.Select((r, j) => (Record: r, Index: j)).Where(x => ContainsAny(x.Record.Topic, topic.Words)).ToList();
                if (covering.Count == 0)
                {
                    Add("COND4_TRAINING", 4, $"{at}.training", $"{who} 没有{topic.Zh}培训记录（如{string.Join("、", topic.Words.Take(2))}）。",
                        $"{who} has no {topic.En} training record.",
                        $"补充{topic.Zh}培训的日期、签到表和课件。", $"Add the {topic.En} training with its date, sign-in sheet and courseware.");
                    continue;
                }

                // The record with the fewest gaps speaks for the topic: one complete record is enough.
                var (record, index) = covering.MinBy(x => TrainingGaps(x.Record).Count());
                foreach (var (member, zh, en) in TrainingGaps(record))
                {
                    Add("COND4_TRAINING", 4, $"{at}.training[{index}].{member}", $"{who} 的{topic.Zh}培训“{record.Topic}”{zh}。", $"{who}'s {topic.En} training '{record.Topic}' {en}.",
                        "补充培训日期与签到表或课件文件。", "Add the training's date and its sign-in sheet or courseware.");
                }
            }
        }

        private IEnumerable<(string Member, string Zh, string En)> TrainingGaps(TrainingRecord r)
        {
            if (r.Date is not { } date)
            {
                yield return ("date", "未写明培训日期", "has no date");
            }
            else if (date > on)
            {
                yield return ("date", $"日期 {date:yyyy-MM-dd} 晚于检查日 {on:yyyy-MM-dd}", $"is dated {date:yyyy-MM-dd}, after the check date {on:yyyy-MM-dd}");
            }

            if (string.IsNullOrWhiteSpace(r.File))
            {
                yield return ("file", "没有证明文件（签到表或课件）", "has no evidence file (sign-in sheet or courseware)");
            }
        }

        public void UsagePlan()
        {
            var u = d.UsagePlan;
            var purposes = (u?.Purposes ?? []).Where(x => !string.IsNullOrWhiteSpace(x)).ToList();
            if (purposes.Count == 0)
            {
                Add("COND5_PURPOSE_VAGUE", 5, "$.usagePlan.purposes", "未填写号码用途。", "No purpose is given.",
                    "写明具体用途，如“信用卡账单查询”“设备故障报修”。", "Name concrete uses, e.g. credit-card bill enquiry, device fault reports.", missing: true);
            }

            var all = u?.Purposes ?? [];
            for (var i = 0; i < all.Count; i++)
            {
                var purpose = all[i];
                if (string.IsNullOrWhiteSpace(purpose))
                {
                    continue;
                }

                if (MarketingTerms.Find(PolicyText.Fold(purpose)) is { } term)
                {
                    Add("COND5_PURPOSE_MARKETING", 5, $"$.usagePlan.purposes[{i}]", $"用途“{purpose}”含营销用语“{term}”；95号码只能用于非营销类服务。",
                        $"Purpose '{purpose}' contains the marketing term '{term}'; a 95 number serves non-marketing purposes only.",
                        "删除营销、促销、推广类用途，只保留咨询、售后、查询、提醒、投诉处理等服务。", "Remove marketing uses; keep consultation, after-sales, enquiry, reminders and complaint handling.");
                }
                else if (IsGeneric(purpose))
                {
                    Add("COND5_PURPOSE_VAGUE", 5, $"$.usagePlan.purposes[{i}]", $"用途“{purpose}”过于笼统（仅为泛称）。",
                        $"Purpose '{purpose}' is only a generic word, not a concrete use.",
                        "写明具体业务，如“信用卡额度与账单咨询”，并配合服务时间与流程。", "Name the concrete use, e.g. credit-card limit and bill consultation, with its hours and flow.");
                }
            }

            if (purposes.Count > 0 && !Findings.Any(f => f.Code is "COND5_PURPOSE_VAGUE" or "COND5_PURPOSE_MARKETING"))
            {
                Note(5, $"用途：{string.Join("、", purposes)}", $"purposes: {string.Join(", ", purposes)}");
            }

            if (string.IsNullOrWhiteSpace(u?.ServiceHours))
            {
                Add("COND5_HOURS", 5, "$.usagePlan.serviceHours", "未填写服务时间。", "Service hours are missing.",
                    "写明服务时间，如 7×24 或 工作日 8:30–17:30。", "State the hours, e.g. 7×24 or weekdays 8:30–17:30.", missing: true);
            }
            else if (!ServiceHours.IsConcrete(u.ServiceHours))
            {
                Add("COND5_HOURS", 5, "$.usagePlan.serviceHours", $"服务时间“{u.ServiceHours}”不明确。", $"Service hours '{u.ServiceHours}' are not specific.",
                    "写明具体时段，如 7×24 或 工作日 8:30–17:30。", "Give specific times, e.g. 7×24 or weekdays 8:30–17:30.");
            }
            else
            {
                Note(5, $"服务时间：{u.ServiceHours}", $"service hours: {u.ServiceHours}");
            }

            var flow = u?.Flow ?? [];
            var missingStages = p.FlowStages.Where(s => !flow.Any(step => ContainsAny(step, s.Words))).Select(s => s.Name).ToList();
            if (flow.Count == 0)
            {
                Add("COND5_FLOW", 5, "$.usagePlan.flow", "未填写服务流程。", "The service flow is missing.",
                    "写明流程：用户拨打→客服接听→问题记录→转办处理→反馈结果。", "Describe the flow: call → agent answers → issue recorded → handled or escalated → result fed back.", missing: true);
            }
            else if (missingStages.Count > 0)
            {
                Add("COND5_FLOW", 5, "$.usagePlan.flow", $"服务流程缺少环节：{string.Join("、", missingStages)}。", $"The flow lacks: {string.Join(", ", missingStages)}.",
                    "补全流程：用户拨打→客服接听→问题记录→转办处理→反馈结果。", "Complete the flow: call → agent answers → issue recorded → handled or escalated → result fed back.");
            }
            else
            {
                Note(5, $"服务流程 {flow.Count} 个环节", $"service flow of {flow.Count} steps");
            }

            if (u?.NoMarketingCommitment != true)
            {
                Add("COND5_COMMITMENT", 5, "$.usagePlan.noMarketingCommitment", "缺少不用于营销的书面承诺。", "The written commitment not to use the number for marketing is missing.",
                    "签署并盖章《不用于营销用途承诺书》（可由本平台生成）。", "Sign and stamp the no-marketing commitment letter (Hotline95 generates it).", missing: u?.NoMarketingCommitment is null);
            }
            else
            {
                Note(5, "已承诺不用于营销", "no-marketing commitment given");
            }
        }

        private bool IsGeneric(string purpose)
        {
            var rest = PolicyText.Fold(purpose).ToLowerInvariant();
            foreach (var word in p.GenericPurposeWords.OrderByDescending(w => w.Length))
            {
                rest = rest.Replace(word.ToLowerInvariant(), "", StringComparison.Ordinal);
            }

            return rest.All(ch => char.IsWhiteSpace(ch) || char.IsPunctuation(ch) || char.IsSymbol(ch) || "和及与类的and&".Contains(ch));
        }

        public void Security()
        {
            var s = d.SecurityPolicies;
            var source = platform is null ? FromDossier : FromPlatform;

            // Customer data: encryption method, retention, access.
            var data = s?.CustomerData;
            var method = platform?.Encryption ?? data?.Encryption ?? PolicyText.EncryptionMethod(data?.Text, p.EncryptionMethods);
            var methodFrom = platform is not null ? source : data?.Encryption is not null ? FromDossier : new Source("（从制度正文读取）", " (read from the policy text)");
            if (string.IsNullOrWhiteSpace(data?.Text) && platform is null && data?.Encryption is null)
            {
                Add("COND6_DATA_ENCRYPTION", 6, "$.securityPolicies.customerData.text", "缺少客户数据安全制度。", "The customer data security policy is missing.",
                    "制定客户数据安全制度，写明加密方式（如 AES-256）、服务器位置与可访问人员。", "Write the policy: the encryption (e.g. AES-256), where the servers are, who may access.", missing: true);
            }
            else if (p.AcceptedCiphers is { Count: > 0 } accepted)
            {
                CipherCheck(accepted, platform?.Encryption ?? data?.Encryption, data?.Text, methodFrom);
            }
            else if (string.IsNullOrWhiteSpace(method))
            {
                Add("COND6_DATA_ENCRYPTION", 6, "$.securityPolicies.customerData.encryption", "客户数据安全制度未写明加密方式（模板化表述）。",
                    "The customer data policy names no encryption method (a template policy).",
                    "写明具体加密方式（如“姓名、电话以 AES-256 加密存储”）、服务器所在地和授权访问角色。", "Name the method (e.g. names and numbers stored AES-256 encrypted), where the servers are, and who may access.");
            }
            else
            {
                Note(6, $"客户数据加密：{method}{methodFrom.Zh}", $"customer data encrypted with {method}{methodFrom.En}");
            }

            if (platform is null && data is not null && data.AccessRoles is not { Count: > 0 } && !ContainsAny(data.Text ?? "", ["授权", "权限", "authoris", "authoriz", "access"]))
            {
                Add("COND6_DATA_ENCRYPTION", 6, "$.securityPolicies.customerData.accessRoles", "未说明谁可访问客户数据。", "The policy does not say who may access customer data.",
                    "列明可访问的角色（如 主管、合规专员）及审批与审计方式。", "List the roles that may access (e.g. supervisor, compliance officer) and how access is approved and audited.", FindingSeverity.Warning);
            }

            RetentionCheck("$.securityPolicies.customerData.retentionMonths", "客户数据", "customer data",
                platform?.CallRecordRetentionMonths ?? data?.RetentionMonths ?? PolicyText.RetentionMonths(data?.Text), p.MinCustomerDataRetentionMonths, source, data is null && platform is null,
                platform is null && PolicyText.KeptIndefinitely(data?.Text));
            var calls = s?.CallRecords;
            RetentionCheck("$.securityPolicies.callRecords.retentionMonths", "通话记录", "call records",
                platform?.CallRecordRetentionMonths ?? calls?.RetentionMonths ?? PolicyText.RetentionMonths(calls?.Text), p.MinCallRecordRetentionMonths, source, true,
                platform is null && PolicyText.KeptIndefinitely(calls?.Text));

            var complaints = s?.Complaints;
            var hours = platform?.ComplaintResponseHours ?? complaints?.ResponseHours ?? PolicyText.ResponseHours(complaints?.Text);
            var days = platform?.ComplaintResolutionWorkingDays ?? complaints?.ResolutionWorkingDays ?? PolicyText.ResolutionWorkingDays(complaints?.Text);
            var responseDays = hours is null && platform is null ? PolicyText.ResponseDays(complaints?.Text) : null;
            if (responseDays is { } wrong)
            {
                // A response limit in days says the wrong thing, not nothing: a reviewer wants hours.
                Add("COND6_COMPLAINT_LIMITS", 6, "$.securityPolicies.complaints.responseHours",
                    $"投诉响应时限写为 {wrong} 天（工作日）：响应时限须以小时计，不超过 {p.MaxComplaintResponseHours} 小时。",
                    $"The complaint response limit is given as {wrong} (working) days: a response limit is counted in hours, at most {p.MaxComplaintResponseHours}.",
                    $"改为“{p.MaxComplaintResponseHours}小时内响应”。", $"State: respond within {p.MaxComplaintResponseHours} hours.");
            }

            var noResponse = hours is null && responseDays is null;
            if (noResponse || days is null)
            {
                Add("COND6_COMPLAINT_LIMITS", 6, noResponse ? "$.securityPolicies.complaints.responseHours" : "$.securityPolicies.complaints.resolutionWorkingDays",
                    $"投诉处理制度未写明{(noResponse ? "响应时限" : "")}{(noResponse && days is null ? "和" : "")}{(days is null ? "办结时限" : "")}。",
                    $"The complaint policy states no {(noResponse ? "response limit" : "")}{(noResponse && days is null ? " and no " : "")}{(days is null ? "resolution limit" : "")}.",
                    $"写明“{p.MaxComplaintResponseHours}小时内响应，{p.MaxComplaintResolutionWorkingDays}个工作日内办结”。",
                    $"State: respond within {p.MaxComplaintResponseHours} hours, resolve within {p.MaxComplaintResolutionWorkingDays} working days.", missing: complaints is null && platform is null);
            }

            if (hours is null)
            {
                if (days > p.MaxComplaintResolutionWorkingDays)
                {
                    Add("COND6_COMPLAINT_LIMITS", 6, "$.securityPolicies.complaints.resolutionWorkingDays",
                        $"投诉办结时限 {days} 个工作日，宽于要求（上限 {p.MaxComplaintResolutionWorkingDays}）{source.Zh}。",
                        $"Complaints are resolved within {days} working days, looser than required (max {p.MaxComplaintResolutionWorkingDays}){source.En}.",
                        $"改为“{p.MaxComplaintResolutionWorkingDays}个工作日内办结”。", $"Tighten to {p.MaxComplaintResolutionWorkingDays} working days.");
                }
            }
            else if (hours > p.MaxComplaintResponseHours || days > p.MaxComplaintResolutionWorkingDays)
            {
                Add("COND6_COMPLAINT_LIMITS", 6, hours > p.MaxComplaintResponseHours ? "$.securityPolicies.complaints.responseHours" : "$.securityPolicies.complaints.resolutionWorkingDays",
                    $"投诉时限宽于要求：响应 {hours} 小时（上限 {p.MaxComplaintResponseHours}），办结 {days} 个工作日（上限 {p.MaxComplaintResolutionWorkingDays}）{source.Zh}。",
                    $"Complaint limits are looser than required: respond {hours} h (max {p.MaxComplaintResponseHours}), resolve {days} working days (max {p.MaxComplaintResolutionWorkingDays}){source.En}.",
                    $"改为“{p.MaxComplaintResponseHours}小时内响应，{p.MaxComplaintResolutionWorkingDays}个工作日内办结”。",
                    $"Tighten to {p.MaxComplaintResponseHours} hours and {p.MaxComplaintResolutionWorkingDays} working days.");
            }
            else if (hours is not null && days is not null)
            {
                Note(6, $"投诉 {hours} 小时内响应、{days} 个工作日内办结{source.Zh}", $"complaints answered within {hours} h and resolved within {days} working days{source.En}");
            }

            RetentionCheck("$.securityPolicies.complaints.recordRetentionMonths", "投诉记录", "complaint records",
                platform?.ComplaintRecordRetentionMonths ?? complaints?.RecordRetentionMonths ?? PolicyText.RetentionMonths(complaints?.Text), p.MinComplaintRecordRetentionMonths, source, complaints is not null || platform is not null);
        }

        /// <summary>
        /// Customer data must name an accepted cipher (AES-256, SM4): a weaker one (AES-128, DES), AES without its key
        /// length, or 加密 without an algorithm fails. The evidence says what the policy data says of the cipher (SM4's standard).
        /// </summary>
        private void CipherCheck(IReadOnlyList<AcceptedCipher> accepted, string? method, string? text, Source from)
        {
            var named = PolicyText.Ciphers(method ?? text);
            var names = string.Join(" 或 ", accepted.Select(c => c.Name));
            var namesEn = string.Join(" or ", accepted.Select(c => c.Name));
            var match = accepted.FirstOrDefault(a => named.Any(c => c.IsA(PolicyText.Ciphers(a.Name)[0])));
            if (match is null)
            {
                Add("COND6_DATA_ENCRYPTION", 6, "$.securityPolicies.customerData.encryption",
                    named.Count == 0
                        ? $"客户数据安全制度未写明加密算法（仅写“加密”或模板化表述不足以通过），须为 {names}{from.Zh}。"
                        : $"客户数据加密算法为 {string.Join("、", named)}，不符合要求：须为 {names}{from.Zh}。",
                    named.Count == 0
                        ? $"The customer data policy names no encryption algorithm (saying 'encrypted' or a template is not enough); it must be {namesEn}{from.En}."
                        : $"Customer data is encrypted with {string.Join(", ", named)}, which is not accepted: it must be {namesEn}{from.En}.",
                    $"写明具体加密算法（如“姓名、电话以 {accepted[0].Name} 加密存储”）、服务器所在地和授权访问角色。",
                    $"Name the algorithm (e.g. names and numbers stored {accepted[0].Name} encrypted), where the servers are, and who may access.");
                return;
            }

            // A method stated on its own is shown as stated (AES-256-GCM); one read from prose by the cipher it names.
            var cipher = method ?? named.First(c => c.IsA(PolicyText.Ciphers(match.Name)[0])).Name;
            Note(6, $"客户数据加密：{cipher}{(match.NoteZh is { } zh ? $"（{zh}）" : "")}{from.Zh}", $"customer data encrypted with {cipher}{(match.NoteEn is { } en ? $" ({en})" : "")}{from.En}");
        }

        private void RetentionCheck(string field, string whatZh, string whatEn, int? months, int min, Source source, bool required, bool statedForever = false)
        {
            if (statedForever || months == 0 || months >= p.IndefiniteRetentionMonths)
            {
                var (howZh, howEn) = statedForever ? ("写明永久（长期）保存", "are stated to be kept permanently")
                    : months == 0 ? ("保存期限为 0（不限期）", "have a retention of 0 (no limit)")
                    : ($"保存 {months} 个月，实为不限期", $"are kept {months} months, which is no limit");
                Add("COND6_RETENTION", 6, field, $"{whatZh}{howZh}：期满须删除，不得永久保存{source.Zh}。",
                    $"{whatEn} {howEn}: they must be deleted when the period ends, never kept for ever{source.En}.",
                    $"写明{whatZh}保存 {min} 个月（或其他确定期限），期满后删除。", $"State that {whatEn} are kept {min} months (or another fixed period), then deleted.");
                return;
            }

            if (months is null)
            {
                if (required)
                {
                    Add("COND6_RETENTION", 6, field, $"未写明{whatZh}的保存期限。", $"No retention period is stated for {whatEn}.",
                        $"写明{whatZh}保存不少于 {min} 个月，到期永久删除。", $"State that {whatEn} are kept at least {min} months, then permanently deleted.", missing: true);
                }

                return;
            }

            if (months < min)
            {
                Add("COND6_RETENTION", 6, field, $"{whatZh}保存 {months} 个月，少于 {min} 个月{source.Zh}。", $"{whatEn} are kept {months} months, less than {min}{source.En}.",
                    $"将{whatZh}保存期限改为不少于 {min} 个月。", $"Keep {whatEn} at least {min} months.");
            }
            else
            {
                Note(6, $"{whatZh}保存 {months} 个月{source.Zh}", $"{whatEn} kept {months} months{source.En}");
            }
        }

        public void Materials()
        {
            var materials = d.Materials ?? [];
            foreach (var required in p.RequiredMaterials)
            {
                var options = required.Split('|');
                if (!materials.Any(m => options.Contains(m.Type)))
                {
                    var (zh, en) = MaterialName(options[0]);
                    Add("MATERIAL_MISSING", null, "$.materials", $"缺少材料：{zh}。", $"Missing material: {en}.",
                        $"准备{zh}的盖章PDF。", $"Prepare the stamped PDF of the {en}.");
                }
            }

            for (var i = 0; i < materials.Count; i++)
            {
                if (materials[i].Stamped != true)
                {
                    var (zh, en) = MaterialName(materials[i].Type);
                    Add("MATERIAL_UNSTAMPED", null, $"$.materials[{i}].stamped", $"{zh}未加盖公章。", $"The {en} is not stamped with the company seal.",
                        "加盖公章后重新扫描为PDF。", "Stamp it with the company seal and scan it again as PDF.");
                }
            }
        }

        private static (string Zh, string En) MaterialName(string type) => type switch
        {
            MaterialTypes.BusinessLicence => ("营业执照副本", "business licence copy"),
            MaterialTypes.Lease => ("租赁合同", "lease"),
            MaterialTypes.PropertyCertificate => ("房产证", "property certificate"),
            MaterialTypes.CallCentrePhotos => ("呼叫中心照片", "call-centre photos"),
            MaterialTypes.SocialInsuranceProof => ("社保缴纳证明", "social-insurance proof"),
            MaterialTypes.TrainingRecords => ("培训记录", "training records"),
            MaterialTypes.UsagePlan => ("使用规划", "usage plan"),
            MaterialTypes.SecurityPolicies => ("安全管理制度汇编", "security policy compilation"),
            MaterialTypes.CommitmentLetter => ("不用于营销承诺书", "no-marketing commitment letter"),
            MaterialTypes.CapitalVerification => ("验资报告", "capital verification report"),
            _ => (type, type),
        };

        private static string FormZh(string form) => form switch
        {
            "LLC" => "有限责任公司",
            "JointStock" => "股份有限公司",
            "Partnership" => "合伙企业",
            "Sole" => "个人独资企业",
            "Branch" => "分公司",
            _ => form,
        };

        private static bool ContainsAny(string text, IEnumerable<string> words)
        {
            var folded = PolicyText.Fold(text);
            return words.Any(w => folded.Contains(w, StringComparison.OrdinalIgnoreCase));
        }
    }
}
