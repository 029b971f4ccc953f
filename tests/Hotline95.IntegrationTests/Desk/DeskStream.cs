using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;

namespace Hotline95.IntegrationTests.Desk;

/// <summary>One server-sent event as the browser's EventSource would dispatch it.</summary>
internal sealed record SseEvent(long? Id, string Event, JsonElement Data)
{
    public string Kind => Data.GetProperty("kind").GetString()!;
    public string CtiCallId => Data.GetProperty("ctiCallId").GetString()!;
}

/// <summary>
/// GET /api/desk/events read as a browser reads it, in the background: events queue up until a test takes them, and comment
/// lines (heartbeats) are counted.
/// </summary>
internal sealed class DeskStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly Channel<SseEvent> _events = Channel.CreateUnbounded<SseEvent>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private int _comments;

    private DeskStream(HttpResponseMessage response)
    {
        _response = response;
        _pump = Task.Run(PumpAsync);
    }

    public HttpResponseMessage Response => _response;
    public int Comments => Volatile.Read(ref _comments);
    /// <summary>The retry interval the server asked for, once its first line arrived.</summary>
    public int? Retry { get; private set; }

    public static async Task<DeskStream> OpenAsync(HttpClient client, long? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/desk/events");
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new DeskStream(response);
    }

    /// <summary>The next event, or null when none came within <paramref name="wait"/>.</summary>
    public async Task<SseEvent?> NextAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            return await _events.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    public async Task<SseEvent> NextAsync() => await NextAsync(TimeSpan.FromSeconds(10)) ?? throw new TimeoutException("no desk event within 10 s");

    /// <summary>Whether the server ended the stream within <paramref name="wait"/>.</summary>
    public async Task<bool> EndsWithinAsync(TimeSpan wait) => await Task.WhenAny(_pump, Task.Delay(wait)) == _pump;

    private async Task PumpAsync()
    {
        try
        {
            if (!_response.IsSuccessStatusCode)
            {
                return;
            }

            await using var body = await _response.Content.ReadAsStreamAsync(_stop.Token);
            using var reader = new StreamReader(body);
            string? id = null, name = null, data = null;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data is not null)
                    {
                        _events.Writer.TryWrite(new SseEvent(id is null ? null : long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), name ?? "message",
                            JsonDocument.Parse(data).RootElement.Clone()));
                    }

                    (id, name, data) = (null, null, null);
                }
                else if (line.StartsWith(':'))
                {
                    Interlocked.Increment(ref _comments);
                }
                else if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = line[4..];
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = data is null ? line[6..] : data + "\n" + line[6..];
                }
                else if (line.StartsWith("retry: ", StringComparison.Ordinal))
                {
                    Retry = int.Parse(line[7..], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
            // closed by the test or the server
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        await _pump;
        _stop.Dispose();
    }
}
