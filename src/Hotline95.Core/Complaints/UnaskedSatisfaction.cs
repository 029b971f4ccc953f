using System.Globalization;
using System.Text.RegularExpressions;
using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Complaints;

/// <summary>
/// How a resolution's satisfaction is written in its audit entry. Since this release: <c>satisfaction=4/5</c> or
/// <c>satisfaction=not-rated</c>. Before it: <c>satisfaction=4</c> or <c>satisfaction=-</c>; the web page of that time
/// sent 5 on every resolution without asking the caller, so an entry of the old form with 5, written by a signed-in
/// user (not an API key, not the system), is a value nobody gave (see docs/release-notes.md).
/// </summary>
public static partial class SatisfactionRecord
{
    public const string NotRated = "not-rated";

    public static string Format(int? satisfaction) =>
        $"satisfaction={(satisfaction is { } s ? $"{s.ToString(CultureInfo.InvariantCulture)}/5" : NotRated)}";

    /// <summary>The satisfaction an audit entry's details record (null: not rated), and whether they are of the old form.</summary>
    public static (int? Value, bool OldForm)? Parse(string details)
    {
        var match = Pattern().Match(details);
        if (!match.Success)
        {
            return null;
        }

        int? value = match.Groups["n"].Success ? int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture) : null;
        var oldForm = match.Groups["n"].Success ? !match.Groups["scale"].Success : match.Groups["none"].Value == "-";
        return (value, oldForm);
    }

    /// <summary>A resolution made through the old web page, which recorded 5 without asking.</summary>
    public static bool IsUnasked(AuditEntry entry) =>
        entry.Action == AuditActions.ComplaintResolved
        && !entry.Actor.StartsWith("apikey:", StringComparison.Ordinal) && !entry.Actor.StartsWith("system:", StringComparison.Ordinal)
        && Parse(entry.Details) is { Value: 5, OldForm: true };

    [GeneratedRegex(@"satisfaction=(?:(?<n>[0-9]+)(?<scale>/5)?|(?<none>-|not-rated))(?:\s|$)")]
    private static partial Regex Pattern();
}

/// <summary>A complaint whose satisfaction 5 was recorded by the old page without asking.</summary>
public sealed record UnaskedSatisfactionEntry(long ComplaintId, string Line, DateTimeOffset ResolvedAt, string ResolvedBy, int? SatisfactionNow);

/// <summary>
/// Finds the complaints resolved through the old page with satisfaction 5 recorded unasked (from their audit entries),
/// and clears such a value when someone says so, by id and with a reason, each clearing audited. Nothing is changed
/// unless asked: the stored values stay as they are until then.
/// </summary>
public sealed class UnaskedSatisfactionHandler(Hotline95DbContext db, AuditLog audit)
{
    public async Task<IReadOnlyList<UnaskedSatisfactionEntry>> ListAsync(Guid enterpriseId, CancellationToken ct = default)
    {
        var resolutions = await db.AuditEntries.AsNoTracking()
            .Where(e => e.EnterpriseId == enterpriseId && e.Action == AuditActions.ComplaintResolved && e.Details.Contains("satisfaction=5"))
            .OrderBy(e => e.Sequence).ToListAsync(ct);
        var unasked = resolutions.Where(SatisfactionRecord.IsUnasked).ToList();
        var ids = unasked.Select(e => ComplaintId(e.Target)).OfType<long>().ToList();
        var held = await db.Complaints.AsNoTracking().Where(c => c.EnterpriseId == enterpriseId && ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Line, c.Satisfaction }).ToDictionaryAsync(c => c.Id, ct);
        var entries = new List<UnaskedSatisfactionEntry>();
        foreach (var e in unasked)
        {
            // A complaint purged since (past its keeping period) has no value left to correct.
            if (ComplaintId(e.Target) is { } id && held.TryGetValue(id, out var c))
            {
                entries.Add(new UnaskedSatisfactionEntry(c.Id, c.Line, ChinaTime.ToChina(e.At), e.Actor, c.Satisfaction));
            }
        }

        return entries;
    }

    /// <summary>
    /// Sets the satisfaction of the given complaints to not rated. Each must be on <see cref="ListAsync"/>'s list and still
    /// hold 5; otherwise nothing is changed and the first refused id is named.
    /// </summary>
    public async Task<Result<IReadOnlyList<long>>> ClearAsync(Guid enterpriseId, IReadOnlyList<long> ids, string? reason, string actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Error.Validation("reason", "CLEAR_REASON_REQUIRED");
        }

        if (ids.Count == 0)
        {
            return Error.Validation("ids", "COMPLAINT_IDS_REQUIRED");
        }

        var listed = (await ListAsync(enterpriseId, ct)).Where(e => e.SatisfactionNow == 5).Select(e => e.ComplaintId).ToHashSet();
        if (ids.Where(id => !listed.Contains(id)).Select(id => (long?)id).FirstOrDefault() is { } refused)
        {
            return Error.Validation("ids", "SATISFACTION_NOT_UNASKED", ("id", refused));
        }

        var complaints = await db.Complaints.Where(c => c.EnterpriseId == enterpriseId && ids.Contains(c.Id)).ToListAsync(ct);
        foreach (var complaint in complaints)
        {
            complaint.Satisfaction = null;
        }

        await db.Database.InTransactionAsync(async () =>
        {
            await db.SaveChangesAsync(ct);
            foreach (var complaint in complaints)
            {
                await audit.AppendAsync(enterpriseId, actor, AuditActions.ComplaintSatisfactionCleared, $"complaint:{complaint.Id}",
                    $"satisfaction 5 recorded unasked by the old page cleared to {SatisfactionRecord.NotRated}; reason: {reason.Trim()}", ct);
            }
        }, ct);

        return complaints.Select(c => c.Id).Order().ToList();
    }

    private static long? ComplaintId(string target) =>
        target.StartsWith("complaint:", StringComparison.Ordinal) && long.TryParse(target["complaint:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
