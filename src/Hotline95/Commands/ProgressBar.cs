namespace Hotline95.Commands;

/// <summary>A one-line progress bar on stderr, drawn only when stderr is a terminal (never into logs or pipes).</summary>
internal sealed class ProgressBar : IDisposable
{
    private readonly TextWriter _error;
    private DateTime _last = DateTime.MinValue;

    private ProgressBar(TextWriter error) => _error = error;

    public static ProgressBar? ForStderr(CliIo io) =>
        ReferenceEquals(io.Error, Console.Error) && !Console.IsErrorRedirected ? new ProgressBar(io.Error) : null;

    public void Show(long done, long total, string label)
    {
        var now = DateTime.UtcNow;
        if ((now - _last).TotalMilliseconds < 100 && done < total)
        {
            return;
        }

        _last = now;
        var fraction = total <= 0 ? 1 : Math.Clamp((double)done / total, 0, 1);
        const int width = 30;
        var filled = (int)(fraction * width);
        _error.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {fraction,4:P0} {label}   ");
    }

    public void Clear() => _error.Write("\r" + new string(' ', 80) + "\r");

    public void Dispose() => Clear();
}
