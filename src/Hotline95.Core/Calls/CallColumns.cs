using System.Data.Common;
using Hotline95.Core.Data;

namespace Hotline95.Core.Calls;

/// <summary>
/// The calls table's columns as the hot paths write them with plain SQL (bulk import, CTI events), in the
/// representations of the EF model on each provider: on SQLite a Guid is 16 bytes, an instant Unix
/// milliseconds and an enum its name; PostgreSQL takes the native types.
/// </summary>
public static class CallColumns
{
    /// <summary>Every column but the generated id, in the order of <see cref="Values"/>.</summary>
    public static readonly string[] Names =
    [
        "EnterpriseId", "Line", "Direction", "CustomerNumber", "CustomerNumberIndex", "CustomerName", "Agent", "Queue",
        "StartedAt", "AnsweredAt", "EndedAt", "RingSeconds", "TalkSeconds", "Disposition", "HangupCause", "Missed",
        "SourceSystem", "SourceId", "CreatedAt", "Trunk", "StartedDay",
    ];

    /// <summary>The columns a call's later events may change (its identity, start and source never do).</summary>
    public static readonly string[] Mutable =
    [
        "Line", "Direction", "CustomerNumber", "CustomerNumberIndex", "CustomerName", "Agent", "Queue",
        "AnsweredAt", "EndedAt", "RingSeconds", "TalkSeconds", "Disposition", "HangupCause", "Missed", "Trunk",
    ];

    public static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"\"{n}\""));

    /// <summary>A column's value for <see cref="StatementBatch"/>, which binds it: a null is a <see cref="DbValues.TypedNull"/>.</summary>
    public static object Value(CallRecord c, string column, DatabaseProvider provider)
    {
        var postgres = provider == DatabaseProvider.Postgres;
        return column switch
        {
            "EnterpriseId" => DbValues.Guid(c.EnterpriseId, postgres),
            "Line" => c.Line,
            "Direction" => c.Direction.ToString(),
            "CustomerNumber" => DbValues.Bytes(c.CustomerNumber),
            "CustomerNumberIndex" => DbValues.Bytes(c.CustomerNumberIndex),
            "CustomerName" => DbValues.Bytes(c.CustomerName),
            "Agent" => DbValues.Text(c.Agent),
            "Queue" => DbValues.Text(c.Queue),
            "StartedAt" => DbValues.Instant(c.StartedAt, postgres),
            "AnsweredAt" => DbValues.OptionalInstant(c.AnsweredAt, postgres),
            "EndedAt" => DbValues.OptionalInstant(c.EndedAt, postgres),
            "RingSeconds" => c.RingSeconds,
            "TalkSeconds" => c.TalkSeconds,
            "Disposition" => c.Disposition.ToString(),
            "HangupCause" => DbValues.Text(c.HangupCause),
            "Missed" => c.Missed,
            "SourceSystem" => c.SourceSystem,
            "SourceId" => c.SourceId,
            "CreatedAt" => DbValues.Instant(c.CreatedAt, postgres),
            "Trunk" => DbValues.Text(c.Trunk),
            "StartedDay" => c.StartedDay,
            "Id" => c.Id,
            _ => throw new ArgumentOutOfRangeException(nameof(column), column, "not a column of calls"),
        };
    }


    /// <summary>A call read from <c>SELECT "Id", {Names}</c> (its StartedDay follows from StartedAt).</summary>
    public static CallRecord Read(DbDataReader r, DatabaseProvider provider)
    {
        var postgres = provider == DatabaseProvider.Postgres;
        DateTimeOffset Instant(int i) => postgres ? r.GetFieldValue<DateTimeOffset>(i) : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));
        DateTimeOffset? OptionalInstant(int i) => r.IsDBNull(i) ? null : Instant(i);
        byte[]? Bytes(int i) => r.IsDBNull(i) ? null : r.GetFieldValue<byte[]>(i);
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        return new CallRecord
        {
            Id = r.GetInt64(0),
            EnterpriseId = postgres ? r.GetGuid(1) : new Guid(r.GetFieldValue<byte[]>(1)),
            Line = r.GetString(2),
            Direction = Enum.Parse<CallDirection>(r.GetString(3)),
            CustomerNumber = Bytes(4),
            CustomerNumberIndex = Bytes(5),
            CustomerName = Bytes(6),
            Agent = Text(7),
            Queue = Text(8),
            StartedAt = Instant(9),
            AnsweredAt = OptionalInstant(10),
            EndedAt = OptionalInstant(11),
            RingSeconds = r.GetInt32(12),
            TalkSeconds = r.GetInt32(13),
            Disposition = Enum.Parse<CallDisposition>(r.GetString(14)),
            HangupCause = Text(15),
            Missed = r.GetBoolean(16),
            SourceSystem = r.GetString(17),
            SourceId = r.GetString(18),
            CreatedAt = Instant(19),
            Trunk = Text(20),
        };
    }
}
