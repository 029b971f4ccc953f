namespace Hotline95.Core.Common;

/// <summary>
/// Business rules run in Asia/Shanghai (UTC+8, no daylight saving since 1991). Storage is UTC.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeZoneInfo Zone = FindZone();

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            // A minimal container may lack tzdata; China's offset is fixed, so a custom zone is exact.
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "China Standard Time", "CST");
        }
    }

    private static readonly DateTimeOffset FixedOffsetSince = new(1992, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>China has kept UTC+8 all year since 1992; earlier instants go through the zone's rules (1986–91 summer time).</summary>
    public static DateTimeOffset ToChina(DateTimeOffset instant) =>
        instant >= FixedOffsetSince ? instant.ToOffset(TimeSpan.FromHours(8)) : TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToChina(instant).DateTime);

    /// <summary>The last second of <paramref name="date"/> in China (23:59:59+08:00).</summary>
    public static DateTimeOffset EndOfDay(DateOnly date) =>
        new(date.ToDateTime(new TimeOnly(23, 59, 59)), Zone.GetUtcOffset(date.ToDateTime(TimeOnly.MinValue)));

    public static DateTimeOffset StartOfDay(DateOnly date) =>
        new(date.ToDateTime(TimeOnly.MinValue), Zone.GetUtcOffset(date.ToDateTime(TimeOnly.MinValue)));
}
