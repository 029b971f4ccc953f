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
}
