using System.Text;
using System.Threading.Channels;
using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Security;

namespace Hotline95.Core.Calls.Import;

public sealed record ImportCallsRequest(
    Guid EnterpriseId,
    CdrFormat Format,
    IReadOnlyList<string> Files,
    Encoding Encoding,
    TimeZoneInfo Zone,
    string? Line,
    AsteriskColumns? AsteriskColumns,
    string Actor);

public sealed record FileImportResult(string File, int Imported, int Duplicates, int Rejected, string? RejectedFile, string? Failure);

public sealed record ImportCallsResult(IReadOnlyList<FileImportResult> Files)
{
    public int Imported => Files.Sum(f => f.Imported);
    public int Duplicates => Files.Sum(f => f.Duplicates);
    public int Rejected => Files.Sum(f => f.Rejected);
    public bool AnyFailure => Files.Any(f => f.Failure is not null);
}

public sealed record ImportProgress(string File, long BytesRead, long BytesTotal, long Rows);

/// <summary>
/// Imports CDR files: streamed row by row (memory stays flat), sealed, written in batches that skip rows
/// already stored. A bad row is reported as file:line: reason and copied to FILE.rejected; the rest go in.
/// </summary>
public sealed class ImportCallsHandler(Hotline95DbContext db, DatabaseTarget target, KeyRing keys, AuditLog audit, TimeProvider clock)
{
    public const int BatchSize = 2_000;

    /// <summary>
    /// Batches circulating between the two stages: enough queued (some 0.15 s of rows) that the writer does not
    /// starve while the sealing thread is held up (a garbage collection, a checkpoint on the same core).
    /// </summary>
    private const int BatchesInFlight = 8;

    public async Task<Result<ImportCallsResult>> HandleAsync(
        ImportCallsRequest request, Action<string>? onRejected = null, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var lineSet = await LinesAsync(request, ct);
        if (!lineSet.IsSuccess)
        {
            return lineSet.Error;
        }

        var (lines, forcedLine) = lineSet.Value;

        var missing = request.Files.Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0)
        {
            return Error.Validation("FILE", "FILE_NOT_FOUND", ("files", missing));
        }

        // Every file is checked against its encoding before any is imported: a wrong encoding refuses the import whole.
        foreach (var file in request.Files)
        {
            if (await StrictDecoding.CheckAsync(file, request.Encoding, ct) is { } undecodable)
            {
                return undecodable;
            }
        }

        var context = new CdrParseContext(lines, forcedLine, request.Zone, StrictDecoding.Of(request.Encoding), request.AsteriskColumns);
        var results = new List<FileImportResult>();
        await using var writer = await CallBatchWriter.OpenAsync(target, ct);
        foreach (var file in request.Files)
        {
            var result = await ImportFileAsync(file, request, context, writer, onRejected, progress, ct);
            results.Add(result);
            await audit.AppendAsync(request.EnterpriseId, request.Actor, AuditActions.CallsImported, Path.GetFileName(file),
                $"format={request.Format} imported={result.Imported} duplicates={result.Duplicates} rejected={result.Rejected}{(result.Failure is null ? "" : " failed")}", ct);
        }

        return new ImportCallsResult(results);
    }

    private async Task<FileImportResult> ImportFileAsync(
        string file, ImportCallsRequest request, CdrParseContext context, CallBatchWriter writer,
        Action<string>? onRejected, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return await ImportStreamAsync(file, stream, stream.Length, file + ".rejected", request.EnterpriseId, request.Format, context, writer, onRejected, progress, ct);
    }

    /// <summary>
    /// Imports CDR rows produced on the fly (the demo data set): the same parse, seal and write pipeline as a file,
    /// with nothing written to disk but the database.
    /// </summary>
    public async Task<FileImportResult> ImportGeneratedAsync(Guid enterpriseId, string name, Stream rows, long estimatedBytes, CdrFormat format,
        IProgress<ImportProgress>? progress, CancellationToken ct = default)
    {
        var context = new CdrParseContext(await LineSet.LoadAsync(db, enterpriseId, ct), null, ChinaTime.Zone, new UTF8Encoding(false), null);
        await using var writer = await CallBatchWriter.OpenAsync(target, ct);
        return await ImportStreamAsync(name, rows, estimatedBytes, null, enterpriseId, format, context, writer, null, progress, ct);
    }

    /// <summary>The enterprise's lines, and the line --line puts every record on (refused when it is not one of them).</summary>
    private async Task<Result<(LineSet Lines, string? Forced)>> LinesAsync(ImportCallsRequest request, CancellationToken ct)
    {
        var lines = await LineSet.LoadAsync(db, request.EnterpriseId, ct);
        if (request.Line is null)
        {
            return (lines, (string?)null);
        }

        return lines.Match(request.Line) is { } forced
            ? (lines, forced)
            : Error.Validation("--line", "LINE_UNKNOWN", ("field", "--line"), ("line", request.Line));
    }

    /// <summary>
    /// Imports the complete lines a follower read from a growing file (<paramref name="firstLine"/> is the number of the
    /// chunk's first line in the file); rejected rows are appended to FILE.rejected. Lines that do not decode were taken
    /// out (left empty) and reported by the follower.
    /// </summary>
    public async Task<Result<FileImportResult>> ImportChunkAsync(ImportCallsRequest request, string file, Stream chunk, long firstLine,
        Action<string>? onRejected, CancellationToken ct = default)
    {
        var lineSet = await LinesAsync(request, ct);
        if (!lineSet.IsSuccess)
        {
            return lineSet.Error;
        }

        var (lines, forcedLine) = lineSet.Value;

        // A line that does not decode is rejected with its reason and left empty, so the rest keep their line numbers.
        var decodable = new MemoryStream();
        var undecodable = 0;
        var rejectedPath = file + ".rejected";
        foreach (var line in LogLines.Read(chunk, request.Encoding, firstLine))
        {
            if (line.Reason is not null)
            {
                undecodable++;
                onRejected?.Invoke($"{file}:{line.Number}: {line.Reason}");
                await File.AppendAllTextAsync(rejectedPath, line.Text + "\n", ct);
            }
            else
            {
                decodable.Write(request.Encoding.GetBytes(line.Text!));
            }

            decodable.WriteByte((byte)'\n');
        }

        decodable.Position = 0;
        var context = new CdrParseContext(lines, forcedLine, request.Zone, StrictDecoding.Of(request.Encoding), request.AsteriskColumns);
        await using var writer = await CallBatchWriter.OpenAsync(target, ct);
        var result = await ImportStreamAsync(file, decodable, decodable.Length, rejectedPath, request.EnterpriseId, request.Format, context, writer, onRejected, null, ct,
            lineOffset: firstLine - 1, appendRejected: true);
        if (result.Failure is not null)
        {
            return Error.Validation("FILE", "CDR_FORMAT", ("file", file), ("reason", result.Failure));
        }

        return result with { Rejected = result.Rejected + undecodable };
    }

    private async Task<FileImportResult> ImportStreamAsync(
        string file, Stream stream, long total, string? rejectedPath, Guid enterpriseId, CdrFormat format, CdrParseContext context, CallBatchWriter writer,
        Action<string>? onRejected, IProgress<ImportProgress>? progress, CancellationToken ct, long lineOffset = 0, bool appendRejected = false)
    {
        StreamWriter? rejectedWriter = null;
        int imported = 0, duplicates = 0, rejected = 0;
        long rows = 0;
        var latestStart = RowRules.LatestStart(clock.GetUtcNow());

        // Two stages on two cores: this thread parses and seals, a second one writes. A fixed set of batches
        // circulates between them (full ones to the writer, written ones back), so memory stays flat however
        // large the file, and the rows in flight are packed buffers rather than objects for the GC to copy.
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var batches = Channel.CreateBounded<WriterWork>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true, SingleWriter = true });
        var free = Channel.CreateBounded<SealedCallBatch>(BatchesInFlight);
        for (var i = 0; i < BatchesInFlight; i++)
        {
            free.Writer.TryWrite(new SealedCallBatch(BatchSize));
        }

        var writing = Task.Run(async () =>
        {
            try
            {
                var (written, stored) = (writer.Written, writer.Stored);
                var waited = ImportProfile.Now();
                await foreach (var work in batches.Reader.ReadAllAsync(failed.Token))
                {
                    ImportProfile.Add(ImportProfile.Phase.WriterWaitsForParser, waited);
                    if (work.Committed is { } committed)
                    {
                        await writer.CompleteAsync(failed.Token);
                        committed.SetResult();
                        continue;
                    }

                    var batch = work.Rows!;
                    await writer.WriteAsync(batch, failed.Token);
                    batch.Clear();
                    free.Writer.TryWrite(batch);
                    progress?.Report(new ImportProgress(file, stream.Position, total, Interlocked.Read(ref rows)));
                    waited = ImportProfile.Now();
                }

                await writer.CompleteAsync(failed.Token);
                imported = (int)(writer.Stored - stored);
                duplicates = (int)(writer.Written - written) - imported;
            }
            catch
            {
                await failed.CancelAsync(); // stop the parser too; the exception surfaces below
                throw;
            }
        }, CancellationToken.None);

        void Reject(CdrRow row, string reason)
        {
            rejected++;
            onRejected?.Invoke($"{file}:{row.Line + lineOffset}: {reason}");
            if (rejectedPath is not null)
            {
                rejectedWriter ??= new StreamWriter(rejectedPath, append: appendRejected, new UTF8Encoding(false));
                rejectedWriter.WriteLine(row.Raw);
            }
        }

        var batch = await free.Reader.ReadAsync(failed.Token);

        // The batch being filled goes to the writer; the next written one comes back to be filled.
        async Task HandOverAsync(CancellationToken token)
        {
            var waiting = ImportProfile.Now();
            await batches.Writer.WriteAsync(new WriterWork(batch, null), token);
            batch = await free.Reader.ReadAsync(token);
            ImportProfile.Add(ImportProfile.Phase.ParserWaitsForWriter, waiting);
        }

        // Fetching a key may create it, a write: the writer sends the rows it has and commits first.
        async Task CommitBeforeKeyFetchAsync(CancellationToken token)
        {
            if (batch.Count > 0)
            {
                await HandOverAsync(token);
            }

            var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await batches.Writer.WriteAsync(new WriterWork(null, committed), token);
            await committed.Task.WaitAsync(token);
        }

        using var sealer = new CallSealer(keys, clock, CommitBeforeKeyFetchAsync);
        string? failure = null;
        var destroyed = new Dictionary<DateOnly, string>(); // months whose key was shredded: their rows are refused
        try
        {
            await foreach (var chunk in ReadAheadAsync(Parser(format).Parse(stream, context), failed.Token))
            foreach (var row in chunk)
            {
                var phase = ImportProfile.Now();
                Interlocked.Increment(ref rows);
                if (row.Call is null)
                {
                    Reject(row, row.Reason ?? "unreadable row");
                    continue;
                }

                if (RowRules.Check(row.Call, latestStart) is { } unfit)
                {
                    Reject(row, unfit);
                    continue;
                }

                if (destroyed.TryGetValue(KeyRing.MonthOf(row.Call.StartedAt), out var shredded))
                {
                    Reject(row, shredded);
                    continue;
                }

                CallRecord call;
                try
                {
                    call = await sealer.SealAsync(enterpriseId, row.Call, failed.Token);
                    phase = ImportProfile.Add(ImportProfile.Phase.Seal, phase);
                }
                catch (DataKeyDestroyedException ex)
                {
                    destroyed[KeyRing.MonthOf(row.Call.StartedAt)] = ex.Message;
                    Reject(row, ex.Message);
                    continue;
                }

                batch.Add(call); // after sealing: sealing may have sent the batch to the writer and taken another
                phase = ImportProfile.Add(ImportProfile.Phase.Pack, phase);
                if (batch.IsFull)
                {
                    await HandOverAsync(failed.Token);
                    phase = ImportProfile.Now();
                }
            }

            if (batch.Count > 0)
            {
                await batches.Writer.WriteAsync(new WriterWork(batch, null), failed.Token);
            }
        }
        catch (CdrFormatException ex)
        {
            failure = ex.Message;
            onRejected?.Invoke($"{file}: {ex.Message}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The writer failed: its exception is rethrown by the await below.
        }
        catch
        {
            // This stage failed (or was cancelled): stop the writer and wait for it before the writer is disposed.
            await failed.CancelAsync();
            batches.Writer.TryComplete();
            try
            {
                await writing;
            }
            catch (Exception)
            {
                // Ours is the exception to report; the writer's is a consequence of the cancellation.
            }

            throw;
        }
        finally
        {
            batches.Writer.TryComplete();
            if (rejectedWriter is not null)
            {
                await rejectedWriter.DisposeAsync();
            }
        }

        await writing;
        if (failure is not null)
        {
            return new FileImportResult(file, imported, duplicates, rejected, null, failure);
        }

        if (rejected == 0 && !appendRejected && rejectedPath is not null && File.Exists(rejectedPath))
        {
            File.Delete(rejectedPath); // a previous run's rejects are fixed: do not leave a stale file behind
        }

        return new FileImportResult(file, imported, duplicates, rejected, rejected > 0 ? rejectedPath : null, null);
    }

    /// <summary>Parsed rows per hand-over from the parsing thread to the sealing one, and how many may wait.</summary>
    private const int RowsPerChunk = 256;
    private const int ChunksAhead = 4;

    /// <summary>
    /// The parser's rows, parsed on a thread of their own a few chunks ahead: parsing, sealing and writing each take a
    /// third or so of an import's work, so as three stages they share two cores instead of one stage holding up the
    /// others. The chunks are few and small, so little of what the parser allocates outlives the young generation.
    /// An exception of the parser (a file that is not CDRs) surfaces after the rows read before it, as it would inline.
    /// </summary>
    private static async IAsyncEnumerable<ArraySegment<CdrRow>> ReadAheadAsync(IEnumerable<CdrRow> rows, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var chunks = Channel.CreateBounded<ArraySegment<CdrRow>>(new BoundedChannelOptions(ChunksAhead) { SingleReader = true, SingleWriter = true });
        Exception? failure = null;
        var parsing = Task.Run(async () =>
        {
            try
            {
                var chunk = new CdrRow[RowsPerChunk];
                var count = 0;
                var phase = ImportProfile.Now();
                foreach (var row in rows)
                {
                    phase = ImportProfile.Add(ImportProfile.Phase.Parse, phase);
                    chunk[count++] = row;
                    if (count == RowsPerChunk)
                    {
                        await chunks.Writer.WriteAsync(chunk, stop.Token);
                        chunk = new CdrRow[RowsPerChunk];
                        count = 0;
                        phase = ImportProfile.Now();
                    }
                }

                if (count > 0)
                {
                    await chunks.Writer.WriteAsync(new ArraySegment<CdrRow>(chunk, 0, count), stop.Token);
                }
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                failure = ex;
            }
            catch (OperationCanceledException)
            {
                // The reader stopped first.
            }
            finally
            {
                chunks.Writer.TryComplete();
            }
        }, CancellationToken.None);

        try
        {
            await foreach (var chunk in chunks.Reader.ReadAllAsync(ct))
            {
                yield return chunk;
            }
        }
        finally
        {
            // Stop the parser and wait for it: the stream it reads is disposed once the import returns.
            await stop.CancelAsync();
            await parsing;
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>Rows to write, or a request to commit now (answered when done).</summary>
    private sealed record WriterWork(SealedCallBatch? Rows, TaskCompletionSource? Committed);

    private static ICdrParser Parser(CdrFormat format) => format switch
    {
        CdrFormat.Asterisk => new AsteriskCdrParser(),
        CdrFormat.FreeswitchCsv => new FreeswitchCsvParser(),
        CdrFormat.FreeswitchJson => new FreeswitchDocumentParser(xml: false),
        CdrFormat.FreeswitchXml => new FreeswitchDocumentParser(xml: true),
        _ => new GenericCsvParser(),
    };
}
