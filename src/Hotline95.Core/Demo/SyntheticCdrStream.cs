using System.Text;

namespace Hotline95.Core.Demo;

/// <summary>
/// A read-only stream of generated CDR lines, produced as they are read: a year of calls goes through the import
/// pipeline without ever existing as a file. <see cref="Position"/> counts the bytes produced, for progress.
/// </summary>
public sealed class SyntheticCdrStream(IEnumerable<string> lines) : Stream
{
    private readonly IEnumerator<string> _lines = lines.GetEnumerator();
    private byte[] _pending = [];
    private int _offset;
    private long _produced;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (_offset == _pending.Length)
            {
                if (!_lines.MoveNext())
                {
                    break;
                }

                _pending = Encoding.UTF8.GetBytes(_lines.Current + "\n");
                _offset = 0;
            }

            var n = Math.Min(buffer.Length - written, _pending.Length - _offset);
            _pending.AsSpan(_offset, n).CopyTo(buffer[written..]);
            _offset += n;
            written += n;
        }

        _produced += written;
        return written;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _produced;
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _lines.Dispose();
        }

        base.Dispose(disposing);
    }
}
