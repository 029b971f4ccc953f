using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Audit;

public sealed record AuditVerification(bool Intact, long EntriesChecked, long? FirstBadSequence, string? Problem)
{
    public string Describe() => Intact
        ? $"Audit log intact: {EntriesChecked} entries verified. / 审计日志完整，共校验 {EntriesChecked} 条。"
        : $"Audit log BROKEN at entry #{FirstBadSequence}: {Problem} / 审计日志在第 {FirstBadSequence} 条处被篡改。";
}

/// <summary>Walks the chain from the first entry; the first entry whose link or hash does not hold is reported.</summary>
public sealed class VerifyAuditLogHandler(Hotline95DbContext db)
{
    private const int PageSize = 5_000;

    public async Task<AuditVerification> HandleAsync(CancellationToken ct = default)
    {
        var expectedSequence = 1L;
        var previousHash = AuditChain.GenesisHash;
        var checkedCount = 0L;
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
                return new AuditVerification(true, checkedCount, null, null);
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

                if (AuditChain.Compute(entry) != entry.Hash)
                {
                    return new AuditVerification(false, checkedCount, entry.Sequence,
                        $"its content does not match its hash (altered: {entry.Action} by {entry.Actor})");
                }

                previousHash = entry.Hash;
                expectedSequence++;
                checkedCount++;
            }
        }
    }
}
