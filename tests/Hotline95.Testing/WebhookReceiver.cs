using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Hotline95.Testing;

/// <summary>A real HTTP endpoint on loopback that records the bodies POSTed to it (for outgoing webhooks).</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<string> _bodies = Channel.CreateUnbounded<string>();
    private readonly List<HttpListenerContext> _held = [];
    private bool _holding;

    /// <param name="holdAnswers">
    /// Keep every request waiting for its answer (a receiver that is slow, or never answers) until <see cref="AnswerHeld"/>.
    /// </param>
    public WebhookReceiver(bool holdAnswers = false)
    {
        _holding = holdAnswers;
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = LoopAsync();
    }

    public string Url { get; }

    public async Task<string> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await _bodies.Reader.ReadAsync(cts.Token);
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream))
            {
                await _bodies.Writer.WriteAsync(await reader.ReadToEndAsync());
            }

            lock (_held)
            {
                if (_holding)
                {
                    _held.Add(context);
                    continue;
                }
            }

            Answer(context);
        }
    }

    /// <summary>Answers the requests held so far, and every later one at once.</summary>
    public void AnswerHeld()
    {
        lock (_held)
        {
            _holding = false;
            _held.ForEach(Answer);
            _held.Clear();
        }
    }

    private static void Answer(HttpListenerContext context)
    {
        context.Response.StatusCode = 204;
        context.Response.Close();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose() => _listener.Close();
}
