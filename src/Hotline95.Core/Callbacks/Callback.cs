using System.ComponentModel.DataAnnotations;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline95.Core.Callbacks;

/// <summary>
/// A missed inbound call marked as followed up: by an agent ("called back", audited) or by the product when an outbound call
/// to the same number followed within <see cref="CallbackOptions.LinkWindow"/> (the callback call linked). A call record:
/// purged with the missed call; what it counted stays in <see cref="CallbackDayFigures"/>.
/// </summary>
public sealed class CallbackMark : ITenantScoped
{
    public long Id { get; init; }
    public Guid EnterpriseId { get; init; }
    public required string Line { get; init; }
    public long MissedCallId { get; init; }
    public DateTimeOffset MissedAt { get; init; }
    public DateTimeOffset DoneAt { get; init; }
    /// <summary>The agent, or <see cref="CallbackOptions.Linker"/> when an outbound call was linked without anyone marking it.</summary>
    public required string DoneBy { get; init; }
    public long? CallbackCallId { get; set; }
    public DateTimeOffset? CallbackAt { get; set; }
    public string? Note { get; init; }

    /// <summary>When the caller was called back: the linked call's start, else the moment it was marked.</summary>
    public DateTimeOffset CalledBackAt => CallbackAt ?? DoneAt;
}

/// <summary>Missed calls of a day (Asia/Shanghai, by the missed call's start) called back, and called back within 24 hours: kept when the calls are purged.</summary>
public sealed class CallbackDayFigures : ITenantScoped
{
    public Guid EnterpriseId { get; init; }
    public required string Line { get; init; }
    public DateOnly Day { get; init; }
    public int CalledBack { get; set; }
    public int CalledBackWithin24Hours { get; set; }
}

public sealed class CallbackOptions
{
    public const string Section = "Callbacks";
    public const string Linker = "system:callback-link";

    /// <summary>An outbound call to the caller's number this long after the missed call is its callback.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "30.00:00:00")]
    public TimeSpan LinkWindow { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How far back the callback list goes: older missed calls left open count as not called back.</summary>
    [Range(1, 90)]
    public int ListDays { get; set; } = 7;

    /// <summary>How often the server links outbound calls to the missed calls they answer.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan LinkEvery { get; set; } = TimeSpan.FromMinutes(5);
}

internal sealed class CallbackMarkConfiguration : IEntityTypeConfiguration<CallbackMark>
{
    public void Configure(EntityTypeBuilder<CallbackMark> e)
    {
        e.ToTable("callbacks");
        e.HasKey(x => x.Id);
        e.Property(x => x.Line).HasMaxLength(6);
        e.Property(x => x.DoneBy).HasMaxLength(128);
        e.Property(x => x.Note).HasMaxLength(CallbackRules.MaxNote);
        e.HasIndex(x => new { x.EnterpriseId, x.MissedCallId }).IsUnique();
        e.HasIndex(x => x.MissedAt);
        e.Ignore(x => x.CalledBackAt);
        e.BelongsToEnterprise();
    }
}

internal sealed class CallbackDayFiguresConfiguration : IEntityTypeConfiguration<CallbackDayFigures>
{
    public void Configure(EntityTypeBuilder<CallbackDayFigures> e)
    {
        e.ToTable("rollup_callbacks");
        e.HasKey(x => new { x.EnterpriseId, x.Line, x.Day });
        e.Property(x => x.Line).HasMaxLength(6);
        e.BelongsToEnterprise();
    }
}

public static class CallbackRules
{
    public const int MaxNote = 500;
}
