using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Hosting;
using Hotline95.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Calls;

public sealed record AttachRecordingRequest(Guid EnterpriseId, long CallId, Stream Content, string FileName, string? ContentType, string Actor);

public sealed record RecordingView(long Id, long CallId, string FileName, string ContentType, long Length, DateTimeOffset CreatedAt);

public enum RecordingAccess
{
    Play,
    Download,
}

/// <summary>A recording ready to stream: decrypted on the fly into the response.</summary>
public sealed record OpenedRecording(string FileName, string ContentType, long Length, Func<Stream, CancellationToken, Task> WriteTo);

/// <summary>Call recordings, encrypted at rest under the call's month key; every play or download is audited.</summary>
public sealed class RecordingsHandler(Hotline95DbContext db, KeyRing keys, Hotline95Settings settings, AuditLog audit, TimeProvider clock)
{
    public string Root => settings.RecordingsDirectory;

    public async Task<Result<RecordingView>> AttachAsync(AttachRecordingRequest request, CancellationToken ct = default)
    {
        var call = await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.EnterpriseId == request.EnterpriseId && c.Id == request.CallId, ct);
        if (call is null)
        {
            return Error.NotFound("CALL_NOT_FOUND", ("id", request.CallId));
        }

        // Sniff the content before anything is stored; the declared type is never trusted.
        var head = new byte[RecordingFormat.HeadLength];
        var headLength = await request.Content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        var type = RecordingFormat.Detect(head.AsSpan(0, headLength), request.FileName);
        if (!type.IsSuccess)
        {
            return type.Error;
        }

        var content = new ConcatenatedStream(new MemoryStream(head, 0, headLength), request.Content);
        var month = KeyRing.MonthOf(call.StartedAt);
        var (keyId, key) = await keys.ForMonthAsync(request.EnterpriseId, month, ct);
        var relative = Path.Combine(request.EnterpriseId.ToString("N"), $"{month:yyyy-MM}", $"{call.Id}-{Guid.NewGuid():N}.h95rec");
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        long length;
        await using (var output = new FileStream(path + ".part", FileMode.CreateNew, FileAccess.Write))
        {
            length = await RecordingCipher.EncryptAsync(content, output, keyId, key, Context(request.EnterpriseId, call.Id), ct);
        }

        File.Move(path + ".part", path);
        var recording = new CallRecording
        {
            EnterpriseId = request.EnterpriseId,
            CallId = call.Id,
            StoragePath = relative,
            FileName = Path.GetFileName(request.FileName),
            ContentType = type.Value.ContentType,
            Length = length,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Recordings.Add(recording);
        await audit.SaveAndAppendAsync(db, request.EnterpriseId, request.Actor, AuditActions.RecordingAttached, $"call:{call.Id}", recording.FileName, ct);
        return View(recording);
    }

    public async Task<IReadOnlyList<RecordingView>> ListAsync(Guid enterpriseId, long callId, CancellationToken ct = default) =>
        (await db.Recordings.AsNoTracking().Where(r => r.EnterpriseId == enterpriseId && r.CallId == callId).ToListAsync(ct)).Select(View).ToList();

    public async Task<Result<OpenedRecording>> OpenAsync(Guid enterpriseId, long callId, RecordingAccess access, string actor, CancellationToken ct = default)
    {
        var recording = await db.Recordings.AsNoTracking()
            .Where(r => r.EnterpriseId == enterpriseId && r.CallId == callId)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (recording is null)
        {
            return Error.NotFound("RECORDING_NOT_FOUND", ("id", callId));
        }

        var path = Path.Combine(Root, recording.StoragePath);
        int keyId;
        await using (var probe = File.OpenRead(path))
        {
            keyId = RecordingCipher.KeyIdOf(probe);
        }

        var key = await keys.ByIdAsync(keyId, ct);
        if (key is null)
        {
            return Error.NotFound("RECORDING_DESTROYED");
        }

        await audit.AppendAsync(enterpriseId, actor, access == RecordingAccess.Play ? AuditActions.RecordingPlayed : AuditActions.RecordingDownloaded,
            $"call:{callId}", recording.FileName, ct);
        var context = Context(enterpriseId, callId);
        return new OpenedRecording(recording.FileName, RecordingFormat.ServeAs(recording.ContentType).ContentType, recording.Length, async (output, token) =>
        {
            await using var input = File.OpenRead(path);
            await RecordingCipher.DecryptAsync(input, output, key, context, token);
        });
    }

    /// <summary>Deletes the recordings of these calls, files first (a row without a file is harmless, the reverse is not).</summary>
    public async Task<int> DeleteForCallsAsync(Guid enterpriseId, IReadOnlyCollection<long> callIds, CancellationToken ct = default)
    {
        var deleted = 0;
        foreach (var chunk in callIds.Chunk(500))
        {
            var recordings = await db.Recordings.Where(r => r.EnterpriseId == enterpriseId && chunk.Contains(r.CallId)).ToListAsync(ct);
            foreach (var recording in recordings)
            {
                File.Delete(Path.Combine(Root, recording.StoragePath));
            }

            db.Recordings.RemoveRange(recordings);
            await db.SaveChangesAsync(ct);
            deleted += recordings.Count;
        }

        return deleted;
    }

    private static string Context(Guid enterpriseId, long callId) => $"{enterpriseId:N}|recording|{callId}";

    private static RecordingView View(CallRecording r) => new(r.Id, r.CallId, r.FileName, r.ContentType, r.Length, r.CreatedAt);
}

/// <summary>Reads one stream, then another: the sniffed head, then the rest of the upload.</summary>
internal sealed class ConcatenatedStream(Stream first, Stream second) : Stream
{
    private bool _firstDone;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (!_firstDone)
        {
            var read = first.Read(buffer);
            if (read > 0)
            {
                return read;
            }

            _firstDone = true;
        }

        return second.Read(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_firstDone)
        {
            var read = await first.ReadAsync(buffer, cancellationToken);
            if (read > 0)
            {
                return read;
            }

            _firstDone = true;
        }

        return await second.ReadAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
