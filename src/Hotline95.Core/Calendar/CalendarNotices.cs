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
/// this process's calendar up to date with the database, and then recomputes every open deadline that depended on an
/// estimate: its estimated mark is cleared, a deadline that moves earlier is told to the Supervisors of its enterprise,
/// and every change is audited.
/// </summary>
public sealed class CalendarNotices(
    Hotline95DbContext db, WorkdayCalendar calendar, IEnumerable<IDeadlineRecomputer> recomputers, Notify notify, AuditLog audit,
    IOptions<CalendarOptions> options, TimeProvider clock, ILogger<CalendarNotices> log)
{
    public const string FolderActor = "system:calendar-folder";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> Refused = new();

    /// <summary>Validates and stores a notice file (holiday-cn JSON), then syncs the calendar.</summary>
    public async Task<Result<NoticeLoaded>> LoadAsync(byte[] json, string source, string actor, CancellationToken ct = default)
    {
        var parsed = NoticeValidation.Validate(json, source, calendar.LastYear);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        var notice = parsed.Value;
        var sha = Convert.ToHexStringLower(SHA256.HashData(json));
        var stored = await db.HolidayNotices.SingleOrDefaultAsync(n => n.Year == notice.Year, ct);
        if (stored is not null && stored.Sha256 == sha)
        {
            var unchanged = await SyncAsync(ct);
            return new NoticeLoaded(notice.Year, NoticeLoadStatus.Unchanged, notice.Days.Count, unchanged.Recomputed);
        }

        var status = stored is null ? NoticeLoadStatus.Loaded : NoticeLoadStatus.Replaced;
        var text = System.Text.Encoding.UTF8.GetString(json);
        if (stored is null)
        {
            db.HolidayNotices.Add(new StoredHolidayNotice
            {
                Year = notice.Year, Json = text, Sha256 = sha, Source = Text.Clip(source, 500), LoadedAt = clock.GetUtcNow(), LoadedBy = Text.Clip(actor, 128),
            });
        }
        else
        {
            stored.Json = text;
            stored.Sha256 = sha;
            stored.Source = Text.Clip(source, 500);
            stored.LoadedAt = clock.GetUtcNow();
            stored.LoadedBy = Text.Clip(actor, 128);
        }

        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(Guid.Empty, actor, AuditActions.CalendarNoticeLoaded, $"calendar:{notice.Year}",
            $"status={status} days={notice.Days.Count} sha256={sha} source={Text.Clip(source, 200)}", ct);
        var synced = await SyncAsync(ct);
        return new NoticeLoaded(notice.Year, status, notice.Days.Count, synced.Recomputed);
    }

    /// <summary>
    /// Loads the calendar folder's notice files that are new or changed (a malformed file is logged and left alone),
    /// then syncs. Run by the server at start and every <see cref="CalendarOptions.PickUpEvery"/>.
    /// </summary>
    public async Task<CalendarSynced> PickUpAsync(CancellationToken ct = default)
    {
        var directory = options.Value.Directory;
        if (!string.IsNullOrEmpty(directory) && Directory.Exists(directory))
        {
            var known = await db.HolidayNotices.AsNoTracking().ToDictionaryAsync(n => n.Year, n => n.Sha256, ct);
            foreach (var (file, bytes) in HolidayNoticeSource.FolderFiles(directory))
            {
                var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
                if (known.ContainsValue(sha) || Refused.ContainsKey(sha))
                {
                    continue;
                }

                var loaded = await LoadAsync(bytes, file, FolderActor, ct);
                if (!loaded.IsSuccess)
                {
                    Refused.TryAdd(sha, 0); // said once per file content, not every minute
                    log.LogError("Calendar folder: {File} was not loaded: {Message}", file, loaded.Error.Message);
                }
                else
                {
                    log.LogInformation("Calendar folder: loaded the {Year} notice from {File}", loaded.Value.Year, file);
                }
            }
        }

        return await SyncAsync(ct);
    }

    /// <summary>Brings this process's calendar up to date with the notices in the database, then recomputes estimated deadlines.</summary>
    public async Task<CalendarSynced> SyncAsync(CancellationToken ct = default)
    {
        var stored = await db.HolidayNotices.AsNoTracking().OrderBy(n => n.Year).ToListAsync(ct);
        var version = string.Join(",", stored.Select(n => $"{n.Year}:{n.Sha256}"));
        if (version == calendar.Version)
        {
            return new CalendarSynced(false, []);
        }

        var embedded = HolidayNoticeSource.Shipped(options.Value).ToList();
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

        calendar.Replace(embedded.Concat(loaded), embedded.Where(n => n.IsPublished).Select(n => n.Year).Except(loaded.Select(n => n.Year)), version);
        return new CalendarSynced(true, await RecomputeAsync(ct));
    }

    private async Task<IReadOnlyList<MovedDeadline>> RecomputeAsync(CancellationToken ct)
    {
        var moved = new List<MovedDeadline>();
        foreach (var recomputer in recomputers)
        {
            moved.AddRange(await recomputer.RecomputeAsync(ct));
        }

        foreach (var m in moved)
        {
            var details = $"old={ChinaTime.ToChina(m.Old):O} new={ChinaTime.ToChina(m.New):O} estimated={(m.StillEstimated ? "yes" : "no")}";
            if (m.New < m.Old)
            {
                notify.Role(m.EnterpriseId, Role.Supervisor, "deadline.earlier",
                    $"{m.Item} 的期限因节假日安排更新而提前：{ChinaTime.ToChina(m.Old):yyyy-MM-dd HH:mm} → {ChinaTime.ToChina(m.New):yyyy-MM-dd HH:mm} / " +
                    $"{m.Item}: the holiday notice moved its deadline earlier, {ChinaTime.ToChina(m.Old):yyyy-MM-dd HH:mm} → {ChinaTime.ToChina(m.New):yyyy-MM-dd HH:mm}",
                    LinkOf(m.Item));
            }

            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(m.EnterpriseId, "system:calendar", AuditActions.DeadlineRecomputed, m.Item, details, ct);
        }

        return moved;
    }

    private static string? LinkOf(string item) => item.Split(':')[0] switch
    {
        "complaint" => $"/complaints#{item.Split(':')[1]}",
        "licence-task" => "/licence",
        _ => null,
    };
}
