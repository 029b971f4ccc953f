using System.Globalization;
using Hotline95.Core.Licensing.Dossiers;

namespace Hotline95.Core.Licensing.Eligibility.Rules;

/// <summary>Conditions 1 and 2: the legal entity (主体资格) and its registered capital (注册资本).</summary>
internal static class CompanyRules
{
    public static void Uscc(CheckContext c)
    {
        if (c.Dossier.Company?.Uscc is not { Length: > 0 } uscc)
        {
            c.Add("USCC_INVALID", 1, "$.company.uscc", "未填写统一社会信用代码。", "The unified social credit code is missing.",
                "填写营业执照上的18位统一社会信用代码。", "Give the 18-character code printed on the business licence.", missing: true);
        }
        else if (Dossiers.Uscc.Problem(uscc) is { } problem)
        {
            c.Add("USCC_INVALID", 1, "$.company.uscc", $"统一社会信用代码 {uscc} 无效：{Dossiers.Uscc.Problem(uscc, english: false)}。", $"The unified social credit code {uscc} is invalid: {problem}.",
                "按营业执照逐位核对代码（易混淆：0/O、1/I）。", "Copy the code from the business licence character by character (0 is never O, 1 is never I).");
        }
        else
        {
            c.Note(1, $"统一社会信用代码 {Dossiers.Uscc.Normalize(uscc)} 校验通过", $"USCC {Dossiers.Uscc.Normalize(uscc)} is valid");
        }
    }

    public static void LegalForm(CheckContext c)
    {
        var (company, p) = (c.Dossier.Company, c.Policy);
        if (company?.LegalForm is not { } form)
        {
            c.Add("COND1_NOT_LLC", 1, "$.company.legalForm", "未说明企业类型。", "The legal form is not stated.",
                $"填写企业类型；须为{string.Join("或", p.LegalForms.Select(FormZh))}。", $"State the legal form; it must be {string.Join(" or ", p.LegalForms)}.", missing: true);
        }
        else if (!p.LegalForms.Contains(form.ToString()))
        {
            c.Add("COND1_NOT_LLC", 1, "$.company.legalForm", $"企业类型为{FormZh(form.ToString())}，申请主体须为{string.Join("或", p.LegalForms.Select(FormZh))}。",
                $"The legal form is {form}; the applicant must be {string.Join(" or ", p.LegalForms)}.",
                "由在上海注册的有限责任公司（如母公司在沪设立的子公司）作为申请主体。", "Apply through a limited liability company registered in Shanghai (e.g. a Shanghai subsidiary).");
        }
        else if (form == Dossiers.LegalForm.LLC && company.Name is { } name && name.Trim().EndsWith("股份有限公司", StringComparison.Ordinal))
        {
            // The name says what the company is: a 股份有限公司 is a joint-stock company, whatever the form says.
            c.Add("COND1_NOT_LLC", 1, "$.company.legalForm", $"企业名称“{name.Trim()}”为股份有限公司，与申报的企业类型（有限责任公司）不符。",
                $"The name \"{name.Trim()}\" is that of a joint-stock company (股份有限公司), not of the declared limited liability company.",
                "按营业执照如实填写企业类型；股份有限公司须由在上海注册的有限责任公司作为申请主体。",
                "State the legal form as on the business licence; a joint-stock company applies through a Shanghai limited liability company.");
        }
        else
        {
            c.Note(1, $"企业类型：{FormZh(form.ToString())}", $"legal form: {form}");
        }
    }

    public static void Registration(CheckContext c)
    {
        var (company, p) = (c.Dossier.Company, c.Policy);
        if (string.IsNullOrWhiteSpace(company?.RegisteredIn))
        {
            c.Add("COND1_NOT_SHANGHAI", 1, "$.company.registeredIn", "未填写注册地。", "The place of registration is missing.",
                "填写营业执照上的登记机关所在地。", "Give the place of registration shown on the business licence.", missing: true);
            return;
        }

        if (!CheckContext.ContainsAny(company.RegisteredIn, p.RegistrationPlaces))
        {
            c.Add("COND1_NOT_SHANGHAI", 1, "$.company.registeredIn", $"注册地为{company.RegisteredIn}，须在{p.RegistrationPlaces[0]}注册。",
                $"Registered in {company.RegisteredIn}; the company must be registered in {p.RegistrationPlaces[^1]}.",
                "在上海注册（或设立上海子公司）后再申请。", "Register in Shanghai (or set up a Shanghai subsidiary) first.");
            return;
        }

        c.Note(1, $"注册地：{company.RegisteredIn}", $"registered in {company.RegisteredIn}");
        if (p.RegistrationDivisionPrefix is { } prefix && company.Uscc is { } code && Dossiers.Uscc.Problem(code) is null
            && !Dossiers.Uscc.Division(code).StartsWith(prefix, StringComparison.Ordinal))
        {
            c.Add("COND1_NOT_SHANGHAI", 1, "$.company.uscc", $"信用代码的登记机关区划码为 {Dossiers.Uscc.Division(code)}，与注册地{company.RegisteredIn}不符。",
                $"The code's registration division {Dossiers.Uscc.Division(code)} does not match {company.RegisteredIn}.",
                "核对营业执照：信用代码第3–8位应为上海的区划码（31开头）。", "Check the licence: characters 3–8 of the code should be a Shanghai division (31…).",
                FindingSeverity.Warning);
        }
    }

    public static void Scope(CheckContext c)
    {
        var (company, p) = (c.Dossier.Company, c.Policy);
        if (string.IsNullOrWhiteSpace(company?.BusinessScope))
        {
            c.Add("COND1_SCOPE", 1, "$.company.businessScope", "未填写经营范围。", "The business scope is missing.",
                "照营业执照填写经营范围。", "Copy the business scope from the business licence.", missing: true);
        }
        else if (p.ScopeKeywords.FirstOrDefault(k => PolicyText.Fold(company.BusinessScope).Contains(k, StringComparison.OrdinalIgnoreCase)) is { } keyword)
        {
            c.Note(1, $"经营范围含“{keyword}”", $"business scope includes '{keyword}'");
        }
        else
        {
            c.Add("COND1_SCOPE", 1, "$.company.businessScope", $"经营范围未包含{string.Join("、", p.ScopeKeywords)}之一。",
                $"The business scope includes none of {string.Join(", ", p.ScopeKeywords)}.",
                $"办理经营范围变更，增加“{string.Join("”或“", p.ScopeKeywords)}”之一。", $"Amend the business scope to include one of '{string.Join("', '", p.ScopeKeywords)}'.");
        }
    }

    public static void Capital(CheckContext c)
    {
        var (company, p) = (c.Dossier.Company, c.Policy);
        var min = p.MinRegisteredCapitalRmb.ToString("N0", CultureInfo.InvariantCulture);
        if (company?.RegisteredCapitalRmb is not { } capital)
        {
            c.Add("COND2_CAPITAL", 2, "$.company.registeredCapitalRmb", "未填写注册资本。", "The registered capital is missing.",
                $"填写营业执照上的注册资本（不少于 {min} 元）。", $"Give the registered capital on the licence (at least RMB {min}).", missing: true);
            return;
        }

        var amount = capital.ToString("N0", CultureInfo.InvariantCulture);
        if (company.CapitalPaidIn == false && !p.SubscribedCapitalCounts)
        {
            c.Add("COND2_CAPITAL", 2, "$.company.capitalPaidIn", $"注册资本 {amount} 元为认缴，本政策要求实缴。", $"The capital of RMB {amount} is only subscribed; this policy requires it paid in.",
                "完成实缴并提供验资报告。", "Pay the capital in and add a capital verification report.");
        }
        else if (capital < p.MinRegisteredCapitalRmb)
        {
            c.Add("COND2_CAPITAL", 2, "$.company.registeredCapitalRmb", $"注册资本 {amount} 元，低于 {min} 元。", $"Registered capital RMB {amount} is below RMB {min}.",
                $"增资至不少于 {min} 元（认缴即可）并变更营业执照。", $"Increase the registered capital to at least RMB {min} (subscribed counts) and update the licence.");
        }
        else
        {
            var paid = company.CapitalPaidIn == true;
            c.Note(2, $"注册资本 {amount} 元（{(paid ? "实缴" : "认缴")}）≥ {min} 元", $"registered capital RMB {amount} ({(paid ? "paid in" : "subscribed")}) ≥ RMB {min}");
        }
    }

    private static string FormZh(string form) => form switch
    {
        "LLC" => "有限责任公司",
        "JointStock" => "股份有限公司",
        "Partnership" => "合伙企业",
        "Sole" => "个人独资企业",
        "Branch" => "分公司",
        _ => form,
    };
}
