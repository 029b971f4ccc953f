using System.ComponentModel.DataAnnotations;
using Hotline95.Core.Retention;

namespace Hotline95.Core.Tests.Retention;

public sealed class RetentionOptionsTests
{
    [Theory]
    [InlineData(5, 12, "CallRecordMonths")]
    [InlineData(6, 11, "ComplaintRecordMonths")]
    public void Validate_BelowTheRegulatorsFloor_Fails(int calls, int complaints, string member)
    {
        var options = new RetentionOptions { CallRecordMonths = calls, ComplaintRecordMonths = complaints };

        var results = options.Validate(new ValidationContext(options)).ToList();

        Assert.Contains(results, r => r.MemberNames.Contains(member));
    }

    [Fact]
    public void Validate_Defaults_Pass()
    {
        var options = new RetentionOptions();

        Assert.Empty(options.Validate(new ValidationContext(options)));
    }

    [Theory]
    [InlineData("2026-03-02T02:00:00Z", 16.5)]  // 10:00 in Shanghai → 02:30 tomorrow
    [InlineData("2026-03-01T18:00:00Z", 0.5)]   // 02:00 in Shanghai → 02:30 today
    [InlineData("2026-03-01T18:30:00Z", 24)]    // exactly 02:30 → the next night
    public void DelayUntilNextRun_ShanghaiClock_IsTheNextNightlySlot(string now, double hours)
    {
        var delay = NightlyPurgeService.DelayUntilNextRun(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), new TimeOnly(2, 30));

        Assert.Equal(TimeSpan.FromHours(hours), delay);
    }
}
