using Hotline95.Core.Calendar;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Complaints;

public enum DeadlineState
{
    OnTrack,
    AtRisk,
    Overdue,
    Met,
}

/// <summary>The one place complaint deadlines are computed. Deadlines run on: they do not pause.</summary>
public sealed class ComplaintDeadlines(WorkdayCalendar calendar, IOptions<ComplaintPolicyOptions> options)
{
    public ComplaintPolicyOptions Policy => options.Value;

    /// <summary>First response: clock time after receipt.</summary>
    public DateTimeOffset RespondBy(DateTimeOffset receivedAt) => receivedAt + TimeSpan.FromHours(Policy.ResponseHours);

    /// <summary>
    /// Resolution: the end (23:59:59 Asia/Shanghai) of the Nth working day after the day of receipt; estimated when a day
    /// counted lies in a year without a holiday notice.
    /// </summary>
    public CalendarInstant ResolveBy(DateTimeOffset receivedAt) => calendar.EndOfNthWorkdayAfter(receivedAt, Policy.ResolutionWorkingDays);

    /// <summary>True when the deadline that matters now depends on an estimated day.</summary>
    public static bool NextDeadlineEstimated(Complaint c) =>
        c.Status != ComplaintStatus.Resolved && c.ResolveByEstimated && NextDeadline(c) == c.ResolveBy;

    /// <summary>The deadline that matters now: the response until responded, then the resolution.</summary>
    public static DateTimeOffset? NextDeadline(Complaint c) =>
        c.Status == ComplaintStatus.Resolved ? null : c.RespondedAt is null ? Min(c.RespondBy, c.ResolveBy) : c.ResolveBy;

    public DeadlineState StateOf(Complaint c, DateTimeOffset now)
    {
        if (c.Status == ComplaintStatus.Resolved)
        {
            return DeadlineState.Met;
        }

        var overdue = now > c.ResolveBy || (c.RespondedAt is null && now > c.RespondBy);
        if (overdue)
        {
            return DeadlineState.Overdue;
        }

        return NextDeadline(c) is { } next && next - now <= Policy.WarningWindow ? DeadlineState.AtRisk : DeadlineState.OnTrack;
    }

    public int WorkdaysToResolve(Complaint c) =>
        c.ResolvedAt is { } resolved ? calendar.WorkdaysBetween(Common.ChinaTime.DateOf(c.ReceivedAt), Common.ChinaTime.DateOf(resolved)) : 0;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
