using System.Data;
using System.Globalization;

namespace Hotline95.Core.Data;

/// <summary>
/// Values in the representations of the EF model on each provider, for the plain-SQL paths (CTI, imports, roll-ups):
/// on SQLite a Guid is 16 bytes, an instant Unix milliseconds and a day text; PostgreSQL takes the native types.
/// </summary>
public static class DbValues
{
    public static object Guid(Guid id, bool postgres) => postgres ? id : id.ToByteArray();

    public static object Instant(DateTimeOffset t, bool postgres) => postgres ? t.ToUniversalTime() : t.ToUnixTimeMilliseconds();

    public static object Day(DateOnly day, bool postgres) => postgres ? day : day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static object Text(string? text) => (object?)text ?? NullText;

    public static object Bytes(byte[]? bytes) => (object?)bytes ?? NullBytes;

    public static object OptionalInstant(DateTimeOffset? t, bool postgres) =>
        t is { } value ? Instant(value, postgres) : postgres ? NullTimestamp : NullInteger;

    private static readonly TypedNull NullText = new(DbType.String);
    private static readonly TypedNull NullBytes = new(DbType.Binary);
    private static readonly TypedNull NullTimestamp = new(DbType.DateTimeOffset);
    private static readonly TypedNull NullInteger = new(DbType.Int64);

    /// <summary>
    /// A null that keeps its column's type (<see cref="StatementBatch"/> binds it as a typed null). A bare null goes to
    /// PostgreSQL as a parameter of no type, and Npgsql runs a statement it auto-prepared with a text (or timestamp) in that
    /// place unprepared instead: parsed and planned afresh every time (issue 18: the desk event and the update of every
    /// answered or ended call, three times the backend's time of the prepared statement).
    /// </summary>
    public sealed record TypedNull(DbType Type);
}
