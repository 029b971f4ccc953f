using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Licensing.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Licensing.Maintenance;

/// <summary>
/// The licence calendar as iCalendar (RFC 5545) for the compliance officer's calendar application: every open
/// duty and every application step still due, as all-day events with alarms at the reminder lead times.
/// Calendar applications cannot log in, so the feed is read with a secret token (stored hashed).
/// </summary>
public sealed class LicenceCalendarFeed(Hotline95DbContext db, LicenceTasks tasks, ApplicationsHandler applications, IOptions<LicensingOptions> options, AuditLog audit, IPhraseWriter text, TimeProvider clock)
{
    public async Task<string> IssueTokenAsync(Guid enterpriseId, string actor, CancellationToken ct = default)
    {
        var token = SecretGenerator.UrlSafeToken(32);
        var feed = await db.CalendarFeeds.SingleOrDefaultAsync(f => f.EnterpriseId == enterpriseId, ct);
        if (feed is null)
        {
            db.CalendarFeeds.Add(new CalendarFeed { EnterpriseId = enterpriseId, TokenHash = Hash(token), CreatedAt = clock.GetUtcNow() });
        }
        else
        {
            // A new token revokes the old one: that is how a leaked feed address is shut.
            feed.TokenHash = Hash(token);
            feed.CreatedAt = clock.GetUtcNow();
        }

        await audit.SaveAndAppendAsync(db, enterpriseId, actor, AuditActions.CalendarFeedTokenIssued, "licence-calendar", "", ct);
        return token;
    }

    public async Task<Guid?> EnterpriseForTokenAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return null;
        }

        var hash = Hash(token);
        return await db.CalendarFeeds.Where(f => f.TokenHash == hash).Select(f => (Guid?)f.EnterpriseId).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// The feed, its words in both languages (a calendar application sends no language): written by the host's catalog
    /// (<see cref="IPhraseWriter"/>), as text the product sends out itself.
    /// </summary>
    public async Task<string> RenderAsync(Guid enterpriseId, CancellationToken ct = default)
    {
        var estimated = text.Both(Phrase.Of("licence.calendar.estimated"));
        var authorityLimit = text.Both(Phrase.Of("licence.calendar.authorityLimit"));
        var applicantDeadline = text.Both(Phrase.Of("licence.calendar.applicantDeadline"));
        var events = new List<(string Uid, DateOnly Day, string Summary, string? Description)>();
        foreach (var task in await tasks.ListAsync(enterpriseId, includeDone: false, ct))
        {
            events.Add(($"task-{task.Id}", task.DueOn, text.Both(task.Title),
                Join(task.Detail is null ? null : text.Both(task.Detail), task.DueEstimated ? estimated : null)));
        }

        foreach (var view in await applications.ViewsAsync(enterpriseId, ct))
        {
            foreach (var step in view.Steps.Where(s => s.DoneOn is null && s.DueOn is not null))
            {
                events.Add(($"application-{view.Id}-{step.Key}", step.DueOn!.Value,
                    text.Both(Phrase.Of("licence.calendar.step", ("step", new Bilingual(step.TitleZh, step.TitleEn)), ("dossier", view.Dossier))),
                    Join(step.Who == "authority" ? authorityLimit : applicantDeadline, step.DueEstimated ? estimated : null, step.Note is null ? null : text.Both(step.Note))));
            }
        }

        return Ics(events, options.Value.ReminderLeadDays, clock.GetUtcNow());
    }

    private static string? Join(params string?[] parts)
    {
        var kept = parts.Where(p => !string.IsNullOrEmpty(p)).ToList();
        return kept.Count == 0 ? null : string.Join(" · ", kept);
    }

    public static string Ics(IEnumerable<(string Uid, DateOnly Day, string Summary, string? Description)> events, IReadOnlyList<int> leadDays, DateTimeOffset now)
    {
        var ics = new StringBuilder();
        void Line(string text) => ics.Append(Fold(text)).Append("\r\n");
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//Hotline95//Licence calendar//ZH");
        Line("CALSCALE:GREGORIAN");
        Line("X-WR-CALNAME:95码号合规日历 Hotline95 licence calendar");
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        foreach (var (uid, day, summary, description) in events.OrderBy(e => e.Day))
        {
            Line("BEGIN:VEVENT");
            Line($"UID:{uid}@hotline95");
            Line($"DTSTAMP:{stamp}");
            Line($"DTSTART;VALUE=DATE:{day:yyyyMMdd}");
            Line($"DTEND;VALUE=DATE:{day.AddDays(1):yyyyMMdd}");
            Line($"SUMMARY:{Escape(summary)}");
            if (description is not null)
            {
                Line($"DESCRIPTION:{Escape(description)}");
            }

            foreach (var lead in leadDays.Distinct().Order())
            {
                Line("BEGIN:VALARM");
                Line("ACTION:DISPLAY");
                Line($"DESCRIPTION:{Escape(summary)}");
                Line($"TRIGGER:-P{lead}D");
                Line("END:VALARM");
            }

            Line("END:VEVENT");
        }

        Line("END:VCALENDAR");
        return ics.ToString();
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>RFC 5545 §3.1: lines longer than 75 octets are folded, never inside a UTF-8 character.</summary>
    public static string Fold(string line)
    {
        var result = new StringBuilder();
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                result.Append("\r\n ");
                octets = 0;
                limit = 74; // the continuation's leading space counts
            }

            result.Append(rune.ToString());
            octets += size;
        }

        return result.ToString();
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
