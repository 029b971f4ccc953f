using System.ComponentModel.DataAnnotations;
using Hotline95.Core.Calls;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline95.Core.Desk;

/// <summary>What happened to a call, as the agents' desks show it.</summary>
public enum DeskEventKind
{
    /// <summary>A new inbound call is ringing (CTI <c>newCall</c>).</summary>
    Ringing,
    /// <summary>Someone took it (CTI <c>answer</c>).</summary>
    Answered,
    /// <summary>It ended (CTI <c>hangup</c>).</summary>
    Ended,
}

/// <summary>
/// One change of a live call for the desks, written with the call in the CTI writer's transaction and read by every node's
/// desk feed (the table is the bus between nodes). It never holds the caller's number in clear: only masked (138****8000).
/// Kept a short while (<see cref="DeskOptions.KeepEventsFor"/>) for desks that reconnect, then pruned.
/// </summary>
public sealed class DeskEvent : ITenantScoped
{
    public long Id { get; init; }
    public Guid EnterpriseId { get; init; }
    public DeskEventKind Kind { get; init; }
    /// <summary>The call's id in the call store (what tickets and complaints link to).</summary>
    public long CallId { get; init; }
    /// <summary>The PBX's call id.</summary>
    public required string CtiCallId { get; init; }
    public required string Line { get; init; }
    public CallDirection Direction { get; init; }
    /// <summary>The caller masked, or null when the PBX sent no number (and on answered/ended events).</summary>
    public string? Caller { get; init; }
    public string? Queue { get; init; }
    /// <summary>Who the PBX says answered (answered events): staff, not the customer's data.</summary>
    public string? Agent { get; init; }
    /// <summary>The users it is for (see <see cref="DeskRecipients"/>), or null for every desk of the enterprise.</summary>
    public string? Recipients { get; init; }
    public DateTimeOffset At { get; init; }
}

/// <summary>A desk event as the stream sends it (without its recipients).</summary>
public sealed record DeskEventView(long Id, DeskEventKind Kind, long CallId, string CtiCallId, string Line, CallDirection Direction, string? Caller,
    string? Queue, string? Agent, DateTimeOffset At)
{
    public static DeskEventView From(DeskEvent e) => new(e.Id, e.Kind, e.CallId, e.CtiCallId, e.Line, e.Direction, e.Caller, e.Queue, e.Agent, ChinaTime.ToChina(e.At));
}

/// <summary>
/// The recipients column: user ids as 32 hex digits separated by spaces. Tokens of one fixed length cannot match across a
/// separator, so "contains the user's token" (in SQL and in memory) is exact.
/// </summary>
public static class DeskRecipients
{
    public static string Token(Guid userId) => userId.ToString("N");

    public static string? Format(IReadOnlyCollection<Guid>? users) => users is null or { Count: 0 } ? null : string.Join(' ', users.Select(Token).Order(StringComparer.Ordinal));

    public static bool Includes(string? recipients, Guid userId) => recipients is null || recipients.Contains(Token(userId), StringComparison.Ordinal);
}

/// <summary>Settings of the live desk (Desk:*).</summary>
public sealed class DeskOptions
{
    public const string Section = "Desk";

    /// <summary>
    /// How often each node's feed reads new desk events while desks are connected and nothing notifies it of other nodes'
    /// events (SQLite, or the PostgreSQL listener lost its session): another node's events arrive within it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The fallback poll while the PostgreSQL listener listens (events arrive by notification at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan ListeningPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the feed keeps its place while no desk is connected (so a desk that connects gets nothing stale as new).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A comment line this often keeps proxies from closing a quiet stream.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A stream ends after this long and the browser reconnects at once (Last-Event-ID): the session is checked again, so a
    /// signed-out or disabled user stops receiving within it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StreamLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A desk that connects afresh (no Last-Event-ID) first gets its events of this last while: the call it was on before a reload.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RecentOnConnect { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Desk events older than this are deleted (they only serve reconnecting desks).</summary>
    [Range(typeof(TimeSpan), "00:10:00", "30.00:00:00")]
    public TimeSpan KeepEventsFor { get; set; } = TimeSpan.FromDays(1);

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan PruneEvery { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a desk event id missing below newer ones is still looked for: a transaction that committed late (a CTI batch
    /// waiting for its synchronous standby during a failover) still reaches the desks within it. New events never wait for it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan GapWait { get; set; } = TimeSpan.FromSeconds(30);
}

internal sealed class DeskEventConfiguration : IEntityTypeConfiguration<DeskEvent>
{
    public void Configure(EntityTypeBuilder<DeskEvent> e)
    {
        // The feed reads by id (the primary key) across enterprises; the prune deletes by time.
        e.ToTable("desk_events");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedOnAdd();
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.CtiCallId).HasMaxLength(128);
        e.Property(x => x.Line).HasMaxLength(6);
        e.Property(x => x.Direction).HasConversion<string>().HasMaxLength(3);
        e.Property(x => x.Caller).HasMaxLength(40);
        e.Property(x => x.Queue).HasMaxLength(64);
        e.Property(x => x.Agent).HasMaxLength(64);
        e.HasIndex(x => x.At);
        e.HasIndex(x => new { x.EnterpriseId, x.Id });
    }
}
