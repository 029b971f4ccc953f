using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hotline95.Core.Calendar;

/// <summary>One year's State Council holiday notice in the holiday-cn JSON schema.</summary>
public sealed record HolidayNotice(
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("papers")] IReadOnlyList<string> Papers,
    [property: JsonPropertyName("days")] IReadOnlyList<HolidayNoticeDay> Days)
{
    /// <summary>holiday-cn publishes an empty placeholder for a year before its notice exists.</summary>
    public bool IsPublished => Papers.Count > 0 || Days.Count > 0;

    public static HolidayNotice Parse(Stream json, string source)
    {
        HolidayNotice? notice;
        try
        {
            notice = JsonSerializer.Deserialize<HolidayNotice>(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not a holiday notice ({ex.Message})", ex);
        }

        if (notice is null || notice.Year < 1949 || notice.Days is null || notice.Papers is null)
        {
            throw new InvalidDataException($"{source}: not a holiday notice (needs year, papers and days)");
        }

        return notice;
    }
}

public sealed record HolidayNoticeDay(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("date")] DateOnly Date,
    [property: JsonPropertyName("isOffDay")] bool IsOffDay);
