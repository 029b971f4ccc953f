using System.Text;
using Hotline95.Core.Audit;
using Hotline95.Core.Calls.Import;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Queues;

public sealed record ImportQueuesRequest(Guid EnterpriseId, QueueFormat Format, IReadOnlyList<string> Files, Encoding Encoding, string Actor);

/// <summary>
/// What a file did: events that changed a stay or an agent's interval (<see cref="Counted"/>), events already counted by an
/// earlier run (<see cref="Unchanged"/>), lines that count for nothing (<see cref="Skipped"/>: housekeeping events, agent
/// legs, CDRs without a queue) and lines refused (<see cref="Rejected"/>, copied to <see cref="RejectedFile"/>).
/// </summary>
public sealed record QueueFileResult(string File, int Counted, int Unchanged, int Skipped, int Rejected, string? RejectedFile);

/// <summary>The files' results, and the queues met that are on no 95 line (their lines skipped) with their line counts.</summary>
public sealed record ImportQueuesResult(IReadOnlyList<QueueFileResult> Files, IReadOnlyDictionary<string, int> UnmappedQueues)
{
    public int Counted => Files.Sum(f => f.Counted);
    public int Unchanged => Files.Sum(f => f.Unchanged);
    public int Skipped => Files.Sum(f => f.Skipped);
    public int Rejected => Files.Sum(f => f.Rejected);
}

/// <summary>
/// Imports the PBX's queue records (Asterisk queue_log, FreeSWITCH mod_callcenter variables) into queue stays and their
/// roll-ups. Idempotent: an event already counted changes nothing, so a killed import is simply run again. A bad line is
/// reported as file:line: reason and copied to FILE.rejected.
/// </summary>
public sealed class ImportQueuesHandler(Hotline95DbContext db, AuditLog audit, IOptions<QueueOptions> options, TimeProvider clock)
{
    public async Task<Result<ImportQueuesResult>> HandleAsync(
        ImportQueuesRequest request, Action<string>? onRejected = null, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var missing = request.Files.Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0)
        {
            return Error.Validation("FILE", "FILE_NOT_FOUND", ("files", missing));
        }

        foreach (var file in request.Files)
        {
            if (await StrictDecoding.CheckAsync(file, request.Encoding, ct) is { } undecodable)
            {
                return undecodable;
            }
        }

        var session = await OpenAsync(request.EnterpriseId, request.Format, ct);
        if (!session.IsSuccess)
        {
            return session.Error;
        }

        using var s = session.Value;
        var results = new List<QueueFileResult>();
        foreach (var file in request.Files)
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
            await using var rejects = new RejectedLines(file, append: false, onRejected);
            var before = s.Totals;
            await s.ImportAsync(Lines(stream, request.Format, request.Encoding), rejects,
                lines => progress?.Report(new ImportProgress(file, stream.Position, stream.Length, lines)), ct);
            var after = s.Totals;
            var result = new QueueFileResult(file, after.Counted - before.Counted, after.Unchanged - before.Unchanged, after.Skipped - before.Skipped,
                after.Rejected - before.Rejected, rejects.Count > 0 ? rejects.Path : null);
            rejects.RemoveStale();
            results.Add(result);
            await audit.AppendAsync(request.EnterpriseId, request.Actor, AuditActions.QueuesImported, Path.GetFileName(file),
                $"format={request.Format} counted={result.Counted} unchanged={result.Unchanged} skipped={result.Skipped} rejected={result.Rejected}", ct);
        }

        return new ImportQueuesResult(results, s.UnmappedQueues.ToDictionary());
    }

    /// <summary>An import session for <see cref="HandleAsync"/> and the follower: refused when no queue is mapped to a line.</summary>
    public async Task<Result<QueueImportSession>> OpenAsync(Guid enterpriseId, QueueFormat format, CancellationToken ct)
    {
        var lines = await db.Lines.AsNoTracking().Where(l => l.EnterpriseId == enterpriseId).ToListAsync(ct);
        var queues = lines.SelectMany(l => l.Queues.Select(q => (Queue: q, Line: l.Number))).ToDictionary(p => p.Queue, p => p.Line, StringComparer.Ordinal);
        if (queues.Count == 0)
        {
            return Error.Validation("--queues", "QUEUES_NOT_MAPPED");
        }

        // Stays before the last purge's cutoff were counted and deleted: imported again, they would be counted twice.
        var purgedBefore = await db.PurgeRuns.AsNoTracking().Where(p => p.EnterpriseId == enterpriseId)
            .OrderByDescending(p => p.Cutoff).Select(p => (DateTimeOffset?)p.Cutoff).FirstOrDefaultAsync(ct);
        return new QueueImportSession(db, enterpriseId, QueueFormats.SourceSystem(format), queues, options.Value, purgedBefore, clock);
    }

    /// <summary>The lines of a queue file, as events.</summary>
    public static IEnumerable<QueueLine> Lines(Stream stream, QueueFormat format, Encoding encoding, long firstNumber = 1)
    {
        if (format != QueueFormat.AsteriskQueueLog)
        {
            return FreeswitchDocumentParser.Read(stream, format == QueueFormat.FreeswitchXml, StrictDecoding.Of(encoding)).SelectMany(FreeswitchCallcenter.Events);
        }

        var names = new NameCache();
        return LogLines.Read(stream, encoding, firstNumber).Select(l => l.Reason is null
            ? AsteriskQueueLog.Parse(l.Number, l.Text!, names)
            : new QueueLine(l.Number, l.Text ?? "", null, l.Reason));
    }
}

/// <summary>Where rejected lines go: FILE.rejected (created on the first) and, as file:line: reason, to the caller.</summary>
public sealed class RejectedLines(string file, bool append, Action<string>? onRejected) : IAsyncDisposable
{
    private StreamWriter? _writer;

    public string Path { get; } = file + ".rejected";
    public int Count { get; private set; }

    private long _lastLine = -1;

    /// <summary>One line once, however many of its events were refused (a FreeSWITCH document carries several).</summary>
    public void Add(long line, string raw, string reason)
    {
        if (line == _lastLine)
        {
            return;
        }

        _lastLine = line;
        Count++;
        onRejected?.Invoke($"{file}:{line}: {reason}");
        _writer ??= new StreamWriter(Path, append, new UTF8Encoding(false));
        _writer.WriteLine(raw);
    }

    /// <summary>A one-off run that rejected nothing removes an earlier run's FILE.rejected: its lines are fixed.</summary>
    public void RemoveStale()
    {
        if (Count == 0 && !append && File.Exists(Path))
        {
            File.Delete(Path);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }
    }
}
