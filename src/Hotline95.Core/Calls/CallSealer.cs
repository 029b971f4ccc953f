using System.Security.Cryptography;
using Hotline95.Core.Security;

namespace Hotline95.Core.Calls;

/// <summary>
/// Turns clear <see cref="CallData"/> into a stored <see cref="CallRecord"/>: the customer's number and
/// name are sealed under the month's data key and the number gets its blind index. One instance per
/// batch or request; it caches one AES context per month key (AesGcm is not shared across threads).
/// </summary>
public sealed class CallSealer(KeyRing keys, TimeProvider clock) : IDisposable
{
    public const string NumberField = "call.customer_number";
    public const string NameField = "call.customer_name";

    private readonly Dictionary<(Guid, DateOnly), (int Id, AesGcm Aes)> _aes = new();
    private readonly Dictionary<Guid, BlindIndexer> _blind = new();
    private readonly Dictionary<Guid, (byte[] Number, byte[] Name)> _aad = new();
    private readonly NonceSource _nonces = new();

    public async Task<CallRecord> SealAsync(Guid enterpriseId, CallData data, CancellationToken ct = default)
    {
        var record = new CallRecord
        {
            EnterpriseId = enterpriseId,
            Line = data.Line,
            SourceSystem = data.SourceSystem,
            SourceId = data.SourceId,
            CreatedAt = clock.GetUtcNow(),
        };
        Apply(record, data);
        await SealPersonalDataAsync(record, data.CustomerNumber, data.CustomerName, ct);
        return record;
    }

    /// <summary>Copies the non-personal fields of <paramref name="data"/> onto the record.</summary>
    public static void Apply(CallRecord record, CallData data)
    {
        record.Line = data.Line;
        record.Direction = data.Direction;
        record.Agent = data.Agent;
        record.Queue = data.Queue;
        record.StartedAt = data.StartedAt;
        record.AnsweredAt = data.AnsweredAt;
        record.EndedAt = data.EndedAt;
        record.RingSeconds = data.RingSeconds;
        record.TalkSeconds = data.Talk;
        record.Disposition = data.Disposition;
        record.HangupCause = data.HangupCause;
        record.Missed = data.Missed;
        record.Trunk = data.Trunk;
    }

    /// <summary>(Re)seals the personal fields under the key of the record's month (its start time).</summary>
    public async Task SealPersonalDataAsync(CallRecord record, string? number, string? name, CancellationToken ct = default)
    {
        var month = KeyRing.MonthOf(record.StartedAt);
        if (!_aes.TryGetValue((record.EnterpriseId, month), out var entry))
        {
            var (id, key) = await keys.ForMonthAsync(record.EnterpriseId, month, ct);
            entry = (id, new AesGcm(key, 16));
            _aes[(record.EnterpriseId, month)] = entry;
        }

        if (!_aad.TryGetValue(record.EnterpriseId, out var aad))
        {
            aad = (FieldCipher.Aad(record.EnterpriseId, NumberField), FieldCipher.Aad(record.EnterpriseId, NameField));
            _aad[record.EnterpriseId] = aad;
        }

        if (!string.IsNullOrWhiteSpace(number))
        {
            if (!_blind.TryGetValue(record.EnterpriseId, out var indexer))
            {
                indexer = new BlindIndexer(await keys.BlindKeyAsync(record.EnterpriseId, ct));
                _blind[record.EnterpriseId] = indexer;
            }

            record.CustomerNumber = FieldCipher.Seal(entry.Aes, entry.Id, aad.Number, number.Trim(), _nonces);
            record.CustomerNumberIndex = indexer.Compute(number);
        }

        if (!string.IsNullOrWhiteSpace(name))
        {
            record.CustomerName = FieldCipher.Seal(entry.Aes, entry.Id, aad.Name, name.Trim(), _nonces);
        }
    }

    public void Dispose()
    {
        foreach (var (_, aes) in _aes.Values)
        {
            aes.Dispose();
        }
    }
}
