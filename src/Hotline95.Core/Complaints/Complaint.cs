using Hotline95.Core.Common;

namespace Hotline95.Core.Complaints;

public enum ComplaintStatus
{
    Received,
    Responded,
    Resolved,
    Escalated,
}

/// <summary>A customer complaint with its two regulatory deadlines. Contact details and free text are encrypted.</summary>
public sealed class Complaint : ITenantScoped
{
    public long Id { get; init; }
    public Guid EnterpriseId { get; init; }
    public required string Line { get; init; }
    public long? CallId { get; init; }
    public long? TicketId { get; init; }
    public byte[]? CallerPhone { get; set; }
    public byte[]? CallerPhoneIndex { get; set; }
    public byte[]? CallerName { get; set; }
    public required byte[] Summary { get; set; }
    public string? Category { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset RespondBy { get; init; }
    public DateTimeOffset ResolveBy { get; init; }
    /// <summary>The resolution deadline counted over a day of a year without a holiday notice; recomputed when the notice is loaded.</summary>
    public bool ResolveByEstimated { get; init; }
    public ComplaintStatus Status { get; set; }
    public DateTimeOffset? RespondedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public byte[]? Resolution { get; set; }
    /// <summary>The caller's satisfaction with the outcome, 1 (very dissatisfied) to 5 (very satisfied).</summary>
    public int? Satisfaction { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    /// <summary>
    /// Why it was escalated, untranslated, read only by a node of the version before during a rolling upgrade; on complaints
    /// escalated before the reason was a phrase, its text in both languages.
    /// </summary>
    public string? EscalationReason { get; set; }
    /// <summary>Why it was escalated, as a phrase written in its reader's language (<see cref="Common.PhraseJson"/>).</summary>
    public string? EscalationPhrase { get; set; }

    public const int EscalationReasonLength = 200;
    /// <summary>When the resolution deadline was escalated; a complaint escalated for its response is escalated again for its resolution.</summary>
    public DateTimeOffset? ResolutionEscalatedAt { get; set; }
    /// <summary>What was said to the caller in the first response (sealed).</summary>
    public byte[]? ResponseNote { get; set; }
    public required string CreatedBy { get; init; }
}
