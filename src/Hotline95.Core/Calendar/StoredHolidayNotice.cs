using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline95.Core.Calendar;

/// <summary>
/// A State Council notice loaded into this installation (installation-wide, not a tenant's): kept in the database so
/// every server node answers from it, replacing the embedded notice of the same year.
/// </summary>
public sealed class StoredHolidayNotice
{
    public int Year { get; init; }
    /// <summary>The file as loaded (holiday-cn JSON).</summary>
    public required string Json { get; set; }
    public required string Sha256 { get; set; }
    /// <summary>Where it came from: the file's path.</summary>
    public required string Source { get; set; }
    public DateTimeOffset LoadedAt { get; set; }
    public required string LoadedBy { get; set; }
}

internal sealed class StoredHolidayNoticeConfiguration : IEntityTypeConfiguration<StoredHolidayNotice>
{
    public void Configure(EntityTypeBuilder<StoredHolidayNotice> e)
    {
        e.ToTable("holiday_notices");
        e.HasKey(x => x.Year);
        e.Property(x => x.Year).ValueGeneratedNever();
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.Source).HasMaxLength(500);
        e.Property(x => x.LoadedBy).HasMaxLength(128);
    }
}

/// <summary>
/// A feature whose stored deadlines depend on the calendar: after a notice is loaded it says which open deadlines now
/// count differently (those marked estimated, or every open one when a notice was replaced). Each feature registers
/// its own; <see cref="CalendarNotices"/> applies each change with its notice and audit entry in one transaction.
/// </summary>
public interface IDeadlineRecomputer
{
    Task<IReadOnlyList<DeadlineChange>> ChangesAsync(bool allOpen, CancellationToken ct);
}

/// <summary>
/// One deadline to move: the item, its old and new due time, whether it is still estimated, and how to store it.
/// <paramref name="ApplyAsync"/> updates the row only if it still holds <paramref name="Old"/> (false: another node did).
/// </summary>
public sealed record DeadlineChange(Guid EnterpriseId, string Item, DateTimeOffset Old, DateTimeOffset New, bool StillEstimated, Func<CancellationToken, Task<bool>> ApplyAsync);

/// <summary>A deadline that was moved (or lost its estimated mark).</summary>
public sealed record MovedDeadline(Guid EnterpriseId, string Item, DateTimeOffset Old, DateTimeOffset New, bool StillEstimated);
