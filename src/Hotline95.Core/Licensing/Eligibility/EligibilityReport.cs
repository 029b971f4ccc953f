using System.Text.Json.Serialization;

namespace Hotline95.Core.Licensing.Eligibility;

[JsonConverter(typeof(JsonStringEnumConverter<FindingSeverity>))]
public enum FindingSeverity
{
    [JsonStringEnumMemberName("error")] Error,
    [JsonStringEnumMemberName("warning")] Warning,
}

[JsonConverter(typeof(JsonStringEnumConverter<ConditionStatus>))]
public enum ConditionStatus
{
    [JsonStringEnumMemberName("pass")] Pass,
    [JsonStringEnumMemberName("fail")] Fail,
    [JsonStringEnumMemberName("unknown")] Unknown,
}

/// <summary>
/// One objection a reviewer would raise. <see cref="Code"/> is stable (scripts and the correction-notice
/// mapping rely on it); the messages and fixes are in Chinese and English.
/// </summary>
public sealed record Finding(
    string Code,
    int? Condition,
    FindingSeverity Severity,
    string? Field,
    string Message,
    string MessageEn,
    string Fix,
    string FixEn)
{
    /// <summary>The dossier does not say (as opposed to says something wrong): the condition is unknown, not failed.</summary>
    [JsonIgnore]
    public bool Missing { get; init; }
}

/// <summary>Pass, fail or unknown for one of the six conditions, with the facts that decided it.</summary>
public sealed record ConditionResult(int Number, string Title, string TitleEn, ConditionStatus Status, IReadOnlyList<string> Evidence);

public sealed record EligibilityReport(
    bool Eligible,
    string Policy,
    DateOnly CheckedOn,
    IReadOnlyList<ConditionResult> Conditions,
    IReadOnlyList<Finding> Findings);
