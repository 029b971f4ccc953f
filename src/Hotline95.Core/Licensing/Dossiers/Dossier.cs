using System.Text.Json.Serialization;

namespace Hotline95.Core.Licensing.Dossiers;

/// <summary>
/// What an enterprise proves to obtain a 95 number (docs/dossier.schema.json). Every member may be absent:
/// a draft is checked as it is, and what is missing becomes a finding, not a parse error. Some members only feed the
/// generated documents (industry, equipment, hotline description, callers, server location, officer, effective date,
/// <see cref="UsesHotline95Platform"/>: the applicant's hotline runs on Hotline95, so its measures may be described).
/// </summary>
public sealed record Dossier(
    Company? Company = null,
    Premises? Premises = null,
    IReadOnlyList<DossierAgent>? Agents = null,
    UsagePlan? UsagePlan = null,
    SecurityPolicies? SecurityPolicies = null,
    IReadOnlyList<Material>? Materials = null,
    bool? UsesHotline95Platform = null);

[JsonConverter(typeof(JsonStringEnumConverter<LegalForm>))]
public enum LegalForm
{
    LLC,
    JointStock,
    Partnership,
    Sole,
    Branch,
}

public sealed record Company(
    string? Name = null,
    string? Uscc = null,
    LegalForm? LegalForm = null,
    string? RegisteredIn = null,
    string? BusinessScope = null,
    decimal? RegisteredCapitalRmb = null,
    bool? CapitalPaidIn = null,
    string? Industry = null);

public sealed record Premises(
    string? Address = null,
    string? District = null,
    DateOnly? LeaseStart = null,
    DateOnly? LeaseEnd = null,
    bool? OwnProperty = null,
    int? Seats = null,
    IReadOnlyList<string>? Photos = null,
    IReadOnlyList<string>? Equipment = null);

public sealed record TrainingRecord(string Topic, DateOnly? Date = null, string? File = null);

/// <summary>One month of an agent's social-insurance statement: the month (yyyy-MM) and the city it was paid in.</summary>
public sealed record SocialInsuranceMonth(string Month, string City);

/// <summary>
/// An agent. Social insurance is stated either as a city and a count of recent months, or month by month
/// (<see cref="SocialInsuranceHistory"/>, which then decides: it shows a move between cities that the count hides).
/// </summary>
public sealed record DossierAgent(
    string? Name = null,
    bool? FullTime = null,
    string? SocialInsuranceCity = null,
    int? SocialInsuranceMonths = null,
    IReadOnlyList<TrainingRecord>? Training = null,
    IReadOnlyList<SocialInsuranceMonth>? SocialInsuranceHistory = null);

public sealed record UsagePlan(
    IReadOnlyList<string>? Purposes = null,
    string? ServiceHours = null,
    IReadOnlyList<string>? Flow = null,
    bool? NoMarketingCommitment = null,
    string? Description = null,
    string? Callers = null);

public sealed record SecurityPolicies(
    CustomerDataPolicy? CustomerData = null,
    CallRecordsPolicy? CallRecords = null,
    ComplaintsPolicy? Complaints = null,
    string? ServerLocation = null,
    string? Officer = null,
    DateOnly? EffectiveDate = null);

public sealed record CustomerDataPolicy(string? Text = null, string? Encryption = null, int? RetentionMonths = null, IReadOnlyList<string>? AccessRoles = null);

public sealed record CallRecordsPolicy(string? Text = null, int? RetentionMonths = null);

public sealed record ComplaintsPolicy(string? Text = null, int? ResponseHours = null, int? ResolutionWorkingDays = null, int? RecordRetentionMonths = null);

/// <summary>A material's type as the schema spells it (camelCase).</summary>
public static class MaterialTypes
{
    public const string BusinessLicence = "businessLicence";
    public const string Lease = "lease";
    public const string PropertyCertificate = "propertyCertificate";
    public const string CallCentrePhotos = "callCentrePhotos";
    public const string SocialInsuranceProof = "socialInsuranceProof";
    public const string TrainingRecords = "trainingRecords";
    public const string UsagePlan = "usagePlan";
    public const string SecurityPolicies = "securityPolicies";
    public const string CommitmentLetter = "commitmentLetter";
    public const string CapitalVerification = "capitalVerification";
}

public sealed record Material(string Type, string? File = null, bool? Stamped = null);
