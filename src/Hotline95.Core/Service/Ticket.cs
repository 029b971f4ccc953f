using Hotline95.Core.Common;

namespace Hotline95.Core.Service;

/// <summary>The declared service flow: 用户拨打 → 客服接听 → 问题记录 → 转办处理 → 反馈结果 → closed.</summary>
public enum TicketStep
{
    /// <summary>Opened from a call (用户拨打) or by hand.</summary>
    Opened,
    /// <summary>An agent took it (客服接听).</summary>
    Answered,
    /// <summary>The issue recorded with a category from the line's approved purposes (问题记录).</summary>
    Recorded,
    /// <summary>Handed to a specialist or team (转办处理).</summary>
    Transferred,
    /// <summary>The result fed back to the caller, by call or message (反馈结果).</summary>
    FedBack,
    Closed,
}

public sealed class Ticket : ITenantScoped
{
    public long Id { get; init; }
    public Guid EnterpriseId { get; init; }
    public required string Line { get; init; }
    public long? CallId { get; init; }
    public byte[]? CustomerPhone { get; set; }
    public byte[]? CustomerPhoneIndex { get; set; }
    public string? Category { get; set; }
    public TicketStep Step { get; set; }
    public string? AssignedTo { get; set; }
    public DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; set; }
    public required string OpenedBy { get; init; }
}

/// <summary>One step of a ticket: who, when, and what was said (free text may hold personal data: sealed).</summary>
public sealed class TicketStepEntry : ITenantScoped
{
    public long Id { get; init; }
    public Guid EnterpriseId { get; init; }
    public long TicketId { get; init; }
    public TicketStep Step { get; init; }
    public required string By { get; init; }
    public DateTimeOffset At { get; init; }
    public byte[]? Note { get; init; }
    /// <summary>The feedback call, when the result was fed back by phone.</summary>
    public long? CallId { get; init; }
}
