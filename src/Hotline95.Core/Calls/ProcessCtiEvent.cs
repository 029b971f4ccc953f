using System.Data.Common;
using System.Text.Json.Serialization;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Desk;
using Hotline95.Core.Monitoring;
using Hotline95.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hotline95.Core.Calls;

/// <summary>One event of Zammad's generic CTI protocol, as a PBX script posts it.</summary>
public sealed record CtiEvent(string? Event, string? CallId, string? From, string? To, string? Direction, string? User, string? Queue, string? AnsweringNumber, string? Cause);

/// <summary>
/// An event as the CTI endpoint queued it: the enterprise of the key it came with and, when that key was answered from the
/// node's memory (<see cref="Identity.RememberedApiKeys"/>), the key's id, which the batch confirms is still unrevoked.
/// Null only for events no key brought (the start-up rehearsal's own): there is no default, so no caller skips the check by
/// forgetting it. <paramref name="KeyUseDue"/>: this event's batch records when the key was last used (the endpoint claims
/// that for one request a minute per node, <see cref="Identity.CtiKey.UseDue"/>), in its own commit.
/// </summary>
public readonly record struct CtiSubmission(Guid EnterpriseId, CtiEvent Event, Guid? KeyId, bool KeyUseDue = false);

/// <summary>The answer to the PBX: empty, or <c>{"action":"reject","reason":"busy"}</c> for a blocked caller.</summary>
public sealed record CtiAnswer(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Action = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Number = null,
    [property: JsonPropertyName("caller_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CallerId = null)
{
    public static readonly CtiAnswer Accept = new();
    public static readonly CtiAnswer RejectBusy = new("reject", "busy");

    /// <summary>Zammad's answer to an outbound <c>newCall</c>: dial the number with this caller id.</summary>
    public static CtiAnswer Dial(string number, string callerId) => new("dial", Number: number, CallerId: callerId);
}

/// <summary>
/// Live call events. Events are applied in whatever order they arrive: an <c>answer</c> or <c>hangup</c>
/// before its <c>newCall</c> creates the record, and the late <c>newCall</c> completes it; a repeated event
/// changes nothing. Times are arrival times (the protocol carries none). As in Zammad: an <c>answer</c> arriving after
/// its <c>hangup</c> is ignored (the call stays missed); an <c>answer</c> by user <c>voicemail</c> leaves the call not
/// handled by a person (missed); a <c>hangup</c> with cause <c>forwarded</c> before any answer marks it forwarded, not missed.
/// An inbound call ringing, answered or ended is also written for the agents' desks, in the same transaction (see <see cref="DeskFeed"/>).
/// </summary>
public sealed class ProcessCtiEventHandler(Hotline95DbContext db, KeyRing keys, BlindIndex blindIndex, DeskFeed desk, RollupShards shards, TimeProvider clock) : IDisposable
{
    public const string SourceSystem = "cti";
    private static readonly string[] Events = ["newCall", "answer", "hangup"];

    // Kept for the handler's lifetime: the CTI queue reuses one handler for many batches, and the month's data key
    // (never destroyed while its month is current) and the SQL commands are the same for all of them.
    private readonly CallSealer _sealer = new(keys, clock);
    private readonly CtiStore _store = new(db);

    /// <summary>The error of an event whose key was revoked (or deleted) after this node remembered it: nothing is written.</summary>
    public const string TokenInvalidCode = "CTI_TOKEN_INVALID";

    // Desk events committed since the other nodes were last told (see NotifyDesksAsync).
    private bool _desksToTell;

    /// <summary>One event, committed on its own; the other nodes' desks hear of it at <see cref="NotifyDesksAsync"/>.</summary>
    public async Task<Result<CtiAnswer>> HandleAsync(CtiSubmission submission, CancellationToken ct = default) =>
        (await HandleBatchAsync([submission], ct))[0];

    /// <summary>
    /// Tells the other nodes' desks (PostgreSQL's LISTEN/NOTIFY) of the desk events committed since the last call, if any; this
    /// node's own desks were woken at commit. Separate from <see cref="HandleBatchAsync"/> so that the CTI queue answers the
    /// PBX first, whichever way the events were committed (a batch, or replayed one by one), and then tells the desks; see <see cref="CtiStore.NotifyDesksAsync"/> for why the
    /// notification is not part of the writes' transaction.
    /// </summary>
    public async Task NotifyDesksAsync(CancellationToken ct = default)
    {
        if (_desksToTell)
        {
            _desksToTell = false;
            await _store.NotifyDesksAsync(ct);
        }
    }

    /// <summary>
    /// Several events applied in arrival order and committed together (group commit): one transaction for
    /// many events is what lets a single SQLite writer keep up with a busy PBX. Events for the same call
    /// within the batch see each other's changes. The other nodes' desks hear of them at <see cref="NotifyDesksAsync"/>.
    /// </summary>
    public Task<IReadOnlyList<Result<CtiAnswer>>> HandleBatchAsync(IReadOnlyList<CtiSubmission> events, CancellationToken ct = default) =>
        HandleBatchAsync(events, wholeAgain: true, ct);

    private async Task<IReadOnlyList<Result<CtiAnswer>>> HandleBatchAsync(IReadOnlyList<CtiSubmission> events, bool wholeAgain, CancellationToken ct)
    {
        var results = new List<Result<CtiAnswer>>(events.Count);
        var batch = new BatchState();
        // Every call the batch touches, looked up once by its unique key, instead of once per event.
        var groups = events.Where(x => !string.IsNullOrWhiteSpace(x.Event.CallId)).GroupBy(x => x.EnterpriseId)
            .Select(g => (g.Key, (IReadOnlyList<string>)[.. g.Select(x => x.Event.CallId!).Distinct()])).ToList();
        // The keys the endpoint answered from memory, confirmed now, after their requests arrived (see RememberedApiKeys).
        var keyIds = events.Where(x => x.KeyId is not null).Select(x => x.KeyId!.Value).Distinct().ToList();
        HashSet<Guid> validKeys;
        if (_store.Provider == DatabaseProvider.Postgres && (groups.Count > 0 || keyIds.Count > 0))
        {
            // Over the network: the keys, the calls and each enterprise's lines, desks and blocked callers in one round trip.
            var prefetched = await _store.PrefetchAsync(keyIds, groups, ct);
            validKeys = prefetched.ValidKeys;
            foreach (var (enterpriseId, found) in prefetched.Enterprises)
            {
                Remember(enterpriseId, found.Calls);
                batch.Lines[enterpriseId] = found.Lines;
                batch.DeskTargets[enterpriseId] = found.Targets;
                batch.Blocked[enterpriseId] = BlockedSet(found.Blocked);
            }
        }
        else
        {
            validKeys = await _store.ValidKeysAsync(keyIds, ct);
            foreach (var (enterpriseId, callIds) in groups)
            {
                Remember(enterpriseId, await _store.FindCallsAsync(enterpriseId, callIds, ct));
            }
        }

        void Remember(Guid enterpriseId, List<CtiStore.StoredCall> stored)
        {
            foreach (var existing in stored)
            {
                batch.Remember(existing);
            }

            batch.Loaded.Add(enterpriseId);
        }

        var applied = 0;
        foreach (var (enterpriseId, e, keyId, keyUseDue) in events)
        {
            if (keyId is { } key && !validKeys.Contains(key))
            {
                results.Add(Error.Of(ErrorKind.Unauthorized, TokenInvalidCode, null));
                continue;
            }

            if (keyUseDue && keyId is { } used)
            {
                batch.KeysUsed.Add(used);
            }

            results.Add(await ApplyAsync(enterpriseId, e, batch, ct));
            applied++;
        }

        if (applied == 0)
        {
            return results; // every event's key was refused: no transaction, so no retry below can write one of them
        }

        try
        {
            await SaveAsync(batch, ct);
            return results;
        }
        catch (DbException ex) when (events.Count > 1 && wholeAgain && IsConflict(ex))
        {
            // Another node created or changed one of these calls meanwhile (on PostgreSQL, where several nodes write; nothing
            // of the batch was committed): the whole batch once more on a fresh read, rather than up to 500 events one by one.
            return await HandleBatchAsync(events, wholeAgain: false, ct);
        }
        catch (DbException) when (events.Count > 1)
        {
            // Still failing, or one was purged or moved since it was read (on PostgreSQL; SQLite's check throws
            // InvalidOperationException, which the queue replays): redo them one by one.
            var single = new List<Result<CtiAnswer>>(events.Count);
            foreach (var submission in events)
            {
                single.Add(await HandleAsync(submission, ct));
            }

            return single;
        }
        catch (DbException)
        {
            var (enterpriseId, e, keyId, keyUseDue) = events[0]; // its key was confirmed above: a refused one returns before saving
            return [await ApplyAndSaveAgainAsync(enterpriseId, e, keyUseDue ? keyId : null, ct)];
        }
    }

    /// <summary>
    /// PostgreSQL's answers to a race with another writer: a call changed or created meanwhile (the batch's own check,
    /// <see cref="StatementBatch.RequireOneRowState"/>, or the unique index), a deadlock or a serialization failure. Any other
    /// error goes event by event at once, rather than costing the whole batch a second try.
    /// </summary>
    private static bool IsConflict(DbException ex) =>
        ex.SqlState is StatementBatch.RequireOneRowState or Npgsql.PostgresErrorCodes.UniqueViolation or Npgsql.PostgresErrorCodes.DeadlockDetected
            or Npgsql.PostgresErrorCodes.SerializationFailure;

    private async Task<Result<CtiAnswer>> ApplyAndSaveAgainAsync(Guid enterpriseId, CtiEvent e, Guid? keyUsed, CancellationToken ct)
    {
        var batch = new BatchState();
        if (keyUsed is { } used)
        {
            batch.KeysUsed.Add(used);
        }

        var result = await ApplyAsync(enterpriseId, e, batch, ct);
        await SaveAsync(batch, ct);
        return result;
    }

    /// <summary>
    /// The calls and their day's figures in one transaction: the roll-ups never count a call that was not stored.
    /// Written with plain SQL rather than EF's change tracking, which cost more than the database's own work at
    /// thousands of events a second (see the cti benchmark).
    /// </summary>
    /// <remarks>
    /// On PostgreSQL the whole batch is one round trip that also commits it: no explicit transaction (the batch is its own
    /// implicit one, all or nothing), the caller sketches merged by the database rather than read and locked first, and an
    /// update that finds its call gone fails in the database (issue 18 point 5: four round trips a batch had been the
    /// steadiest part of the CTI answer through HAProxy). SQLite, in process, reads the sketches and commits as before.
    /// </remarks>
    private async Task SaveAsync(BatchState batch, CancellationToken ct)
    {
        var rollups = new RollupDelta();
        foreach (var call in batch.Calls.Values)
        {
            rollups.Change(call.EnterpriseId, batch.Read.TryGetValue(call, out var read) ? read.Before : null, CallContribution.Of(call));
        }

        // Inside a caller's transaction (the start-up rehearsal, rolled back) the caller commits or not.
        var outer = db.Database.CurrentTransaction?.GetDbTransaction();
        var writes = _store.NewBatch();
        // To this node's own roll-up rows, locked first as every writer does: another node's batch never waits for this
        // one's commit, nor this one for it.
        var shard = await shards.ForWriterAsync(ct);
        if (_store.Provider == DatabaseProvider.Postgres)
        {
            RollupStore.AddMerging(writes, rollups, shard);
            AddCallsAndDesk(writes, batch);
            await writes.ExecuteAsync(outer, ct);
        }
        else
        {
            await using var own = outer is null ? await db.Database.BeginTransactionAsync(ct) : null;
            var transaction = outer ?? own!.GetDbTransaction();
            await RollupStore.AddAsync(writes, transaction, rollups, shard, ct);
            AddCallsAndDesk(writes, batch);
            await writes.ExecuteAsync(transaction, ct);
            if (own is not null)
            {
                await own.CommitAsync(ct);
            }
        }

        if (outer is null && batch.Desk.Count > 0)
        {
            desk.Notify(); // this node's desks hear of it now, without the round trip
            _desksToTell = true; // the other nodes' at NotifyDesksAsync
        }
    }

    private void AddCallsAndDesk(StatementBatch writes, BatchState batch)
    {
        _store.AddInserts(writes, batch.Created);

        // In the order of their ids, as every node's writer does: two batches updating the same calls never wait on each other in a cycle.
        foreach (var call in batch.Calls.Values.Where(c => !batch.Created.Contains(c)).OrderBy(c => c.Id))
        {
            _store.AddUpdate(writes, call, batch.Read[call].Version);
        }

        foreach (var deskEvent in batch.Desk)
        {
            _store.AddDeskEvent(writes, deskEvent);
        }

        _store.AddKeyUse(writes, batch.KeysUsed, clock.GetUtcNow());
    }

    public void Dispose()
    {
        _sealer.Dispose();
        _store.Dispose();
    }

    private sealed class BatchState
    {
        public Dictionary<(Guid, string), CallRecord> Calls { get; } = [];
        /// <summary>Calls this batch creates (the others in <see cref="Calls"/> exist and are updated).</summary>
        public HashSet<CallRecord> Created { get; } = new(ReferenceEqualityComparer.Instance);
        /// <summary>
        /// Each stored call as read: what it contributed to the roll-ups before this batch changed it, and its row's version
        /// (checked when it is written back).
        /// </summary>
        public Dictionary<CallRecord, (CallContribution? Before, long Version)> Read { get; } = new(ReferenceEqualityComparer.Instance);

        public void Remember(CtiStore.StoredCall stored)
        {
            Calls[(stored.Call.EnterpriseId, stored.Call.SourceId)] = stored.Call;
            Read[stored.Call] = (CallContribution.Of(stored.Call), stored.Version);
        }

        /// <summary>Enterprises whose calls of this batch were all loaded: a miss means "new call".</summary>
        public HashSet<Guid> Loaded { get; } = [];
        public Dictionary<Guid, LineSet> Lines { get; } = [];
        public Dictionary<Guid, OutboundPlan> Outbound { get; } = [];
        public Dictionary<Guid, HashSet<string>> Blocked { get; } = [];
        public Dictionary<Guid, DeskTargets> DeskTargets { get; } = [];
        /// <summary>What the desks are told, in event order, stored with the calls.</summary>
        public List<PendingDeskEvent> Desk { get; } = [];
        /// <summary>The confirmed keys whose use this batch records (<see cref="CtiSubmission.KeyUseDue"/>).</summary>
        public HashSet<Guid> KeysUsed { get; } = [];
    }

    private async Task<Result<CtiAnswer>> ApplyAsync(Guid enterpriseId, CtiEvent e, BatchState batch, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(e.CallId))
        {
            return Error.Validation("callId", "CTI_CALLID_REQUIRED");
        }

        if (e.Event is null || !Events.Contains(e.Event, StringComparer.Ordinal))
        {
            return Error.Validation("event", "CTI_EVENT_UNKNOWN", ("value", e.Event));
        }

        CallDirection? direction = null;
        if (!string.IsNullOrEmpty(e.Direction))
        {
            direction = e.Direction switch
            {
                "in" => CallDirection.In,
                "out" => CallDirection.Out,
                _ => null,
            };
            if (direction is null)
            {
                return Error.Validation("direction", "CTI_DIRECTION_UNKNOWN", ("value", e.Direction));
            }
        }

        if (e.Event == "newCall" && direction is null)
        {
            return Error.Validation("direction", "CTI_DIRECTION_REQUIRED");
        }

        if (!batch.Lines.TryGetValue(enterpriseId, out var lines))
        {
            lines = await _store.LinesAsync(enterpriseId, ct);
            batch.Lines[enterpriseId] = lines;
        }

        var now = clock.GetUtcNow();
        if (!batch.Calls.TryGetValue((enterpriseId, e.CallId), out var call) && !batch.Loaded.Contains(enterpriseId))
        {
            if (await _store.FindCallAsync(enterpriseId, e.CallId, ct) is { } stored)
            {
                batch.Remember(stored);
                call = stored.Call;
            }
        }

        var created = call is null;
        call ??= new CallRecord
        {
            EnterpriseId = enterpriseId,
            Line = "",
            SourceSystem = SourceSystem,
            SourceId = e.CallId,
            StartedAt = now,
            Disposition = CallDisposition.InProgress,
            CreatedAt = now,
        };

        // What we can learn from any event: the line, the direction and the customer's number.
        var dir = direction ?? call.Direction;
        if (call.Line.Length == 0 && (direction is not null || e.From is not null || e.To is not null))
        {
            // Outbound: the line calling out, or the default outbound line when a PBX script sends the agent's extension.
            var line = dir == CallDirection.In ? lines.Match(e.To) : lines.Match(e.From) ?? (await OutboundAsync(enterpriseId, batch, ct)).DefaultLine;
            if (line is null && e.Event == "newCall")
            {
                return dir == CallDirection.In
                    ? Error.Validation("to", "CTI_LINE_UNKNOWN", ("field", "to"), ("line", e.To))
                    : Error.Validation("from", "CTI_LINE_UNKNOWN", ("field", "from"), ("line", e.From));
            }

            if (line is not null)
            {
                call.Line = line;
                call.Direction = dir;
                var customer = dir == CallDirection.In ? e.From : e.To;
                if (!string.IsNullOrWhiteSpace(customer) && call.CustomerNumber is null)
                {
                    await _sealer.SealPersonalDataAsync(call, customer, null, ct);
                }
            }
        }

        var (wasAnswered, wasEnded) = (call.AnsweredAt is not null, call.EndedAt is not null);
        var answer = CtiAnswer.Accept;
        switch (e.Event)
        {
            case "newCall":
                call.Queue ??= Clip(e.Queue);
                call.Agent ??= Clip(e.User); // inbound: the agents it rings (replaced by whoever answers); outbound: who dials

                if (dir == CallDirection.Out && call.Line.Length > 0 && !string.IsNullOrWhiteSpace(e.To))
                {
                    answer = CtiAnswer.Dial(e.To.Trim(), (await OutboundAsync(enterpriseId, batch, ct)).CallerIdFor(call.Line, e.To));
                }

                if (dir == CallDirection.In && await IsBlockedAsync(enterpriseId, e.From, batch, ct))
                {
                    answer = CtiAnswer.RejectBusy;
                    if (call.EndedAt is null)
                    {
                        call.EndedAt = now;
                        call.Disposition = CallDisposition.Rejected;
                        call.HangupCause = "blocked";
                    }
                }

                break;
            case "answer" when call.EndedAt is not null:
                break; // an answer after its hangup is ignored, as Zammad ignores it: the call stays as it ended
            case "answer" when string.Equals(e.User, Import.CdrParsing.Voicemail, StringComparison.OrdinalIgnoreCase):
                call.Agent = Import.CdrParsing.Voicemail; // the voicemail took it: not handled by a person, so missed
                call.Queue ??= Clip(e.Queue);
                break;
            case "answer":
                call.AnsweredAt ??= now;
                call.Agent = Clip(e.User ?? e.AnsweringNumber) ?? call.Agent;
                call.Queue ??= Clip(e.Queue);
                break;
            case "hangup":
                call.EndedAt ??= now;
                call.HangupCause ??= e.Cause;
                break;
        }

        Recompute(call);
        if (created)
        {
            await CallPartitions.EnsureAsync(db, call.StartedAt, ct);
            batch.Created.Add(call);
            batch.Calls[(enterpriseId, e.CallId)] = call;
        }

        await TellDesksAsync(call, e, created, wasAnswered, wasEnded, batch, now, ct);
        return answer;
    }

    /// <summary>
    /// The desks hear of an inbound call when it starts ringing (the event that created it was its <c>newCall</c>: a late or
    /// repeated <c>newCall</c> rings nobody again), when it is answered and when it ends. A blocked caller rings nobody.
    /// Answered and ended go to every desk of the enterprise, which update the call if they show it.
    /// </summary>
    private async Task TellDesksAsync(CallRecord call, CtiEvent e, bool created, bool wasAnswered, bool wasEnded, BatchState batch, DateTimeOffset now, CancellationToken ct)
    {
        if (call.Direction != CallDirection.In || call.Line.Length == 0 || call.Disposition == CallDisposition.Rejected)
        {
            return;
        }

        if (created && e.Event == "newCall")
        {
            if (!batch.DeskTargets.TryGetValue(call.EnterpriseId, out var targets))
            {
                targets = await _store.DeskTargetsAsync(call.EnterpriseId, ct);
                batch.DeskTargets[call.EnterpriseId] = targets;
            }

            var caller = string.IsNullOrWhiteSpace(e.From) ? null : Text.Clip(PhoneNumber.Mask(e.From), 40);
            batch.Desk.Add(new PendingDeskEvent(call, DeskEventKind.Ringing, caller, null, DeskRecipients.Format(targets.RecipientsOf(e)), now));
        }

        if (!wasAnswered && call.AnsweredAt is not null)
        {
            batch.Desk.Add(new PendingDeskEvent(call, DeskEventKind.Answered, null, call.Agent, null, now));
        }

        if (!wasEnded && call.EndedAt is not null)
        {
            batch.Desk.Add(new PendingDeskEvent(call, DeskEventKind.Ended, null, null, null, now));
        }
    }

    private async Task<OutboundPlan> OutboundAsync(Guid enterpriseId, BatchState batch, CancellationToken ct)
    {
        if (!batch.Outbound.TryGetValue(enterpriseId, out var plan))
        {
            plan = await OutboundPlan.LoadAsync(db, enterpriseId, ct);
            batch.Outbound[enterpriseId] = plan;
        }

        return plan;
    }

    private async Task<bool> IsBlockedAsync(Guid enterpriseId, string? from, BatchState batch, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(from))
        {
            return false;
        }

        if (!batch.Blocked.TryGetValue(enterpriseId, out var blocked))
        {
            blocked = BlockedSet(await _store.BlockedAsync(enterpriseId, ct));
            batch.Blocked[enterpriseId] = blocked;
        }

        return blocked.Count > 0 && blocked.Contains(Convert.ToHexString(await blindIndex.ComputeAsync(enterpriseId, from, ct)));
    }

    private static HashSet<string> BlockedSet(IReadOnlyList<byte[]> indexes) => indexes.Select(Convert.ToHexString).ToHashSet(StringComparer.Ordinal);

    private static void Recompute(CallRecord call)
    {
        var answered = call.AnsweredAt is not null;
        if (call.Disposition != CallDisposition.Rejected)
        {
            call.Disposition = call.EndedAt is null
                ? CallDisposition.InProgress
                : answered ? CallDisposition.Answered : FromCause(call.HangupCause);
        }

        if (!answered && call.EndedAt is not null && call.Agent == Import.CdrParsing.Voicemail)
        {
            call.Disposition = CallDisposition.NoAnswer;
        }

        // Forwarded before any answer: handed on, not missed (Zammad's "forwarded" cause).
        call.Missed = call.Direction == CallDirection.In && call.EndedAt is not null && !answered
            && call.Disposition is not (CallDisposition.Rejected or CallDisposition.Forwarded);
        call.RingSeconds = Seconds(call.StartedAt, call.AnsweredAt ?? call.EndedAt);
        call.TalkSeconds = call.AnsweredAt is { } a ? Seconds(a, call.EndedAt) : 0;
    }

    private static CallDisposition FromCause(string? cause) => cause switch
    {
        "busy" => CallDisposition.Busy,
        "cancel" or "normalClearing" => CallDisposition.Cancelled,
        "noAnswer" => CallDisposition.NoAnswer,
        "congestion" => CallDisposition.Congestion,
        "notFound" => CallDisposition.Failed,
        "forwarded" => CallDisposition.Forwarded,
        _ => CallDisposition.Unknown,
    };

    /// <summary>The agents (a PBX may name several: "user 1, user 2") and queue as the record holds them.</summary>
    private static string? Clip(string? text) => text is null ? null : Text.Clip(text, 64);

    private static int Seconds(DateTimeOffset from, DateTimeOffset? to) =>
        to is { } t && t > from ? (int)(t - from).TotalSeconds : 0;
}
