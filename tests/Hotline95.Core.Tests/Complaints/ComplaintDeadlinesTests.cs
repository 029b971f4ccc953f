using Hotline95.Core.Calendar;
using Hotline95.Core.Complaints;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Tests.Complaints;

public sealed class ComplaintDeadlinesTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly ComplaintDeadlines Deadlines = new(Calendar.TestCalendars.Through2026(), Options.Create(new ComplaintPolicyOptions()));

    [Fact]
    public void Deadlines_ReceivedFridayBeforeSpringFestival2026_CountMakeUpSaturdays()
    {
        var received = new DateTimeOffset(2026, 2, 13, 15, 0, 0, China);

        Assert.Equal(new DateTimeOffset(2026, 2, 14, 15, 0, 0, China), Deadlines.RespondBy(received));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 23, 59, 59, China), Deadlines.ResolveBy(received).At);
    }

    [Theory]
    [InlineData("2025-09-26T10:00:00+08:00", "2025-10-13")] // counts the make-up Sunday 28 Sep and Saturday 11 Oct
    [InlineData("2025-09-30T18:00:00+08:00", "2025-10-16")] // 1–8 Oct off, then 9, 10, 11 (make-up), 13–16
    [InlineData("2025-10-01T09:00:00+08:00", "2025-10-16")] // received on a holiday: the same count as from 30 Sep
    public void ResolveBy_AroundNationalDay2025_IsTheEndOfTheSeventhWorkingDay(string received, string expectedDate)
    {
        var due = Deadlines.ResolveBy(DateTimeOffset.Parse(received, System.Globalization.CultureInfo.InvariantCulture)).At;

        Assert.Equal(DateOnly.Parse(expectedDate, System.Globalization.CultureInfo.InvariantCulture), DateOnly.FromDateTime(due.ToOffset(China).DateTime));
        Assert.Equal(new TimeSpan(23, 59, 59), due.ToOffset(China).TimeOfDay);
    }

    [Fact]
    public void RespondBy_IsClockTimeEvenOverAHoliday()
    {
        var received = new DateTimeOffset(2025, 9, 30, 18, 0, 0, China);

        Assert.Equal(new DateTimeOffset(2025, 10, 1, 18, 0, 0, China), Deadlines.RespondBy(received));
    }

    [Fact]
    public void StateOf_AcrossTheWarningWindow_GoesOnTrackAtRiskOverdue()
    {
        var received = new DateTimeOffset(2026, 3, 2, 10, 0, 0, China);
        var complaint = new Complaint
        {
            Line = "95528", Summary = [], CreatedBy = "t", ReceivedAt = received,
            RespondBy = Deadlines.RespondBy(received), ResolveBy = Deadlines.ResolveBy(received).At, Status = ComplaintStatus.Received,
        };

        Assert.Equal(DeadlineState.OnTrack, Deadlines.StateOf(complaint, received.AddHours(19)));
        Assert.Equal(DeadlineState.AtRisk, Deadlines.StateOf(complaint, received.AddHours(20.5)));
        Assert.Equal(DeadlineState.Overdue, Deadlines.StateOf(complaint, received.AddHours(24).AddSeconds(1)));

        complaint.RespondedAt = received.AddHours(2);
        complaint.Status = ComplaintStatus.Responded;
        Assert.Equal(DeadlineState.OnTrack, Deadlines.StateOf(complaint, received.AddHours(30)));
    }

    [Fact]
    public void ResolveBy_ReceivedOn24December2026WithNo2027Notice_IsEstimatedNotRefused()
    {
        // 24 Dec (Thu): 25, 28, 29, 30, 31 Dec, then 元旦 2027-01-01 (Fri) off, 4 and 5 Jan.
        var due = Deadlines.ResolveBy(new DateTimeOffset(2026, 12, 24, 10, 0, 0, China));

        Assert.Equal(new DateTimeOffset(2027, 1, 5, 23, 59, 59, China), due.At);
        Assert.True(due.Estimated);
    }

    [Fact]
    public void ResolveBy_WhollyInsideANoticeYear_IsNotEstimated()
    {
        Assert.False(Deadlines.ResolveBy(new DateTimeOffset(2026, 12, 10, 10, 0, 0, China)).Estimated);
    }
}
