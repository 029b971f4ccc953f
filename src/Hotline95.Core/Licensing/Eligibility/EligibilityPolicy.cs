using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hotline95.Core.Licensing.Eligibility;

/// <summary>
/// One version of the authority's conditions, as data: the numbers change by notice, so they live in a policy
/// document with an effective date (embedded versions under Policies/, later ones published into the database).
/// </summary>
public sealed record EligibilityPolicy
{
    public required string Id { get; init; }
    public required DateOnly EffectiveFrom { get; init; }
    /// <summary>The authority's name as a filing addresses it (上海市通信管理局): the commitment letter's addressee.</summary>
    public string Authority { get; init; } = "";
    public string AuthorityEn { get; init; } = "";
    public string Basis { get; init; } = "";
    public required IReadOnlyList<string> LegalForms { get; init; }
    public required IReadOnlyList<string> RegistrationPlaces { get; init; }
    /// <summary>Administrative-division prefix of the registering authority inside the USCC (31 = Shanghai).</summary>
    public string? RegistrationDivisionPrefix { get; init; }
    public required IReadOnlyList<string> ScopeKeywords { get; init; }
    public required decimal MinRegisteredCapitalRmb { get; init; }
    public bool SubscribedCapitalCounts { get; init; } = true;
    public required int MinSeats { get; init; }
    public required int MinLeaseMonths { get; init; }
    public required int MinFullTimeAgents { get; init; }
    /// <summary>The names a value may start with to be the policy's city (上海, 沪, shanghai).</summary>
    public required IReadOnlyList<string> SocialInsuranceCities { get; init; }
    /// <summary>How messages name the city in each language; absent (an older version): its first name in both.</summary>
    public LocalName? SocialInsuranceCityName { get; init; }
    /// <summary>
    /// The city's districts (浦东新区): after the city's name a value may say only 市 and one of them (上海市浦东新区); anything
    /// else names another place too (上海及江苏). Absent (an older version): any one name ending in 区 or 县.
    /// </summary>
    public IReadOnlyList<string>? SocialInsuranceDistricts { get; init; }
    public required int MinSocialInsuranceMonths { get; init; }
    /// <summary>
    /// How many months before the check's month the last paid month of a month-by-month insurance history may lie
    /// (a month's contribution shows on the statement in the month after); absent: 0, the check's own month.
    /// </summary>
    public int SocialInsuranceGraceMonths { get; init; }
    /// <summary>Topics every agent's training must cover, each recognised by any of its words; absent: any training record will do.</summary>
    public IReadOnlyList<TrainingTopic>? TrainingTopics { get; init; }
    public required IReadOnlyList<string> GenericPurposeWords { get; init; }
    public required IReadOnlyList<FlowStage> FlowStages { get; init; }
    /// <summary>The ciphers customer data may be stored encrypted with ("AES-256": that key length only; "SM4": any); absent: any cipher named.</summary>
    public IReadOnlyList<AcceptedCipher>? AcceptedCiphers { get; init; }
    /// <summary>A retention of this many months or more is keeping for ever, as is 0 or a text saying 永久保存.</summary>
    public int? IndefiniteRetentionMonths { get; init; }
    public required int MinCustomerDataRetentionMonths { get; init; }
    public required int MinCallRecordRetentionMonths { get; init; }
    public required int MaxComplaintResponseHours { get; init; }
    public required int MaxComplaintResolutionWorkingDays { get; init; }
    public required int MinComplaintRecordRetentionMonths { get; init; }
    /// <summary>Material types; "a|b" means either will do.</summary>
    public required IReadOnlyList<string> RequiredMaterials { get; init; }
    public required ReviewWorkingDays ReviewWorkingDays { get; init; }
    public required int CorrectionDays { get; init; }
    /// <summary>Days after the certificate within which it is filed in the MIIT system.</summary>
    public required int FilingDays { get; init; }
    /// <summary>Days after a change of name, address, business scope or usage plan within which it is filed.</summary>
    public required int ChangeFilingDays { get; init; }
    /// <summary>
    /// When the annual usage report of a year falls due (a date the authority collects it on, not an anniversary of the
    /// certificate). A version that does not state it keeps the one of the version before it (<see cref="PolicyCatalogue"/>).
    /// </summary>
    public AnnualReportDue? AnnualReport { get; init; }
    public int AdviseStartMonthsAhead { get; init; } = 6;

    /// <summary>Working days the authority may take from declaration to the end of the on-site inspection.</summary>
    [JsonIgnore]
    public int ReviewWorkingDaysTotal => ReviewWorkingDays.Formal + ReviewWorkingDays.Substantive + ReviewWorkingDays.OnSite;

    /// <summary>Working days from declaration to the start of the on-site inspection: the formal and the substantive review.</summary>
    [JsonIgnore]
    public int WorkingDaysToInspection => ReviewWorkingDays.Formal + ReviewWorkingDays.Substantive;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static EligibilityPolicy Parse(string json)
    {
        var policy = JsonSerializer.Deserialize<EligibilityPolicy>(json, Json) ?? throw new JsonException("empty policy document");
        if (string.IsNullOrWhiteSpace(policy.Id) || policy.Id.Length > 64 || policy.MinSeats < 0 || policy.MinFullTimeAgents < 0
            || policy.FlowStages is null || policy.FlowStages.Any(s => s.Words is not { Count: > 0 })
            || policy.LegalForms is not { Count: > 0 } || policy.RegistrationPlaces is not { Count: > 0 } || policy.ScopeKeywords is not { Count: > 0 }
            || policy.SocialInsuranceCities is not { Count: > 0 } || policy.GenericPurposeWords is null
            || policy.RequiredMaterials is null || policy.ReviewWorkingDays is null || policy.SocialInsuranceGraceMonths < 0
            || policy.TrainingTopics?.Any(t => t.Words is not { Count: > 0 } || string.IsNullOrWhiteSpace(t.Zh) || string.IsNullOrWhiteSpace(t.En)) == true
            || policy.AcceptedCiphers?.Any(c => PolicyText.Ciphers(c.Name).Count != 1) == true
            || policy.SocialInsuranceCityName is { } city && (string.IsNullOrWhiteSpace(city.Zh) || string.IsNullOrWhiteSpace(city.En))
            || policy.SocialInsuranceDistricts?.Any(string.IsNullOrWhiteSpace) == true
            || policy.IndefiniteRetentionMonths is <= 0)
        {
            throw new JsonException("a policy needs an id (at most 64 characters), non-negative minimums, words for every flow stage and training topic, accepted ciphers named as AES-256 or SM4 are, the insurance city named in both languages, and at least one legal form, place, scope keyword and insurance city");
        }

        if (policy.AnnualReport is { IsValid: false })
        {
            throw new JsonException("annualReport needs a dueMonth of 1–12 and a dueDay that every year has (29 February is not one)");
        }

        return policy;
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The insurance city as messages name it.</summary>
    [JsonIgnore]
    public LocalName InsuranceCity => SocialInsuranceCityName ?? new LocalName(SocialInsuranceCities[0], SocialInsuranceCities[0]);
}

/// <summary>A name in Chinese and in English (上海, Shanghai).</summary>
public sealed record LocalName(string Zh, string En);

public sealed record FlowStage(string Name, IReadOnlyList<string> Words);

/// <summary>A training topic the authority expects (服务规范), named in each language, and the words that show a record covers it (服务礼仪).</summary>
public sealed record TrainingTopic(string Zh, string En, IReadOnlyList<string> Words);

/// <summary>A cipher accepted for customer data, with what the evidence says of it (SM4: the national standard, GB/T 32907).</summary>
public sealed record AcceptedCipher(string Name, string? NoteZh = null, string? NoteEn = null)
{
    /// <summary>The cipher its name names (checked when the policy is read).</summary>
    [JsonIgnore]
    public Cipher Cipher => PolicyText.Ciphers(Name)[0];
}

public sealed record ReviewWorkingDays(int Formal, int Substantive, int OnSite);

/// <summary>
/// The annual usage report's due date: <see cref="DueMonth"/>/<see cref="DueDay"/> of the year after the year reported when
/// <see cref="ForYearEnded"/> (MIIT collects the annual number-resource returns, 95 numbers included, by 31 March), else of
/// the year itself. The date is the authority's: it is not moved off a rest day.
/// </summary>
public sealed record AnnualReportDue(int DueMonth, int DueDay, bool ForYearEnded)
{
    [JsonIgnore]
    public bool IsValid => DueMonth is >= 1 and <= 12 && DueDay >= 1 && DueDay <= DateTime.DaysInMonth(2001, DueMonth);

    /// <summary>When the report on <paramref name="year"/> is due.</summary>
    public DateOnly DueFor(int year) => new(ForYearEnded ? year + 1 : year, DueMonth, DueDay);

    /// <summary>
    /// The first year a holder reports on: the year its certificate was issued, however late in the year (it held the number
    /// on 31 December, so that year's returns include it), unless that year's report fell due before the certificate.
    /// </summary>
    public int FirstYear(DateOnly issuedOn) => DueFor(issuedOn.Year) >= issuedOn ? issuedOn.Year : issuedOn.Year + 1;
}
