using Hotline95.Core.Common;

namespace Hotline95.Core.Licensing;

/// <summary>
/// A dossier kept on the platform. An enterprise keeps its own; an agency (one tenant) keeps one per client.
/// The content is the exchange JSON itself, so what is stored is exactly what is exported and checked.
/// </summary>
public sealed class StoredDossier : ITenantScoped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EnterpriseId { get; init; }
    /// <summary>The applicant's company name, for lists.</summary>
    public required string Title { get; set; }
    public required string Json { get; set; }
    /// <summary>The dossier is the tenant's own and its hotline runs here: roster and configuration stand in for its statements.</summary>
    public bool UsesPlatform { get; set; }
    /// <summary>The 95 number applied for or held, e.g. 95123.</summary>
    public string? Number { get; set; }
    public string? CertificateNumber { get; set; }
    public DateOnly? CertificateIssuedOn { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

/// <summary>A policy version published after the release (newer notices); the embedded ones ship with the program.</summary>
public sealed class PublishedPolicy
{
    public required string Id { get; init; }
    public DateOnly EffectiveFrom { get; init; }
    public required string Json { get; init; }
    public DateTimeOffset PublishedAt { get; init; }
    public required string PublishedBy { get; init; }
}

/// <summary>
/// One application through the six steps. Dates are the days each step was completed; what is due is computed
/// from them on the working-day calendar (<see cref="Applications.ApplicationTimeline"/>).
/// </summary>
public sealed class LicenceApplication : ITenantScoped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EnterpriseId { get; init; }
    public Guid DossierId { get; init; }
    public DateOnly? TargetGoLive { get; set; }
    public DateOnly? MaterialsReadyOn { get; set; }
    public DateOnly? DeclaredOn { get; set; }
    public DateOnly? FormalReviewPassedOn { get; set; }
    public DateOnly? SubstantiveReviewPassedOn { get; set; }
    public DateOnly? InspectionPassedOn { get; set; }
    public DateOnly? CertificateIssuedOn { get; set; }
    public DateOnly? FiledOn { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A correction notice (补正通知书) from the formal review: its items re-open the matching findings.</summary>
public sealed class CorrectionNotice : ITenantScoped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EnterpriseId { get; init; }
    public Guid ApplicationId { get; init; }
    public DateOnly ReceivedOn { get; init; }
    /// <summary>Finding codes the notice raises (e.g. COND3_PHOTOS), in the order given.</summary>
    public List<string> Codes { get; init; } = [];
    public required string Text { get; init; }
    public DateOnly? CorrectedOn { get; set; }
}

public enum LicenceTaskKind
{
    /// <summary>File the certificate in the MIIT system (备案) before the number is used.</summary>
    CertificateFiling,
    /// <summary>The annual usage report (《95码号使用情况报告》).</summary>
    AnnualReport,
    /// <summary>File a change of name, address, business scope or usage plan (变更备案).</summary>
    ChangeFiling,
}

/// <summary>A duty with a due date after the certificate; done when <see cref="DoneOn"/> is set.</summary>
public sealed class LicenceTask : ITenantScoped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EnterpriseId { get; init; }
    public Guid DossierId { get; init; }
    public LicenceTaskKind Kind { get; init; }
    /// <summary>
    /// Its title untranslated (<see cref="Common.PhraseJson.Store"/>), for a node of the version before; on rows written
    /// before titles were phrases, both languages in one string.
    /// </summary>
    public required string Title { get; init; }
    /// <summary>Its title as a phrase written in its reader's language (<see cref="Common.PhraseJson"/>); null on older rows.</summary>
    public string? TitlePhrase { get; init; }
    /// <summary>Its detail untranslated, as <see cref="Title"/>.</summary>
    public string? Detail { get; init; }
    /// <summary>Its detail as a phrase, as <see cref="TitlePhrase"/>.</summary>
    public string? DetailPhrase { get; init; }
    public DateOnly DueOn { get; init; }
    /// <summary>
    /// For a period of days after an event (filing, change filing): the event's day and the days, so the due date can be
    /// recomputed and explained. For an annual report (no days): the first day of the year it covers.
    /// </summary>
    public DateOnly? PeriodFrom { get; init; }
    public int? PeriodDays { get; init; }
    /// <summary>The due date was counted over a day of a year without a holiday notice; recomputed when the notice is loaded.</summary>
    public bool DueEstimated { get; init; }
    public DateOnly? DoneOn { get; set; }
    public string? DoneBy { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>Lead times (days) whose reminder has been sent, so each goes out once.</summary>
    public List<int> RemindersSent { get; init; } = [];
}

/// <summary>The secret that lets a calendar application read the enterprise's licence calendar (stored hashed).</summary>
public sealed class CalendarFeed : ITenantScoped
{
    public Guid EnterpriseId { get; init; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
