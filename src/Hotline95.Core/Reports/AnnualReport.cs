using Hotline95.Core.Monitoring;
using Hotline95.Core.Retention;

namespace Hotline95.Core.Reports;

/// <summary>
/// 《YYYY年度95码号使用情况报告》: the filing for one line over one ended period, built from the roll-ups (never the raw
/// calls), the complaints, the licence record of that number, the enterprise profile, the retention and key records and
/// the audit log. The PDF, XLSX and JSON are renderings of this one record, so they cannot disagree.
/// <para>
/// The period's figures are taken as of the period's end (a complaint answered after it counts as unanswered), so two
/// renderings of the same period agree; <see cref="AsOfRendering"/> holds what can only be stated on the day of rendering
/// (the records held against retention, the encryption sample, the audit chain, the roster), labelled with that day.
/// </para>
/// </summary>
public sealed record AnnualReport(
    ReportHeader Header,
    CompanyBlock Company,
    LicenceBlock Licence,
    IReadOnlyList<ReportWarning> Warnings,
    IReadOnlyList<CallMonth> Months,
    CallMonth Total,
    MonthlyAverage Average,
    ComplaintSummary Complaints,
    IReadOnlyList<ReportChange> Changes,
    SecurityInPeriod Security,
    AsOfRendering AsOfRendering,
    IReadOnlyList<ReportAnomaly> Anomalies,
    IReadOnlyList<Compliance.RedLineMonthCount> RedLines,
    QueueSummary Queues,
    Callbacks.CallbackFigures Callbacks)
{
    /// <summary>A blocking warning means the report is not ready to file (records past retention, a broken audit chain, a partial period).</summary>
    public bool ReadyToFile => Warnings.All(w => !w.Blocking);
}

/// <summary>
/// Something a reviewer would send the report back for, as a code and its arguments (rendered in the reader's language at
/// the edge: <see cref="ReportWarnings"/>). Blocking ones mean the report is not ready to file.
/// </summary>
public sealed record ReportWarning(string Code, bool Blocking, IReadOnlyDictionary<string, string> Args);

/// <summary>
/// The call-centre figures from the PBX's queue records, month by month: null rates where nothing was offered. When the
/// PBX's queue records were never imported, <see cref="Total"/> offers 0 and the report says so instead of showing rates.
/// </summary>
public sealed record QueueSummary(int ServiceLevelSeconds, int ShortAbandonSeconds, IReadOnlyList<Queues.QueueFigures> Months, Queues.QueueFigures Total);

public sealed record ReportHeader(
    int? Year,
    string? Addressee,
    string? AddresseeEnglish,
    string Line,
    string LineName,
    DateOnly From,
    DateOnly To,
    bool Partial,
    DateTimeOffset GeneratedAt);

/// <summary>The company block from the enterprise profile; a null item prints as a blank to fill and is a warning.</summary>
public sealed record CompanyBlock(string Name, string? Uscc, string? RegisteredAddress, string? LegalRepresentative, string? ContactPerson, string? ContactPhone);

/// <summary>
/// From the licence record (dossier) of this number only, the certificate in force at the period's end; never another
/// number's or another company's. Purposes and hours are those the dossier states (null: not stated).
/// </summary>
public sealed record LicenceBlock(string? CertificateNumber, DateOnly? CertificateIssuedOn, DateOnly? FiledOn, IReadOnlyList<string> Purposes, string? ServiceHours);

/// <summary>One month of the line's calls; rates are null where their denominator is 0 (printed 不适用).</summary>
public sealed record CallMonth(string Month, int Calls, int CallsIn, int CallsOut, int Answered, int Missed, double? AnswerRate, double? AverageTalkSeconds, long DistinctCallers, int Complaints)
{
    public static CallMonth From(string month, PeriodFigures f) => new(month, f.Calls, f.CallsIn, f.CallsOut, f.Answered, f.Missed,
        f.CallsIn == 0 ? null : f.AnswerRate, f.Answered == 0 ? null : f.AverageTalkSeconds, f.DistinctCallers, f.Complaints);
}

/// <summary>
/// The monthly average over <see cref="Months"/> months from <see cref="From"/> (the month of the line's first call or its
/// certificate, whichever is earlier, or the period's start) to the period's end, a partial month counting as one. When
/// the line started after the period there is no month to average over: 0 months and no average.
/// </summary>
public sealed record MonthlyAverage(DateOnly From, int Months, double? Calls);

public sealed record ComplaintSummary(
    int ResponseHours,
    int ResolutionWorkingDays,
    int Received,
    int RespondedWithinDeadline,
    int ResolvedWithinDeadline,
    int Resolved,
    double? RespondedWithinDeadlineRate,
    double? ResolvedWithinDeadlineRate,
    double? ResolutionRate,
    IReadOnlyList<Complaints.OpenComplaint> OpenAtPeriodEnd,
    IReadOnlyList<string> TypicalCases);

/// <summary>An anomaly as the filing states it: when, what, the figures and the handling by the period's end (no caller, no evidence text).</summary>
public sealed record ReportAnomaly(DateTimeOffset RaisedAt, Monitoring.AlertKind Kind, double Observed, double Expected, string? Handling)
{
    /// <summary>The handling of an anomaly closed by blocking its caller (rendered in the reader's language).</summary>
    public const string CallerBlocked = "callerBlocked";
}

/// <summary>A change during the period: a change filing, a roster change, a change of the line's purposes, a dossier (policy) version.</summary>
public sealed record ReportChange(DateOnly On, string Kind, string? Detail);

public sealed record PurgeEvidence(DateTimeOffset RanAt, DateTimeOffset Cutoff, int CallsDeleted, int RecordingsDeleted, int CallsKeptOnHold, string KeysDestroyed);

/// <summary>Security in practice during the period, as of the period's end.</summary>
public sealed record SecurityInPeriod(
    int CallRecordMonths,
    int ComplaintRecordMonths,
    IReadOnlyList<DateTimeOffset> MasterKeyRotations,
    IReadOnlyList<PurgeEvidence> Purges,
    long AuditEntries,
    int Reveals,
    int Exports,
    int RecordingAccesses);

/// <summary>What is stated as of the day of rendering, and labelled with that day.</summary>
public sealed record AsOfRendering(
    DateOnly On,
    RetentionStateView Retention,
    // Personal-data fields found encrypted (and readable under their month key) among those sampled: must be 100.
    double? EncryptedFieldsPercent,
    int FieldsSampled,
    bool AuditLogIntact,
    long AuditEntriesChecked,
    long? AuditFirstBadSequence,
    int Seats,
    int FullTimeAgents);
