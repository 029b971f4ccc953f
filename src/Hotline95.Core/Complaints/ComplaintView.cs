using Hotline95.Core.Common;
using Hotline95.Core.Security;

namespace Hotline95.Core.Complaints;

/// <summary>
/// A complaint as the queues show it: caller masked, times in Asia/Shanghai, the time left to the next deadline and to
/// each (negative: overdue; null: met). The texts (summary, response, resolution) are null with
/// <see cref="TextWithheld"/> for a reader who may not read them (see <see cref="Service.CaseText"/>).
/// <see cref="EscalationReason"/> is written in the reader's language at the edge; on a complaint escalated before the
/// reason was a phrase, its stored text in both languages, with <see cref="EscalationReasonBilingual"/>.
/// </summary>
public sealed record ComplaintView(
    long Id,
    string Line,
    long? CallId,
    long? TicketId,
    string CallerPhone,
    string CallerName,
    string? Summary,
    string? Category,
    string Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset RespondBy,
    DateTimeOffset ResolveBy,
    bool ResolveByEstimated,
    DateTimeOffset? RespondedAt,
    DateTimeOffset? ResolvedAt,
    string? ResponseNote,
    string? Resolution,
    int? Satisfaction,
    DateTimeOffset? EscalatedAt,
    Phrase? EscalationReason,
    bool EscalationReasonBilingual,
    string Deadline,
    DateTimeOffset? NextDeadline,
    long? SecondsRemaining,
    bool NextDeadlineEstimated,
    long? SecondsToRespond,
    long? SecondsToResolve,
    bool TextWithheld);

/// <summary>Opens a complaint's sealed fields for its view.</summary>
public sealed class ComplaintReader(FieldCipher cipher, ComplaintDeadlines deadlines)
{
    public const string PhoneField = "complaint.caller_phone";
    public const string NameField = "complaint.caller_name";
    public const string SummaryField = "complaint.summary";
    public const string ResolutionField = "complaint.resolution";
    public const string ResponseField = "complaint.response";

    public async Task<ComplaintView> ViewAsync(Complaint c, DateTimeOffset now, CancellationToken ct = default) => await ViewAsync(c, now, withText: true, ct);

    /// <summary>The complaint's view; its texts are decrypted only <paramref name="withText"/>.</summary>
    public async Task<ComplaintView> ViewAsync(Complaint c, DateTimeOffset now, bool withText, CancellationToken ct = default)
    {
        var phone = await cipher.DecryptAsync(c.EnterpriseId, PhoneField, c.CallerPhone, ct);
        var name = await cipher.DecryptAsync(c.EnterpriseId, NameField, c.CallerName, ct);
        var summary = withText ? await cipher.DecryptAsync(c.EnterpriseId, SummaryField, c.Summary, ct) ?? "" : null;
        var resolution = withText ? await cipher.DecryptAsync(c.EnterpriseId, ResolutionField, c.Resolution, ct) : null;
        var responseNote = withText ? await cipher.DecryptAsync(c.EnterpriseId, ResponseField, c.ResponseNote, ct) : null;
        var next = ComplaintDeadlines.NextDeadline(c);
        var escalation = EscalationReasonOf(c);
        return new ComplaintView(c.Id, c.Line, c.CallId, c.TicketId, PhoneNumber.Mask(phone), PhoneNumber.MaskName(name), summary, c.Category,
            c.Status.ToString(), China(c.ReceivedAt), China(c.RespondBy), China(c.ResolveBy), c.ResolveByEstimated, China(c.RespondedAt), China(c.ResolvedAt),
            responseNote, resolution, c.Satisfaction, China(c.EscalatedAt), escalation?.Phrase, escalation?.Bilingual ?? false,
            deadlines.StateOf(c, now).ToString(), China(next), SecondsUntil(next, now),
            ComplaintDeadlines.NextDeadlineEstimated(c),
            c.RespondedAt is null && c.Status != ComplaintStatus.Resolved ? SecondsUntil(c.RespondBy, now) : null,
            c.ResolvedAt is null ? SecondsUntil(c.ResolveBy, now) : null,
            !withText);
    }

    private static (Phrase Phrase, bool Bilingual)? EscalationReasonOf(Complaint c) =>
        c.EscalationReason is null ? null : PhraseJson.ReadOrVerbatim(c.EscalationPhrase, c.EscalationReason, Complaint.EscalationReasonLength);

    private static long? SecondsUntil(DateTimeOffset? deadline, DateTimeOffset now) => deadline is { } d ? (long)(d - now).TotalSeconds : null;

    private static DateTimeOffset China(DateTimeOffset value) => ChinaTime.ToChina(value);

    private static DateTimeOffset? China(DateTimeOffset? value) => value is { } v ? ChinaTime.ToChina(v) : null;
}
