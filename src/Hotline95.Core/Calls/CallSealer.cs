using System.Security.Cryptography;
using Hotline95.Core.Security;
using Hotline95.Core.Security.Primitives;

namespace Hotline95.Core.Calls;

/// <summary>
/// Turns clear <see cref="CallData"/> into a stored <see cref="CallRecord"/>: the customer's number and
/// name are sealed under the month's data key and the number gets its blind index. One instance per
/// import or handler; it caches one cipher per month key and field (none of them is shared across threads).
/// </summary>
/// <param name="beforeKeyFetch">
/// Awaited before a key not yet held is fetched, which may create it (a write): a bulk writer holding SQLite's
/// single write lock commits there, or the key's insert would wait on that lock.
/// </param>
public sealed class CallSealer(KeyRing keys, TimeProvider clock, Func<CancellationToken, Task>? beforeKeyFetch = null) : IDisposable
{
    public const string NumberField = "call.customer_number";
    public const string NameField = "call.customer_name";

    private readonly Dictionary<(Guid, DateOnly), MonthCipher> _ciphers = new();
    private readonly Dictionary<Guid, BlindIndexer> _blind = new();
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
        var now = clock.GetUtcNow();
        if (_ciphers.TryGetValue((record.EnterpriseId, month), out MonthCipher? cipher) && now - cipher.FetchedAt >= KeyRing.PastMonthRecheck && month < KeyRing.MonthOf(now))
        {
            // A past month's key held this long is asked for again, as the key ring asks the database: the purge on
            // another node may have destroyed it (a follow or a CTI writer keeps its sealer for minutes or days).
            _ciphers.Remove((record.EnterpriseId, month));
            cipher.Dispose();
            cipher = null;
        }

        if (cipher is null)
        {
            await BeforeKeyFetchAsync(ct);
            var (id, key) = await keys.ForMonthAsync(record.EnterpriseId, month, ct);
            cipher = new MonthCipher(id, key, FieldCipher.Aad(record.EnterpriseId, NumberField), FieldCipher.Aad(record.EnterpriseId, NameField), now);
            _ciphers[(record.EnterpriseId, month)] = cipher;
        }

        if (!string.IsNullOrWhiteSpace(number))
        {
            if (!_blind.TryGetValue(record.EnterpriseId, out var indexer))
            {
                await BeforeKeyFetchAsync(ct);
                indexer = new BlindIndexer(await keys.BlindKeyAsync(record.EnterpriseId, ct));
                _blind[record.EnterpriseId] = indexer;
            }

            record.CustomerNumber = cipher.Seal(number.Trim(), name: false, _nonces);
            record.CustomerNumberIndex = indexer.Compute(number);
        }

        if (!string.IsNullOrWhiteSpace(name))
        {
            record.CustomerName = cipher.Seal(name.Trim(), name: true, _nonces);
        }
    }

    private Task BeforeKeyFetchAsync(CancellationToken ct) => beforeKeyFetch?.Invoke(ct) ?? Task.CompletedTask;

    public void Dispose()
    {
        foreach (var cipher in _ciphers.Values)
        {
            cipher.Dispose();
        }
    }

    /// <summary>A month key's ciphers for the two fields: the AES-NI encryptor where the CPU has it, else the platform's AesGcm.</summary>
    private sealed class MonthCipher : IDisposable
    {
        private readonly int _keyId;
        private readonly AesGcmEncryptor? _number;
        private readonly AesGcmEncryptor? _name;
        private readonly AesGcm? _aes;
        private readonly byte[] _numberAad;
        private readonly byte[] _nameAad;

        public MonthCipher(int keyId, byte[] key, byte[] numberAad, byte[] nameAad, DateTimeOffset fetchedAt)
        {
            FetchedAt = fetchedAt;
            _keyId = keyId;
            _numberAad = numberAad;
            _nameAad = nameAad;
            if (AesGcmEncryptor.IsSupported)
            {
                _number = new AesGcmEncryptor(key, numberAad);
                _name = new AesGcmEncryptor(key, nameAad);
            }
            else
            {
                _aes = new AesGcm(key, 16);
            }
        }

        /// <summary>When the key ring handed out the key.</summary>
        public DateTimeOffset FetchedAt { get; }

        public byte[] Seal(string value, bool name, NonceSource nonces) => _aes is null
            ? FieldCipher.Seal((name ? _name : _number)!, _keyId, value, nonces)
            : FieldCipher.Seal(_aes, _keyId, name ? _nameAad : _numberAad, value, nonces);

        public void Dispose() => _aes?.Dispose();
    }
}
