using System.Text;
using Hotline95.Core.Monitoring;

namespace Hotline95.Core.Calls.Import;

/// <summary>
/// Sealed calls on their way to the database, packed into buffers that are reused from batch to batch.
/// </summary>
/// <remarks>
/// A bulk import keeps a few batches in flight between its sealing thread and its writing thread. As objects
/// (a record, its strings and ciphertext arrays) those rows outlived the young generation and were copied by the
/// garbage collector while the writer waited: a quarter of an import's time, measured. Packed, a row is a struct
/// and its texts and ciphertexts are bytes in one arena, which the SQLite writer binds in place.
/// </remarks>
public sealed class SealedCallBatch(int capacity)
{
    private readonly Row[] _rows = new Row[capacity];
    private byte[] _arena = new byte[capacity * 192];
    private int _used;
    private readonly List<string> _lines = [];
    private (Guid Id, Slice Bytes) _enterprise = (Guid.Empty, Slice.Null);
    private readonly (string? Text, Slice Bytes)[] _previous = new (string?, Slice)[6];

    public int Capacity { get; } = capacity;

    public int Count { get; private set; }

    public bool IsFull => Count >= Capacity;

    /// <summary>
    /// What the rows add to the roll-ups if all of them are new, gathered as they are added (on the sealing
    /// thread, not the writer's); the writer takes back the figures of rows it finds already stored, and adds the
    /// callers of those it stores (a sketch cannot take a caller back, and a stored row may count on another line).
    /// </summary>
    public RollupDelta Rollups { get; private set; } = new();

    private readonly List<RollupDelta.Day> _days = [];

    /// <summary>A column's bytes in the arena; a negative length is SQL NULL.</summary>
    internal readonly record struct Slice(int Offset, int Length)
    {
        public static readonly Slice Null = new(0, -1);

        public bool IsNull => Length < 0;
    }

    /// <summary>One call: what <see cref="CallColumns.Names"/> holds, instants as Unix milliseconds.</summary>
    internal struct Row
    {
        public Guid EnterpriseId;
        public Slice Enterprise;
        public int LineIndex;
        public Slice Line;
        public CallDirection Direction;
        public Slice CustomerNumber;
        public Slice CustomerNumberIndex;
        public Slice CustomerName;
        public Slice Agent;
        public Slice Queue;
        public long StartedAt;
        public long? AnsweredAt;
        public long? EndedAt;
        public int RingSeconds;
        public int TalkSeconds;
        public CallDisposition Disposition;
        public Slice HangupCause;
        public bool Missed;
        public Slice SourceSystem;
        public Slice SourceId;
        public long CreatedAt;
        public Slice Trunk;
        public int StartedDay;

        /// <summary>Index of the roll-up day it counts in (<see cref="DayOf"/>), −1 for none.</summary>
        public int Day;
    }

    internal Row[] Rows => _rows;

    internal byte[] Arena => _arena;

    public void Add(CallRecord call)
    {
        if (IsFull)
        {
            throw new InvalidOperationException($"the batch holds {Capacity} calls at most");
        }

        if (call.EnterpriseId != _enterprise.Id || _enterprise.Bytes.IsNull)
        {
            var at = Reserve(16);
            call.EnterpriseId.TryWriteBytes(_arena.AsSpan(at, 16));
            _enterprise = (call.EnterpriseId, new Slice(at, 16));
        }

        var lineIndex = _lines.IndexOf(call.Line);
        if (lineIndex < 0)
        {
            lineIndex = _lines.Count;
            _lines.Add(call.Line);
        }

        _rows[Count++] = new Row
        {
            EnterpriseId = call.EnterpriseId,
            Enterprise = _enterprise.Bytes,
            LineIndex = lineIndex,
            Line = PutRepeated(call.Line, 0),
            Direction = call.Direction,
            CustomerNumber = Put(call.CustomerNumber),
            CustomerNumberIndex = Put(call.CustomerNumberIndex),
            CustomerName = Put(call.CustomerName),
            Agent = PutRepeated(call.Agent, 1),
            Queue = PutRepeated(call.Queue, 2),
            StartedAt = call.StartedAt.ToUnixTimeMilliseconds(),
            AnsweredAt = call.AnsweredAt?.ToUnixTimeMilliseconds(),
            EndedAt = call.EndedAt?.ToUnixTimeMilliseconds(),
            RingSeconds = call.RingSeconds,
            TalkSeconds = call.TalkSeconds,
            Disposition = call.Disposition,
            HangupCause = PutRepeated(call.HangupCause, 3),
            Missed = call.Missed,
            SourceSystem = PutRepeated(call.SourceSystem, 4),
            SourceId = Put(call.SourceId),
            CreatedAt = call.CreatedAt.ToUnixTimeMilliseconds(),
            Trunk = PutRepeated(call.Trunk, 5),
            StartedDay = call.StartedDay,
        };
        if (CallContribution.Of(call) is { } contribution)
        {
            var day = Rollups.Add(call.EnterpriseId, contribution with { CallerIndex = null });
            if (_days.Count == 0 || !ReferenceEquals(_days[^1], day))
            {
                _days.Add(day);
            }

            _rows[Count - 1].Day = _days.Count - 1;
        }
        else
        {
            _rows[Count - 1].Day = -1;
        }
    }

    /// <summary>The roll-up figures row <paramref name="row"/> counts in, or null when it counts in none.</summary>
    internal RollupDelta.Day? DayOf(int row) => _rows[row].Day is var day and >= 0 ? _days[day] : null;

    public void Clear()
    {
        Count = 0;
        _used = 0;
        _lines.Clear();
        _enterprise = (Guid.Empty, Slice.Null);
        Array.Clear(_previous);
        Rollups = new RollupDelta();
        _days.Clear();
    }

    internal ReadOnlySpan<byte> Bytes(Slice slice) => slice.IsNull ? default : _arena.AsSpan(slice.Offset, slice.Length);

    internal byte[]? Blob(Slice slice) => slice.IsNull ? null : Bytes(slice).ToArray();

    internal string? Text(Slice slice) => slice.IsNull ? null : Encoding.UTF8.GetString(Bytes(slice));

    internal string Line(int row) => _lines[_rows[row].LineIndex];

    /// <summary>What row <paramref name="row"/> adds to <see cref="Rollups"/> (as <see cref="CallContribution.Of"/> for a record).</summary>
    internal CallContribution? Contribution(int row)
    {
        ref readonly var r = ref _rows[row];
        return CallContribution.Of(Line(row), r.Direction, DateTimeOffset.FromUnixTimeMilliseconds(r.StartedAt), r.AnsweredAt is not null, r.Missed,
            r.TalkSeconds, r.RingSeconds, Blob(r.CustomerNumberIndex));
    }

    private Slice Put(byte[]? value)
    {
        if (value is null)
        {
            return Slice.Null;
        }

        var at = Reserve(value.Length);
        value.CopyTo(_arena, at);
        return new Slice(at, value.Length);
    }

    /// <summary>
    /// A column whose value mostly repeats from row to row (line, agent, queue…): the previous row's bytes are used
    /// again, which keeps the arena small and lets the writer leave the parameter bound as it is.
    /// </summary>
    private Slice PutRepeated(string? value, int column)
    {
        ref var previous = ref _previous[column];
        if (value is not null && string.Equals(previous.Text, value, StringComparison.Ordinal))
        {
            return previous.Bytes;
        }

        previous = (value, Put(value));
        return previous.Bytes;
    }

    private Slice Put(string? value)
    {
        if (value is null)
        {
            return Slice.Null;
        }

        var at = Reserve(Encoding.UTF8.GetMaxByteCount(value.Length));
        var length = Encoding.UTF8.GetBytes(value, _arena.AsSpan(at));
        _used = at + length; // give back what the worst case reserved
        return new Slice(at, length);
    }

    private int Reserve(int length)
    {
        if (_used + length > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _used + length));
        }

        var at = _used;
        _used += length;
        return at;
    }
}
