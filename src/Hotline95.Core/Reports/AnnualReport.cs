using Hotline95.Core.Complaints;
using Hotline95.Core.Monitoring;

namespace Hotline95.Core.Reports;

/// <summary>
/// 《95码号使用情况报告》: one document for twelve months of one line, built from the roll-ups (never the
/// raw calls), the complaints, the retention and key records and the audit log. The PDF, XLSX and JSON are
/// three renderings of this one record, so they cannot disagree.
/// </summary>
public sealed record AnnualReport(
    ReportHeader Header,
    IReadOnlyList<PeriodFigures> Months,
    PeriodFigures Total,
    double MonthlyAverageCalls,
    ComplaintSummary Complaints,
    SecurityExecution Security,
    IReadOnlyList<AlertView> Anomalies,
    IReadOnlyList<Compliance.RedLineMonthCount> RedLines,
    QueueSummary Queues,
    Callbacks.CallbackFigures Callbacks);

/// <summary>
/// The call-centre figures from the PBX's queue records, month by month: null rates where nothing was offered. When the
/// PBX's queue records were never imported, <see cref="Total"/> offers 0 and the report says so instead of showing rates.
/// </summary>
public sealed record QueueSummary(int ServiceLevelSeconds, int ShortAbandonSeconds, IReadOnlyList<Queues.QueueFigures> Months, Queues.QueueFigures Total);

public sealed record ReportHeader(
    string Enterprise,
    string Line,
    string LineName,
    string? CertificateNumber,
    DateOnly? CertificateIssuedOn,
    IReadOnlyList<string> Purposes,
    string? ServiceHours,
    int Seats,
    int FullTimeAgents,
    DateOnly From,
    DateOnly To,
    DateTimeOffset GeneratedAt);

public sealed record ComplaintSummary(
    int Received,
    int RespondedWithinDeadline,
    int ResolvedWithinDeadline,
    int Resolved,
    double ResolutionRatePercent,
    double RespondedWithinDeadlinePercent,
    double ResolvedWithinDeadlinePercent,
    int ResponseHours,
    int ResolutionWorkingDays,
    IReadOnlyList<ComplaintMonthFigures> Months);

public sealed record PurgeEvidence(DateTimeOffset RanAt, DateTimeOffset Cutoff, int CallsDeleted, int RecordingsDeleted, int CallsKeptOnHold, string KeysDestroyed);

public sealed record SecurityExecution(
    // Personal-data fields found encrypted (and readable under their month key) among those sampled: must be 100.
    double EncryptedFieldsPercent,
    int FieldsSampled,
    string Encryption,
    int CallRecordMonths,
    int ComplaintRecordMonths,
    IReadOnlyList<DateTimeOffset> MasterKeyRotations,
    IReadOnlyList<PurgeEvidence> Purges,
    bool AuditLogIntact,
    long AuditEntriesChecked,
    string? AuditProblem,
    int Reveals,
    int Exports,
    int RecordingAccesses);
