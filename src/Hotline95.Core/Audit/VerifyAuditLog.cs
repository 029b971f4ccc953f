using Hotline95.Core.Data;
using Hotline95.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Audit;

public sealed record AuditVerification(bool Intact, long EntriesChecked, long? FirstBadSequence, string? Problem, int AnchorsChecked = 0)
{
    public string Describe() => Intact
        ? $"Audit log intact: {EntriesChecked} entries verified, {AnchorsChecked} anchor(s) held. / 审计日志完整，共校验 {EntriesChecked} 条，锚点 {AnchorsChecked} 个。"
        : $"Audit log BROKEN at entry #{FirstBadSequence}: {Problem} / 审计日志在第 {FirstBadSequence} 条处被篡改。";
}

/// <summary>
/// Walks the chain from the first entry, checking each link's HMAC under the audit key of its segment, then checks every
/// anchor written outside the database: an anchored entry must still be there with the anchored MAC, so removing entries
/// up to the newest anchor, even with a recomputed chain, is reported.
/// </summary>
public sealed class VerifyAuditLogHandler(Hotline95DbContext db, KeyRing ring, AuditAnchors anchors)
{
    private const int PageSize = 5_000;

    public async Task<AuditVerification> HandleAsync(CancellationToken ct = default)
    {
        var keys = await ring.AuditKeysAsync(ct);
        var expectedSequence = 1L;
        var previousHash = AuditChain.GenesisHash;
        var checkedCount = 0L;
        var hashes = new Dictionary<long, string>();
        var anchored = anchors.Read();
        var wanted = anchored.Where(a => a.Anchor is not null).Select(a => a.Anchor!.Sequence).ToHashSet();
        while (true)
        {
            var from = expectedSequence;
            var page = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Sequence >= from)
                .OrderBy(e => e.Sequence)
                .Take(PageSize)
                .ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }

            if (keys.Count == 0)
            {
                return new AuditVerification(false, checkedCount, page[0].Sequence, "the log has entries but no audit key: the key table was emptied");
            }

            foreach (var entry in page)
            {
                if (entry.Sequence != expectedSequence)
                {
                    return new AuditVerification(false, checkedCount, expectedSequence,
                        $"entry #{expectedSequence} is missing (next present is #{entry.Sequence})");
                }

                if (entry.PreviousHash != previousHash)
                {
                    return new AuditVerification(false, checkedCount, entry.Sequence,
                        "its link to the previous entry does not match (an entry before it was removed, replaced or reordered)");
                }

                var key = keys.Last(k => k.FromSequence <= entry.Sequence).Key;
                if (AuditChain.Compute(key, entry) != entry.Hash)
                {
                    return new AuditVerification(false, checkedCount, entry.Sequence,
                        $"its content does not match its MAC (altered, or the chain recomputed without the audit key: {entry.Action} by {entry.Actor})");
                }

                if (entry.Action == AuditLog.ChainKeyed && entry.Details.Contains("legacy=broken", StringComparison.Ordinal))
                {
                    return new AuditVerification(false, checkedCount, entry.Sequence,
                        $"the chain written before the audit key was already broken when it was keyed ({entry.Details})");
                }

                if (wanted.Contains(entry.Sequence))
                {
                    hashes[entry.Sequence] = entry.Hash;
                }

                previousHash = entry.Hash;
                expectedSequence++;
                checkedCount++;
            }
        }

        // A restore starts a new segment: anchors the old installation wrote after the backup's head speak of entries
        // that were never restored, and are passed over.
        var restore = await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.BackupRestored)
            .OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.At }).FirstOrDefaultAsync(ct);
        var last = expectedSequence - 1;
        foreach (var (line, anchor) in anchored)
        {
            if (anchor is null)
            {
                return new AuditVerification(false, checkedCount, null, $"anchor file {anchors.File} line {line} is unreadable");
            }

            if (restore is not null && anchor.At < restore.At && anchor.Sequence >= restore.Sequence)
            {
                continue;
            }

            if (anchor.Sequence > last)
            {
                return new AuditVerification(false, checkedCount, last + 1,
                    $"entries up to #{anchor.Sequence} were anchored on {anchor.At:yyyy-MM-dd HH:mm} UTC, but the log ends at #{last}: entries were removed");
            }

            if (!hashes.TryGetValue(anchor.Sequence, out var hash) || hash != anchor.Hash)
            {
                return new AuditVerification(false, checkedCount, anchor.Sequence,
                    $"entry #{anchor.Sequence} is not the one anchored on {anchor.At:yyyy-MM-dd HH:mm} UTC: the chain was rewritten");
            }
        }

        return new AuditVerification(true, checkedCount, null, null, anchored.Count);
    }
}
