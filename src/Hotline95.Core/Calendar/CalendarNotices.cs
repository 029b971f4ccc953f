using System.Collections.Concurrent;
using System.Security.Cryptography;
using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Identity;
using Hotline95.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Calendar;

public enum NoticeLoadStatus
{
    /// <summary>A year that had no loaded notice.</summary>
    Loaded,
    /// <summary>A different notice of a year that had one.</summary>
    Replaced,
    /// <summary>The same bytes were loaded already.</summary>
    Unchanged,
}

public sealed record NoticeLoaded(int Year, NoticeLoadStatus Status, int Days, IReadOnlyList<MovedDeadline> Recomputed);

public sealed record CalendarSynced(bool Changed, IReadOnlyList<MovedDeadline> Recomputed);

/// <summary>
/// Loads State Council notices into the installation (validated, audited, kept in the database for every node), brings
/// this process's calendar up to date with the database, and then recomputes the open deadlines that depended on an
/// estimate (every open deadline when a notice was replaced). Each change is stored with its audit entry, and for a
/// deadline that moves earlier a notice to the Supervisors of its enterprise, in one transaction; a recomputation that
/// fails is tried again at the next sync.
/// </summary>
public sealed class CalendarNotices(
    Hotline95DbContext db, WorkdayCalendar calendar, IEnumerable<IDeadlineRecomputer> recomputers, Notify notify, AuditLog audit,
    CalendarFolderMemory refused, IOptions<CalendarOptions> options, TimeProvider clock, ILogger<CalendarNotices> log)
{
    public const string FolderActor = "system:calendar-folder";

    /// <summary>Validates and stores a notice file (holiday-cn JSON), then syncs the calendar.</summary>
    public async Task<Result<NoticeLoaded>> LoadAsync(byte[] json, string source, string actor, CancellationToken ct = default)
    {
        var parsed = NoticeValidation.Validate(json, source, calendar.LastYear);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        var notice = parsed.Value;
        var sha = Sha(json);
        var stored = await db.HolidayNotices.SingleOrDefaultAsync(n => n.Year == notice.Year, ct);
        if (stored is not null && stored.Sha256 == sha)
        {
            var unchanged = await SyncAsync(ct);
            return new NoticeLoaded(notice.Year, NoticeLoadStatus.Unchanged, notice.Days.Count, unchanged.Recomputed);
        }

        var status = stored is null ? NoticeLoadStatus.Loaded : NoticeLoadStatus.Replaced;
        stored ??= db.HolidayNotices.Add(new StoredHolidayNotice { Year = notice.Year, Json = "", Sha256 = "", Source = "", LoadedBy = "" }).Entity;
        stored.Json = System.Text.Encoding.UTF8.GetString(json);
        stored.Sha256 = sha;
        stored.Source = Text.Clip(source, 500);
        stored.LoadedAt = clock.GetUtcNow();
        stored.LoadedBy = Text.Clip(actor, 128);
        try
        {
            await audit.SaveAndAppendAsync(db, Guid.Empty, actor, AuditActions.CalendarNoticeLoaded, $"calendar:{notice.Year}",
                $"status={status} days={notice.Days.Count} sha256={sha} source={Text.Clip(source, 200)}", ct);
        }
        catch (DbUpdateException ex) when (status == NoticeLoadStatus.Loaded && ex.IsUniqueViolation() && ex.Entries.Any(e => e.Entity is StoredHolidayNotice))
        {
            // Another node loaded this year at the same moment: its notice stands, and this one is said to be unchanged.
            db.ChangeTracker.Clear();
            var raced = await SyncAsync(ct);
            return new NoticeLoaded(notice.Year, NoticeLoadStatus.Unchanged, notice.Days.Count, raced.Recomputed);
        }

        var synced = await SyncAsync(ct);
        return new NoticeLoaded(notice.Year, status, notice.Days.Count, synced.Recomputed);
    }

    /// <summary>
    /// Loads the calendar folder's notices that are new, then syncs. A file is loaded only when it is the folder's one
    /// file for its year and was written after the year's stored notice was loaded, so a notice loaded later with
    /// <c>calendar load</c> is not overwritten by an older file. Run by the server at start and every
    /// <see cref="CalendarOptions.PickUpEvery"/>.
    /// </summary>
    public async Task<CalendarSynced> PickUpAsync(CancellationToken ct = default)
    {
        var stored = await db.HolidayNotices.AsNoTracking().ToDictionaryAsync(n => n.Year, n => (n.Sha256, n.LoadedAt), ct);
        var candidates = new List<(string Path, byte[] Bytes, string Sha, int Year)>();
        foreach (var (path, bytes) in HolidayNoticeSource.FolderFiles(options.Value.Directory))
        {
            var sha = Sha(bytes);
            if (stored.Values.Any(s => s.Sha256 == sha) || refused.Contains(sha))
            {
                continue;
            }

            var valid = NoticeValidation.Validate(bytes, path, calendar.LastYear);
            if (!valid.IsSuccess)
            {
                refused.Remember(sha);
                log.LogError("Calendar folder: {Message}", valid.Error.Message);
                continue;
            }

            candidates.Add((path, bytes, sha, valid.Value.Year));
        }

        foreach (var year in candidates.GroupBy(c => c.Year))
        {
            if (year.Count() > 1)
            {
                if (refused.Remember(string.Join("+", year.Select(f => f.Sha).Order(StringComparer.Ordinal))))
                {
                    log.LogError("Calendar folder: {Count} files hold a {Year} notice ({Files}); none is loaded until one remains.",
                        year.Count(), year.Key, string.Join(", ", year.Select(f => Path.GetFileName(f.Path))));
                }

                continue;
            }

            var (path, bytes, sha, _) = year.Single();
            if (stored.TryGetValue(year.Key, out var current) && File.GetLastWriteTimeUtc(path) <= current.LoadedAt.UtcDateTime)
            {
                continue; // the stored notice was loaded after this file was written
            }

            var loaded = await LoadAsync(bytes, path, FolderActor, ct);
            if (loaded.IsSuccess)
            {
                log.LogInformation("Calendar folder: loaded the {Year} notice from {File}", loaded.Value.Year, path);
            }
            else if (refused.Remember(sha))
            {
                log.LogError("Calendar folder: {File} was not loaded: {Message}", path, loaded.Error.Message);
            }
        }

        return await SyncAsync(ct);
    }

    /// <summary>
    /// Brings this process's calendar up to date with the notices in the database, without recomputing deadlines: a node
    /// that does not run the jobs, whose calendar only follows (the node running them, or the one loading a notice, recomputes).
    /// True when the calendar changed.
    /// </summary>
    public async Task<bool> FollowAsync(CancellationToken ct = default) => (await RefreshAsync(ct)).Changed;

    /// <summary>Brings this process's calendar up to date with the notices in the database, then recomputes the deadlines that depended on it.</summary>
    public async Task<CalendarSynced> SyncAsync(CancellationToken ct = default)
    {
        var (changed, version) = await RefreshAsync(ct);
        if (calendar.RecomputedFor == version)
        {
            return new CalendarSynced(changed, []);
        }

        // A year whose notice was replaced may have moved deadlines that were not estimated: count every open one again.
        var before = Years(calendar.RecomputedFor);
        var replaced = Years(version).Any(y => before.TryGetValue(y.Key, out var sha) && sha != y.Value);
        var moved = await RecomputeAsync(allOpen: replaced, ct);
        calendar.RecomputedFor = version;
        return new CalendarSynced(changed, moved);
    }

    /// <summary>Replaces this process's calendar when the database's notices differ from those it was built from.</summary>
    private async Task<(bool Changed, string Version)> RefreshAsync(CancellationToken ct)
    {
        var stored = await db.HolidayNotices.AsNoTracking().OrderBy(n => n.Year).ToListAsync(ct);
        var version = string.Join(",", stored.Select(n => $"{n.Year}:{n.Sha256}"));
        var changed = version != calendar.Version;
        if (changed)
        {
            var shipped = HolidayNoticeSource.Shipped(options.Value).ToList();
            var loaded = new List<HolidayNotice>();
            foreach (var row in stored)
            {
                try
                {
                    loaded.Add(HolidayNotice.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(row.Json)), $"holiday_notices[{row.Year}]"));
                }
                catch (InvalidDataException ex)
                {
                    log.LogError("Stored holiday notice {Year} is unreadable and is ignored: {Message}", row.Year, ex.Message);
                }
            }

            calendar.Replace(shipped.Concat(loaded), shipped.Where(n => n.IsPublished).Select(n => n.Year).Except(loaded.Select(n => n.Year)), version);
        }

        return (changed, version);
    }

    private async Task<IReadOnlyList<MovedDeadline>> RecomputeAsync(bool allOpen, CancellationToken ct)
    {
        var moved = new List<MovedDeadline>();
        foreach (var recomputer in recomputers)
        {
            foreach (var change in await recomputer.ChangesAsync(allOpen, ct))
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                if (!await change.ApplyAsync(ct))
                {
                    continue; // another node moved it already (and said so)
                }

                if (change.New < change.Old)
                {
                    notify.Role(change.EnterpriseId, Role.Supervisor, NoticeKinds.DeadlineEarlier, LinkOf(change.Item), null,
                        ("item", change.Item), ("from", change.Old), ("to", change.New));
                    await db.SaveChangesAsync(ct);
                }

                await audit.AppendAsync(change.EnterpriseId, "system:calendar", AuditActions.DeadlineRecomputed, change.Item,
                    $"old={ChinaTime.ToChina(change.Old):O} new={ChinaTime.ToChina(change.New):O} estimated={(change.StillEstimated ? "yes" : "no")}", ct);
                await tx.CommitAsync(ct);
                moved.Add(new MovedDeadline(change.EnterpriseId, change.Item, change.Old, change.New, change.StillEstimated));
            }
        }

        return moved;
    }

    private static Dictionary<int, string> Years(string? version) =>
        string.IsNullOrEmpty(version)
            ? []
            : version.Split(',').Select(p => p.Split(':')).ToDictionary(p => int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), p => p[1]);

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string? LinkOf(string item) => item.Split(':')[0] switch
    {
        "complaint" => $"/complaints/{item.Split(':')[1]}",
        "licence-task" => "/licence",
        _ => null,
    };
}

/// <summary>The calendar folder's files this server refused, so each is refused (and logged) once, not every minute.</summary>
public sealed class CalendarFolderMemory
{
    private readonly ConcurrentDictionary<string, byte> _refused = new();

    public bool Contains(string key) => _refused.ContainsKey(key);

    /// <summary>True the first time <paramref name="key"/> is remembered.</summary>
    public bool Remember(string key) => _refused.TryAdd(key, 0);
}
