using System.Security.Cryptography;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Calls.Import;

/// <summary>
/// Where a follower stopped in a growing file: the byte after the last complete line it imported, the number of the next
/// line, and the SHA-256 of the file's first line, which tells the same file from its successor after a log rotation.
/// </summary>
public sealed class FollowPosition : ITenantScoped
{
    public long Id { get; init; }
    public Guid EnterpriseId { get; init; }
    /// <summary>What reads the file: calls:asterisk, queues:asterisk-queue-log…</summary>
    public required string Kind { get; init; }
    public required string Path { get; init; }
    public string? Head { get; set; }
    public long Offset { get; set; }
    public long NextLine { get; set; } = 1;
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>What one chunk of lines did.</summary>
public sealed record FollowChunk(int Counted, int Unchanged, int Rejected);

public sealed record FollowSettings(TimeSpan Poll, TimeSpan? StopWhenIdle, int MaxChunkBytes = 4 << 20);

public sealed record FollowSummary(long Lines, int Counted, int Unchanged, int Rejected)
{
    public static readonly FollowSummary None = new(0, 0, 0, 0);

    public FollowSummary Plus(FollowSummary more) =>
        new(Lines + more.Lines, Counted + more.Counted, Unchanged + more.Unchanged, Rejected + more.Rejected);
}

/// <summary>Imports a chunk of complete lines (<paramref name="firstLine"/>: the file's number of its first line).</summary>
public delegate Task<Result<FollowChunk>> ChunkImporter(string file, Stream chunk, long firstLine, CancellationToken ct);

/// <summary>
/// Follows a growing log (Asterisk's Master.csv or queue_log) like <c>tail -F</c>: imports complete lines as they are
/// appended (a last line still being written waits for its newline), remembers its position in the database after each
/// chunk (a restart resumes there; a chunk cut short by a kill is imported again, which the idempotent imports absorb),
/// and survives rotation: when the file at the path is another one (its first line differs) or shorter than the position,
/// the rest of the old file is read from its rotated name beside it (queue_log.1, Master.csv-20261130…) before the new
/// file is read from its start.
/// </summary>
public sealed class FileFollower(Hotline95DbContext db, TimeProvider clock)
{
    public async Task<Result<FollowSummary>> RunAsync(Guid enterpriseId, string kind, string path, FollowSettings settings, ChunkImporter import,
        Action<string> say, CancellationToken ct)
    {
        var full = System.IO.Path.GetFullPath(path);
        var position = await db.FollowPositions.SingleOrDefaultAsync(p => p.EnterpriseId == enterpriseId && p.Kind == kind && p.Path == full, ct);
        if (position is null)
        {
            position = new FollowPosition { EnterpriseId = enterpriseId, Kind = kind, Path = full, UpdatedAt = clock.GetUtcNow() };
            db.FollowPositions.Add(position);
        }
        else
        {
            say($"{full}: resuming at line {position.NextLine} (byte {position.Offset}). / 从上次位置继续。");
        }

        var total = FollowSummary.None;
        var lastData = clock.GetUtcNow();
        try
        {
            return await FollowAsync();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped (Ctrl+C, SIGTERM) in the middle of a chunk: its transaction was rolled back and its position not saved,
            // so the next run reads it again.
            return total;
        }

        async Task<Result<FollowSummary>> FollowAsync()
        {
            while (!ct.IsCancellationRequested)
            {
                var progressed = false;
                if (File.Exists(full))
                {
                    await using var stream = Open(full);
                    var head = Head(stream);
                    if (position.Head is not null && (stream.Length < position.Offset || (head is not null && head != position.Head)))
                    {
                        // Rotated (or truncated): finish the old file from its new name, then any rotated after it (the follower
                        // was away for more than one rotation), then start the new one.
                        if (FindRotated(full, position.Head, position.Offset) is { } old)
                        {
                            say($"{full} was rotated: reading the rest of {old} from line {position.NextLine}. / 日志已轮转。");
                            foreach (var (file, first) in RotatedAfter(full, old, head).Prepend((old, true)))
                            {
                                if (!first)
                                {
                                    say($"{file} was rotated after it: reading it whole. / 读取其后轮转的文件。");
                                    position.Offset = 0;
                                    position.NextLine = 1;
                                }

                                await using var rest = Open(file);
                                var drained = await ReadAsync(file, rest, position, import, includeUnfinished: true, settings, ct);
                                if (!drained.IsSuccess)
                                {
                                    return drained.Error;
                                }

                                total = total.Plus(drained.Value);
                            }
                        }
                        else
                        {
                            say($"{full} was replaced or truncated, and the old file (from line {position.NextLine}) is not beside it: its lines after that were not imported. / 旧文件未找到。");
                        }

                        position.Head = null;
                        position.Offset = 0;
                        position.NextLine = 1;
                    }

                    if (head is not null)
                    {
                        position.Head = head;
                        var read = await ReadAsync(full, stream, position, import, includeUnfinished: false, settings, ct);
                        if (!read.IsSuccess)
                        {
                            return read.Error;
                        }

                        progressed = read.Value.Lines > 0;
                        total = total.Plus(read.Value);
                    }
                }

                if (progressed)
                {
                    lastData = clock.GetUtcNow();
                    continue;
                }

                if (settings.StopWhenIdle is { } idle && clock.GetUtcNow() - lastData >= idle)
                {
                    break;
                }

                try
                {
                    await Task.Delay(settings.Poll, clock, ct);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            return total;
        }
    }

    /// <summary>Reads the complete lines after the position, chunk by chunk, saving the position after each.</summary>
    private async Task<Result<FollowSummary>> ReadAsync(string file, FileStream stream, FollowPosition position, ChunkImporter import, bool includeUnfinished,
        FollowSettings settings, CancellationToken ct)
    {
        var total = FollowSummary.None;
        var buffer = new byte[settings.MaxChunkBytes];
        while (!ct.IsCancellationRequested)
        {
            stream.Seek(position.Offset, SeekOrigin.Begin);
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            if (read == 0)
            {
                break;
            }

            var end = Array.LastIndexOf(buffer, (byte)'\n', read - 1) + 1;
            if (end == 0)
            {
                if (!includeUnfinished && read < buffer.Length)
                {
                    break; // a line still being written: wait for its newline
                }

                end = read; // a finished file's last line, or a line longer than a chunk
            }

            var result = await import(file, new MemoryStream(buffer, 0, end, writable: false), position.NextLine, ct);
            if (!result.IsSuccess)
            {
                return result.Error;
            }

            var newLines = buffer.AsSpan(0, end).Count((byte)'\n');
            position.Offset += end;
            position.NextLine += newLines;
            position.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            total = total.Plus(new FollowSummary(Math.Max(newLines, 1), result.Value.Counted, result.Value.Unchanged, result.Value.Rejected));
        }

        return total;
    }

    private static FileStream Open(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);

    /// <summary>The SHA-256 of the first line (with its newline), or null while the file has no complete first line.</summary>
    public static string? Head(Stream stream)
    {
        stream.Seek(0, SeekOrigin.Begin);
        var buffer = new byte[4096];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var newline = Array.IndexOf(buffer, (byte)'\n', 0, read);
        var length = newline >= 0 ? newline + 1 : read == buffer.Length ? read : -1;
        return length < 0 ? null : Convert.ToHexString(SHA256.HashData(buffer.AsSpan(0, length)));
    }

    /// <summary>
    /// The files rotated after <paramref name="drained"/> and before the current one, oldest first (by last write): beside
    /// the path, their names beginning with its name, neither the drained file nor the current one by their first lines.
    /// </summary>
    private static IEnumerable<(string File, bool First)> RotatedAfter(string path, string drained, string? currentHead)
    {
        var directory = System.IO.Path.GetDirectoryName(path)!;
        var since = File.GetLastWriteTimeUtc(drained);
        using var drainedStream = Open(drained);
        var drainedHead = Head(drainedStream);
        return Directory.EnumerateFiles(directory, System.IO.Path.GetFileName(path) + "*")
            .Where(f => f != path && f != drained && !f.EndsWith(".rejected", StringComparison.Ordinal) && !f.EndsWith(".gz", StringComparison.Ordinal)
                && File.GetLastWriteTimeUtc(f) >= since)
            .Where(f =>
            {
                using var stream = Open(f);
                var head = Head(stream);
                return head is not null && head != drainedHead && head != currentHead;
            })
            .OrderBy(File.GetLastWriteTimeUtc)
            .Select(f => (f, false))
            .ToList();
    }

    /// <summary>The rotated predecessor beside <paramref name="path"/>: same first line, at least as long as the position.</summary>
    private static string? FindRotated(string path, string head, long offset)
    {
        var directory = System.IO.Path.GetDirectoryName(path)!;
        var name = System.IO.Path.GetFileName(path);
        foreach (var candidate in Directory.EnumerateFiles(directory, name + "*").Order(StringComparer.Ordinal))
        {
            if (candidate == path || candidate.EndsWith(".rejected", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = Open(candidate);
            if (stream.Length >= offset && Head(stream) == head)
            {
                return candidate;
            }
        }

        return null;
    }
}
