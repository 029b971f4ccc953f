using System.Text;
using Hotline95.Core.Audit;
using Hotline95.Core.Calendar;
using Hotline95.Core.Callbacks;
using Hotline95.Core.Calls;
using Hotline95.Core.Calls.Import;
using Hotline95.Core.Common;
using Hotline95.Core.Complaints;
using Hotline95.Core.Compliance;
using Hotline95.Core.Data;
using Hotline95.Core.Enterprises;
using Hotline95.Core.Queues;
using Hotline95.Core.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.Core.Demo;

/// <summary>How far a stage of the demo has come (<paramref name="Total"/> is an estimate for the calls).</summary>
public sealed record DemoProgress(string Stage, long Done, long Total);

public sealed record DemoActivityResult(
    DateOnly From, DateTimeOffset Until, int CallsIn, int CallsOut, int Imported, int QueueEventsCounted, int CallbacksLinked,
    int Complaints, int ComplaintsLate, int ComplaintsOpen, int Reveals, int Exports, int CallsPurged, DateTimeOffset? OldestCall);

/// <summary>
/// The demo bank's past: months of traffic shaped like a hotline's (<see cref="DemoTraffic"/>) up to now, through the
/// product's own imports and use cases: CDRs and queue records imported, missed calls linked to their callbacks, complaints
/// received, answered and resolved by the complaint handlers (each run with a clock set to the moment the step happened;
/// the audit log records when the demo wrote it), a few reveals and exports by the demo's staff. It holds no record past
/// retention: by default it starts on the first day inside <c>Retention:CallRecordMonths</c>; given more days, it runs the
/// purge afterwards (the roll-ups keep the older days' figures, as they do for purged calls).
/// </summary>
public sealed class SeedDemoActivityHandler(
    IServiceProvider services, Hotline95DbContext db, EnterpriseDirectory enterprises, WorkdayCalendar calendar, SetLineQueuesHandler lineQueues,
    ImportCallsHandler importCalls, ImportQueuesHandler importQueues, CallbacksHandler callbacks, CreateComplaintHandler createComplaint,
    ComplaintDeadlines deadlines, RevealCallHandler reveal, ExportPersonalDataHandler export, PurgeRetentionHandler purge, AuditLog audit, TimeProvider clock)
{
    public const string Actor = "demo";

    /// <summary>
    /// Calls an ordinary working day on the bank's lines when no size is asked for: six months of them (some 40,000 calls)
    /// seed in under a minute (on two busy cores SQLite about 20 s, PostgreSQL about 50 s).
    /// </summary>
    public const int DefaultCallsPerDay = 250;

    /// <summary>Bytes of one generated CDR row, for progress.</summary>
    private const int RowBytes = 330;

    private static readonly (string Actor, string Reason)[] Reveals =
    [
        ("demo.supervisor", "回拨客户确认投诉处理结果"),
        ("demo.compliance", "核查投诉录音对应的来电号码"),
        ("demo.supervisor", "客户要求更正联系方式，核对来电号码"),
        ("demo.compliance", "监管转办投诉，核实来电记录"),
    ];

    public async Task<Result<DemoActivityResult>> HandleAsync(int callsPerDay, int? days, IProgress<DemoProgress>? progress = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var retainedFrom = ChinaTime.DateOf(purge.CutoffFor(today));
        var first = days is { } d ? today.AddDays(1 - d) : retainedFrom;
        if (callsPerDay is < 1 or > 1_000_000 || days is < 1 || !calendar.Answers(first))
        {
            return Error.Validation(callsPerDay is < 1 or > 1_000_000 ? "--calls-per-day" : "--days", "SEED_RANGE", ("maxDays", today.DayNumber - new DateOnly(WorkdayCalendar.FirstYear, 1, 1).DayNumber + 1));
        }

        var enterprise = await enterprises.FindAsync(SeedDemoHandler.Slug, ct);
        if (!enterprise.IsSuccess)
        {
            return enterprise.Error;
        }

        var id = enterprise.Value.Id;
        foreach (var line in DemoProfile.Lines)
        {
            var mapped = await lineQueues.HandleAsync(new SetLineQueuesRequest(id, line.Number, line.Queues, Actor), ct);
            if (!mapped.IsSuccess)
            {
                return mapped.Error;
            }
        }

        var traffic = new DemoTraffic(first, now, callsPerDay, calendar.GetDay);
        var (callsIn, callsOut, imported) = await ImportCallsAsync(id, traffic, progress, ct);
        var queueEvents = await ImportQueueLogAsync(id, traffic, progress, ct);
        if (!queueEvents.IsSuccess)
        {
            return queueEvents.Error;
        }

        var linked = 0;
        for (var day = first; day <= today; day = day.AddDays(1))
        {
            linked += await callbacks.LinkPeriodAsync(id, ChinaTime.StartOfDay(day), ChinaTime.StartOfDay(day.AddDays(1)), ct);
            progress?.Report(new DemoProgress("callbacks", day.DayNumber - first.DayNumber + 1, today.DayNumber - first.DayNumber + 1));
        }

        var complaints = await ComplaintsAsync(id, now, progress, ct);
        var reveals = await RevealsAsync(id, complaints.Calls, ct);
        var exports = await ExportsAsync(id, today, ct);
        var purged = 0;
        if (first < retainedFrom)
        {
            var run = await purge.HandleAsync(new PurgeRequest(null, false, Actor, id), ct);
            purged = run.IsSuccess ? run.Value.CallsDeleted : 0;
        }

        var oldest = await db.Calls.AsNoTracking().Where(c => c.EnterpriseId == id).OrderBy(c => c.StartedAt).Select(c => (DateTimeOffset?)c.StartedAt).FirstOrDefaultAsync(ct);
        var result = new DemoActivityResult(first, now, callsIn, callsOut, imported, queueEvents.Value, linked, complaints.Count, complaints.Late, complaints.Open,
            reveals, exports, purged, oldest);
        await audit.AppendAsync(id, Actor, AuditActions.DemoSeeded, SeedDemoHandler.Slug,
            $"activity from={first:yyyy-MM-dd} calls-in={callsIn} calls-out={callsOut} queue-events={queueEvents.Value} callbacks={linked} complaints={complaints.Count} " +
            $"late={complaints.Late} open={complaints.Open} reveals={reveals} exports={exports} purged={purged}", ct);
        return result;
    }

    private async Task<(int In, int Out, int Imported)> ImportCallsAsync(Guid id, DemoTraffic traffic, IProgress<DemoProgress>? progress, CancellationToken ct)
    {
        int callsIn = 0, callsOut = 0;
        var calls = traffic.Days().SelectMany(d => d.Calls).Select(c =>
        {
            _ = c.Direction == CallDirection.In ? callsIn++ : callsOut++;
            return DemoRecords.CdrRow(c);
        });
        await using var rows = new SyntheticCdrStream(calls);
        var result = await importCalls.ImportGeneratedAsync(id, $"demo {traffic.First:yyyy-MM-dd}..{traffic.Last:yyyy-MM-dd}", rows, traffic.Estimate * RowBytes, CdrFormat.Asterisk,
            progress is null ? null : new SyncProgress<ImportProgress>(p => progress.Report(new DemoProgress("calls", p.Rows, Math.Max(p.Rows, traffic.Estimate)))), ct);
        return (callsIn, callsOut, result.Imported);
    }

    /// <summary>The queue_log goes through `queues import` as a file (audited like one), written to a temporary folder and removed.</summary>
    private async Task<Result<int>> ImportQueueLogAsync(Guid id, DemoTraffic traffic, IProgress<DemoProgress>? progress, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("hotline95-demo-");
        try
        {
            var file = Path.Combine(folder.FullName, "demo-queue_log");
            await File.WriteAllLinesAsync(file, DemoRecords.QueueLog(traffic.Days()), new UTF8Encoding(false), ct);
            var result = await importQueues.HandleAsync(new ImportQueuesRequest(id, QueueFormat.AsteriskQueueLog, [file], new UTF8Encoding(false), Actor), null,
                progress is null ? null : new SyncProgress<ImportProgress>(p => progress.Report(new DemoProgress("queues", p.BytesRead, p.BytesTotal))), ct);
            return result.IsSuccess ? result.Value.Counted : result.Error;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private sealed record ComplaintsSeeded(int Count, int Late, int Open, IReadOnlyList<long> Calls);

    /// <summary>
    /// Complaints on a few calls in a thousand, through the complaint handlers: received after the call, answered and resolved
    /// at the moments <see cref="DemoComplaints.Steps"/> gives, by a handler whose clock is set to that moment.
    /// </summary>
    private async Task<ComplaintsSeeded> ComplaintsAsync(Guid id, DateTimeOffset now, IProgress<DemoProgress>? progress, CancellationToken ct)
    {
        var pick = new Random(95);
        var picked = new List<(long Call, string Line, DateTimeOffset Received, bool Missed)>();
        await foreach (var call in db.Calls.AsNoTracking().Where(c => c.EnterpriseId == id && c.Direction == CallDirection.In).OrderBy(c => c.StartedAt).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Line, c.StartedAt, c.EndedAt, c.Missed }).AsAsyncEnumerable().WithCancellation(ct))
        {
            var received = (call.EndedAt ?? call.StartedAt).AddMinutes(2 + pick.Next(9));
            if (pick.NextDouble() < DemoComplaints.PerThousandCalls / 1000 && received <= now)
            {
                picked.Add((call.Id, call.Line, received, call.Missed));
            }
        }

        // The last complaint whose resolution deadline has passed is the one nobody resolved.
        var forgotten = picked.FindLastIndex(p => deadlines.ResolveBy(p.Received).At < now);
        var stepClock = new DemoClock();
        var handle = ActivatorUtilities.CreateInstance<HandleComplaintHandler>(services, stepClock);
        int late = 0, open = 0;
        var calls = new List<long>();
        foreach (var (p, i) in picked.Select((p, i) => (p, i)))
        {
            var rng = new Random(i);
            var kind = DemoComplaints.CaseFor(p.Missed, rng);
            var received = await createComplaint.HandleAsync(new CreateComplaintRequest(id, p.Line, null, null, kind.Summary, p.Received, "投诉处理", p.Call, null,
                $"demo.agent{1 + (i % 5)}"), ct);
            if (!received.IsSuccess)
            {
                continue;
            }

            var complaint = received.Value;
            calls.Add(p.Call);
            var steps = DemoComplaints.Steps(i, complaint.ReceivedAt, complaint.RespondBy, complaint.ResolveBy, now, i == forgotten, rng);
            if (steps.RespondAt is { } respondAt)
            {
                stepClock.At = respondAt;
                await handle.RespondAsync(new RespondComplaintRequest(id, complaint.Id, kind.Response, "demo.specialist"), ct);
            }

            if (steps.ResolveAt is { } resolveAt)
            {
                stepClock.At = resolveAt;
                await handle.ResolveAsync(new ResolveComplaintRequest(id, complaint.Id, kind.Resolution, steps.Satisfaction, "demo.supervisor"), ct);
            }

            late += (steps.RespondAt ?? now) > complaint.RespondBy || (steps.ResolveAt ?? now) > complaint.ResolveBy ? 1 : 0;
            open += steps.ResolveAt is null ? 1 : 0;
            progress?.Report(new DemoProgress("complaints", i + 1, picked.Count));
        }

        return new ComplaintsSeeded(calls.Count, late, open, calls);
    }

    /// <summary>Staff seeing the numbers of the latest complaints' calls in clear, each with its reason (audited by the reveal itself).</summary>
    private async Task<int> RevealsAsync(Guid id, IReadOnlyList<long> complaintCalls, CancellationToken ct)
    {
        var done = 0;
        foreach (var ((actor, reason), call) in Reveals.Zip(complaintCalls.Reverse()))
        {
            done += (await reveal.HandleAsync(new RevealCallRequest(id, call, reason, actor), ct)).IsSuccess ? 1 : 0;
        }

        return done;
    }

    /// <summary>The complaint register of the last month for the regulator, and a day of the complaints line for a review: through the export guard.</summary>
    private async Task<int> ExportsAsync(Guid id, DateOnly today, CancellationToken ct)
    {
        var lastWorkday = today.AddDays(-1);
        while (!calendar.IsWorkday(lastWorkday))
        {
            lastWorkday = lastWorkday.AddDays(-1);
        }

        ExportRequest[] requests =
        [
            new(id, "complaints", "xlsx", null, today.AddDays(-30), today, "监管调取 投诉台账（近30日）", "demo.compliance"),
            new(id, "calls", "csv", DemoProfile.Lines[^1].Number, lastWorkday, lastWorkday, "投诉专线通话复核", "demo.supervisor"),
        ];
        var done = 0;
        foreach (var request in requests)
        {
            done += (await export.HandleAsync(request, ct)).IsSuccess ? 1 : 0;
        }

        return done;
    }

    /// <summary>The moment the demo says a step happened, for the handler that records it.</summary>
    private sealed class DemoClock : TimeProvider
    {
        public DateTimeOffset At { get; set; }

        public override DateTimeOffset GetUtcNow() => At;
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and report after the stage ended).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
