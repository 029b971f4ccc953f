namespace Hotline95.Core.Licensing.Eligibility.Rules;

/// <summary>One rule of the check: the condition it belongs to (null: the materials), what it checks, and the check itself.</summary>
internal sealed record EligibilityRule(int? Condition, string Name, Action<CheckContext> Apply);

/// <summary>
/// Every rule of the check, in the order their findings and evidence are reported. A rule is small and stands alone:
/// a reviewer's new objection is a new row here, not a longer method.
/// </summary>
internal static class EligibilityRules
{
    public static readonly IReadOnlyList<EligibilityRule> All =
    [
        new(1, "unified social credit code", CompanyRules.Uscc),
        new(1, "legal form agrees with the policy and the name", CompanyRules.LegalForm),
        new(1, "registered in Shanghai", CompanyRules.Registration),
        new(1, "business scope", CompanyRules.Scope),
        new(2, "registered capital", CompanyRules.Capital),
        new(3, "seats", PremisesRules.Seats),
        new(3, "lease long enough and in force at the inspection", PremisesRules.Lease),
        new(3, "call-centre photos", PremisesRules.Photos),
        new(4, "full-time agents insured in Shanghai", StaffRules.Agents),
        new(4, "training on the policy's topics", StaffRules.Training),
        new(5, "concrete, non-marketing purposes", UsagePlanRules.Purposes),
        new(5, "no marketing in the description, callers and flow", UsagePlanRules.PlanText),
        new(5, "service hours", UsagePlanRules.Hours),
        new(5, "service flow", UsagePlanRules.Flow),
        new(5, "no-marketing commitment", UsagePlanRules.Commitment),
        new(6, "customer-data encryption", SecurityRules.Encryption),
        new(6, "customer-data access", SecurityRules.Access),
        new(6, "customer-data retention", SecurityRules.CustomerDataRetention),
        new(6, "call-record retention", SecurityRules.CallRecordRetention),
        new(6, "complaint limits", SecurityRules.ComplaintLimits),
        new(6, "complaint-record retention", SecurityRules.ComplaintRecordRetention),
        new(null, "required materials", MaterialRules.Required),
        new(null, "materials stamped", MaterialRules.Stamped),
    ];
}
