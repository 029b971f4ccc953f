using System.Globalization;
using Hotline95.Core.Audit;
using Hotline95.Core.Calls;
using Hotline95.Core.Common;
using Hotline95.Core.Complaints;
using Hotline95.Core.Data;
using Hotline95.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hotline95.Core.Retention;

/// <summary>What to purge: one enterprise (the web), or the whole installation (null: the nightly job and the operator's CLI).</summary>
public sealed record PurgeRequest(DateOnly? AsOf, bool DryRun, string Actor, Guid? EnterpriseId = null);

public sealed record EnterprisePurge(Guid EnterpriseId, int CallsDeleted, int RecordingsDeleted, int CallsKeptOnHold, IReadOnlyList<string> KeysDestroyed, int ComplaintsDeleted = 0, int TicketsDeleted = 0);

public sealed record PurgeResult(DateOnly AsOf, DateTimeOffset Cutoff, bool DryRun, IReadOnlyList<EnterprisePurge> Enterprises, IReadOnlyList<string> PartitionsDropped)
{
    public int CallsDeleted => Enterprises.Sum(e => e.CallsDeleted);
    public int RecordingsDeleted => Enterprises.Sum(e => e.RecordingsDeleted);
    public int CallsKeptOnHold => Enterprises.Sum(e => e.CallsKeptOnHold);
    public int ComplaintsDeleted => Enterprises.Sum(e => e.ComplaintsDeleted);
}

/// <summary>
/// Deletes, for good, calls and recordings past retention (except those on legal hold), then destroys each
/// month's data key once none of that month's records remain, and writes the evidence. The nightly job and
/// <c>hotline95 retention purge</c> both run this. On PostgreSQL a month partition with nothing held is dropped whole.
/// </summary>
public sealed class PurgeRetentionHandler(
    Hotline95DbContext db, RecordingsHandler recordings, KeyRing keys, AuditLog audit, TimeProvider clock, IOptions<RetentionOptions> options)
{
    public DateTimeOffset CutoffFor(DateOnly asOf) => ChinaTime.StartOfDay(asOf.AddMonths(-options.Value.CallRecordMonths));

    public async Task<Result<PurgeResult>> HandleAsync(PurgeRequest request, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var asOf = request.AsOf ?? today;
        if (asOf > today)
        {
            // Purging "as of" a future date would delete records still inside their retention period.
            return Error.Validation("asOf", "AS_OF_IN_FUTURE", ("asOf", asOf), ("today", today));
        }

        var cutoff = CutoffFor(asOf);
        var enterprises = request.EnterpriseId is { } only
            ? [only]
            : await db.Enterprises.AsNoTracking().Select(e => e.Id).ToListAsync(ct);
        var results = new List<EnterprisePurge>();
        var dropped = new List<string>();

        // PostgreSQL: whole months before the cutoff with no held call go in one DROP each (installation-wide runs only:
        // a partition holds every enterprise's calls of that month).
        var partitionCounts = request.DryRun || !db.Database.IsNpgsql() || request.EnterpriseId is not null
            ? new Dictionary<Guid, int>()
            : await DropExpiredPartitionsAsync(cutoff, dropped, ct);

        foreach (var enterpriseId in enterprises)
        {
            var expired = db.Calls.Where(c => c.EnterpriseId == enterpriseId && c.StartedAt < cutoff);
            var held = expired.Where(c => db.LegalHolds.Any(h => h.EnterpriseId == enterpriseId && h.CallId == c.Id && h.ReleasedAt == null));
            var deletable = expired.Where(c => !db.LegalHolds.Any(h => h.EnterpriseId == enterpriseId && h.CallId == c.Id && h.ReleasedAt == null));
            var heldCount = await held.CountAsync(ct);
            int callsDeleted, recordingsDeleted, queueStaysDeleted = 0;
            if (request.DryRun)
            {
                callsDeleted = await deletable.CountAsync(ct);
                recordingsDeleted = await db.Recordings.CountAsync(r => r.EnterpriseId == enterpriseId && deletable.Any(c => c.Id == r.CallId), ct);
            }
            else
            {
                var withRecordings = await db.Recordings.Where(r => r.EnterpriseId == enterpriseId && deletable.Any(c => c.Id == r.CallId))
                    .Select(r => r.CallId).Distinct().ToListAsync(ct);
                recordingsDeleted = await recordings.DeleteForCallsAsync(enterpriseId, withRecordings, ct);
                callsDeleted = await deletable.ExecuteDeleteAsync(ct) + partitionCounts.GetValueOrDefault(enterpriseId);
                recordingsDeleted += await DeleteOrphanRecordingsAsync(enterpriseId, ct);
                // Queue stays are call records too (the PBX's call ids, times, agents); their figures stay in the queue roll-ups.
                queueStaysDeleted = await db.QueueCalls.Where(q => q.EnterpriseId == enterpriseId && q.EnteredAt < cutoff).ExecuteDeleteAsync(ct);
                // Callback marks name calls: they go with them (held calls keep theirs); the counts stay in rollup_callbacks.
                await db.Callbacks.Where(m => m.EnterpriseId == enterpriseId && m.MissedAt < cutoff && !db.Calls.Any(c => c.Id == m.MissedCallId)).ExecuteDeleteAsync(ct);
            }

            var keysDestroyed = await ShredMonthsAsync(enterpriseId, cutoff, request.DryRun, request.Actor, ct);
            var (complaintsDeleted, ticketsDeleted, complaintKeys) = await PurgeComplaintRecordsAsync(enterpriseId, asOf, request.DryRun, request.Actor, ct);
            keysDestroyed = [.. keysDestroyed, .. complaintKeys.Select(m => $"{m} (complaints)")];
            results.Add(new EnterprisePurge(enterpriseId, callsDeleted, recordingsDeleted, heldCount, keysDestroyed, complaintsDeleted, ticketsDeleted));
            if (!request.DryRun)
            {
                db.PurgeRuns.Add(new PurgeRun
                {
                    EnterpriseId = enterpriseId,
                    RanAt = now,
                    Cutoff = cutoff,
                    CallsDeleted = callsDeleted,
                    RecordingsDeleted = recordingsDeleted,
                    CallsKeptOnHold = heldCount,
                    KeysDestroyed = string.Join(',', keysDestroyed),
                    RanBy = request.Actor,
                });
                await audit.SaveAndAppendAsync(db, enterpriseId, request.Actor, AuditActions.RetentionPurged, $"before {ChinaTime.ToChina(cutoff):yyyy-MM-dd}",
                    $"calls={callsDeleted} recordings={recordingsDeleted} queue-stays={queueStaysDeleted} held={heldCount} complaints={complaintsDeleted} tickets={ticketsDeleted} keys={string.Join(',', keysDestroyed)}", ct);
            }
        }

        return new PurgeResult(asOf, cutoff, request.DryRun, results, dropped);
    }

    /// <summary>
    /// Complaint records are kept at least Retention:ComplaintRecordMonths after they were closed; open ones
    /// are never purged. Then each complaints month key with nothing left is destroyed.
    /// </summary>
    private async Task<(int Complaints, int Tickets, IReadOnlyList<string> Keys)> PurgeComplaintRecordsAsync(Guid enterpriseId, DateOnly asOf, bool dryRun, string actor, CancellationToken ct)
    {
        var cutoff = ChinaTime.StartOfDay(asOf.AddMonths(-options.Value.ComplaintRecordMonths)).ToUniversalTime();
        var complaints = db.Complaints.Where(c => c.EnterpriseId == enterpriseId && c.ResolvedAt != null && c.ResolvedAt < cutoff);
        var tickets = db.Tickets.Where(t => t.EnterpriseId == enterpriseId && t.ClosedAt != null && t.ClosedAt < cutoff && !db.Complaints.Any(c => c.TicketId == t.Id));
        if (dryRun)
        {
            return (await complaints.CountAsync(ct), await tickets.CountAsync(ct), []);
        }

        // The filing's facts of each complaint outlive it (no personal data), written in the transaction that deletes it.
        var complaintCount = await db.Database.InTransactionAsync(async () =>
        {
            var now = clock.GetUtcNow();
            db.ComplaintFacts.AddRange(await complaints.Where(c => !db.ComplaintFacts.Any(f => f.Id == c.Id))
                .Select(c => new ComplaintFact
                {
                    Id = c.Id, EnterpriseId = c.EnterpriseId, Line = c.Line, Category = c.Category, ReceivedAt = c.ReceivedAt, RespondBy = c.RespondBy, ResolveBy = c.ResolveBy,
                    RespondedAt = c.RespondedAt, ResolvedAt = c.ResolvedAt, PurgedAt = now,
                }).ToListAsync(ct));
            await db.SaveChangesAsync(ct);
            return await complaints.ExecuteDeleteAsync(ct);
        }, ct);

        var closedTickets = await tickets.Select(t => t.Id).ToListAsync(ct);
        await db.TicketSteps.Where(s => s.EnterpriseId == enterpriseId && closedTickets.Contains(s.TicketId)).ExecuteDeleteAsync(ct);
        var ticketCount = await db.Tickets.Where(t => closedTickets.Contains(t.Id)).ExecuteDeleteAsync(ct);

        var destroyed = new List<string>();
        var keyRows = await db.DataKeys.Where(k => k.EnterpriseId == enterpriseId && k.Purpose == DataKeyPurpose.Complaints && k.WrappedKey != null).ToListAsync(ct);
        foreach (var (key, _, _) in WhollyBefore(keyRows, cutoff))
        {
            if (await KeyUsage.RecordsAsync(db, enterpriseId, DataKeyPurpose.Complaints, key.Month, ct) > 0)
            {
                continue;
            }

            destroyed.Add(key.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture));
            await DestroyAsync(key, actor, ct);
        }

        return (complaintCount, ticketCount, destroyed);
    }

    /// <summary>Destroys the key of every month wholly before the cutoff that no longer has a call (held calls keep theirs).</summary>
    private async Task<IReadOnlyList<string>> ShredMonthsAsync(Guid enterpriseId, DateTimeOffset cutoff, bool dryRun, string actor, CancellationToken ct)
    {
        var candidates = await db.DataKeys
            .Where(k => k.EnterpriseId == enterpriseId && k.Purpose == DataKeyPurpose.Calls && k.WrappedKey != null)
            .ToListAsync(ct);
        var destroyed = new List<string>();
        foreach (var (key, from, to) in WhollyBefore(candidates, cutoff))
        {
            // What stays in the month: everything (a real run has already deleted the rest), or only the held calls (a dry run).
            var remaining = db.Calls.Where(c => c.EnterpriseId == enterpriseId && c.StartedAt >= from && c.StartedAt < to);
            if (dryRun)
            {
                remaining = remaining.Where(c => db.LegalHolds.Any(h => h.EnterpriseId == enterpriseId && h.CallId == c.Id && h.ReleasedAt == null));
            }

            if (await remaining.AnyAsync(ct))
            {
                continue;
            }

            destroyed.Add(key.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture));
            if (dryRun)
            {
                continue;
            }

            await DestroyAsync(key, actor, ct);
        }

        return destroyed;
    }

    /// <summary>The keys whose whole month (Asia/Shanghai) lies before the cutoff, oldest first, with that month's UTC bounds.</summary>
    private static IEnumerable<(DataKey Key, DateTimeOffset From, DateTimeOffset To)> WhollyBefore(IEnumerable<DataKey> candidates, DateTimeOffset cutoff) =>
        candidates
            .Select(k =>
            {
                var (from, to) = KeyUsage.Bounds(k.Month);
                return (Key: k, From: from, To: to);
            })
            .Where(m => m.To <= cutoff)
            .OrderBy(m => m.Key.Month);

    /// <summary>Crypto-shredding: the wrapped key is erased, so every value sealed under it is unreadable from now on.</summary>
    private async Task DestroyAsync(DataKey key, string actor, CancellationToken ct)
    {
        // The key destroyed with the audit entry that records it, or neither (a node stopping or losing the lease here).
        key.WrappedKey = null;
        key.DestroyedAt = clock.GetUtcNow();
        await audit.SaveAndAppendAsync(db, key.EnterpriseId, actor, AuditActions.DataKeyDestroyed, $"data-key:{key.Id}", $"{key.Purpose} month={key.Month:yyyy-MM} (crypto-shredded)", ct);

        keys.Forget(key.Id);
    }

    /// <summary>Recordings whose call went with a dropped partition.</summary>
    private async Task<int> DeleteOrphanRecordingsAsync(Guid enterpriseId, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return 0;
        }

        var orphans = await db.Recordings.Where(r => r.EnterpriseId == enterpriseId && !db.Calls.Any(c => c.Id == r.CallId))
            .Select(r => r.CallId).Distinct().ToListAsync(ct);
        return await recordings.DeleteForCallsAsync(enterpriseId, orphans, ct);
    }

    private async Task<Dictionary<Guid, int>> DropExpiredPartitionsAsync(DateTimeOffset cutoff, List<string> dropped, CancellationToken ct)
    {
        var counts = new Dictionary<Guid, int>();
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var partitions = new List<(string Name, DateTime Upper)>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = """
                SELECT c.relname, pg_get_expr(c.relpartbound, c.oid)
                FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
                WHERE p.relname = 'calls'
                """;
            await using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var bound = reader.GetString(1);
                var upper = bound[(bound.LastIndexOf("TO ('", StringComparison.Ordinal) + 5)..].TrimEnd(')', '\'');
                if (DateTime.TryParse(upper, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var u))
                {
                    partitions.Add((reader.GetString(0), u));
                }
            }
        }

        foreach (var (name, upper) in partitions.Where(p => p.Upper <= cutoff.UtcDateTime).OrderBy(p => p.Upper))
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            await using var heldCheck = connection.CreateCommand();
            heldCheck.Transaction = tx;
            heldCheck.CommandText = $"""
                SELECT count(*) FROM {name} c JOIN legal_holds h ON h."CallId" = c."Id" AND h."EnterpriseId" = c."EnterpriseId" AND h."ReleasedAt" IS NULL
                """;
            if ((long)(await heldCheck.ExecuteScalarAsync(ct))! > 0)
            {
                continue; // rows-by-row delete keeps the held calls
            }

            await using (var count = connection.CreateCommand())
            {
                count.Transaction = tx;
                count.CommandText = $"SELECT \"EnterpriseId\", count(*) FROM {name} GROUP BY \"EnterpriseId\"";
                await using var reader = await count.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    counts[reader.GetGuid(0)] = counts.GetValueOrDefault(reader.GetGuid(0)) + (int)reader.GetInt64(1);
                }
            }

            await using var drop = connection.CreateCommand();
            drop.Transaction = tx;
            drop.CommandText = $"DROP TABLE {name}";
            await drop.ExecuteNonQueryAsync(ct);
            await tx.CommitAsync(ct);
            dropped.Add(name);
        }

        return counts;
    }
}
