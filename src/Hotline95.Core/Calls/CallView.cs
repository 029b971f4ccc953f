using Hotline95.Core.Security;

namespace Hotline95.Core.Calls;

/// <summary>A call as lists show it: personal data masked (138****8000, 王**).</summary>
public sealed record CallView(
    long Id,
    string Line,
    string Direction,
    string Customer,
    string CustomerName,
    string? Agent,
    string? Queue,
    DateTimeOffset StartedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    int RingSeconds,
    int TalkSeconds,
    string Disposition,
    string? HangupCause,
    bool Missed,
    bool HasRecording,
    string SourceSystem,
    string SourceId);

/// <summary>Decrypts a record's personal fields for masking or, with permission, for reveal.</summary>
public sealed class CallReader(FieldCipher cipher)
{
    /// <summary>Shown when a month's key was destroyed: the value no longer exists anywhere.</summary>
    public const string Shredded = "[已销毁 destroyed]";

    public async Task<(string? Number, string? Name, bool Destroyed)> OpenAsync(CallRecord call, CancellationToken ct = default)
    {
        if (call.CustomerNumber is null && call.CustomerName is null)
        {
            return (null, null, false);
        }

        var number = await cipher.DecryptAsync(call.EnterpriseId, CallSealer.NumberField, call.CustomerNumber, ct);
        var name = await cipher.DecryptAsync(call.EnterpriseId, CallSealer.NameField, call.CustomerName, ct);
        return (number, name, number is null && call.CustomerNumber is not null);
    }

    public async Task<CallView> MaskedAsync(CallRecord call, bool hasRecording, CancellationToken ct = default)
    {
        var (number, name, destroyed) = await OpenAsync(call, ct);
        return new CallView(call.Id, call.Line, call.Direction.ToString(),
            destroyed ? Shredded : PhoneNumber.Mask(number), destroyed ? Shredded : PhoneNumber.MaskName(name),
            call.Agent, call.Queue, call.StartedAt, call.AnsweredAt, call.EndedAt, call.RingSeconds, call.TalkSeconds,
            call.Disposition.ToString(), call.HangupCause, call.Missed, hasRecording, call.SourceSystem, call.SourceId);
    }
}
