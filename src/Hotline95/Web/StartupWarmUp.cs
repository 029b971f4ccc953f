using System.Diagnostics;
using System.Text;
using Hotline95.Core.Calls;
using Hotline95.Web.Endpoints;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Hotline95.Web;

/// <summary>
/// Issue 18: a fresh node answers CTI events as fast in its first second as after minutes. Before <c>/readyz</c> turns
/// 200 (<see cref="NodeReadiness"/> waits for it) the node runs its CTI path for <c>Hosting:WarmUpSeconds</c>
/// (default 3; 0 turns it off): the database side through <see cref="CtiRehearsal"/> (synthetic calls, rolled back) and,
/// at the same time, the HTTP side:
/// <list type="bullet">
/// <item>Kestrel, routing and the CTI endpoint over loopback with a key that does not exist (answered 401, nothing
/// written), bodies with a length and in chunks;</item>
/// <item>a key only this node's memory holds: the request goes through the queue to the writer's key check, which refuses
/// it (401, nothing written);</item>
/// <item>in process: the endpoint's form and JSON readers, the role check, the desk feed's wake-up and the answer's
/// serialisation.</item>
/// </list>
/// </summary>
public sealed class StartupWarmUp(Microsoft.Extensions.Options.IOptions<HostingOptions> options, CtiRehearsal rehearsal, IServer server, IServiceProvider services, ILogger<StartupWarmUp> log)
{
    public const string SecondsSetting = HostingOptions.Section + ":" + nameof(HostingOptions.WarmUpSeconds);
    private const string NoSuchKey = Core.Identity.ApiKey.Prefix + "warm-up-not-a-key";

    private volatile bool _done;

    /// <summary>Whether the warm-up has finished (or was off); <see cref="NodeReadiness"/> is never ready before.</summary>
    public bool IsDone => _done;

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await WarmUpAsync(ct);
        }
        finally
        {
            _done = true;
        }
    }

    private async Task WarmUpAsync(CancellationToken ct)
    {
        var seconds = options.Value.WarmUpSeconds;
        if (seconds <= 0)
        {
            log.LogInformation("Start-up warm-up off ({Setting} = {Seconds})", SecondsSetting, seconds);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var http = HttpSideAsync(stop.Token);
        var result = await rehearsal.RunAsync(TimeSpan.FromSeconds(seconds), ct);
        await stop.CancelAsync();
        var requests = await http;

        // What start-up and the warm-up left on the heap is collected now, while the node is not ready yet: otherwise a
        // full collection came during the first seconds of load and held every request on the node for it (55 ms of
        // pauses in 5 s on one node at 250 events/s, issue 18).
        var paused = GC.GetTotalPauseDuration();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        log.LogInformation("Start-up warm-up done in {Ms:F0} ms: {Events} CTI events rehearsed and rolled back, {Requests} loopback requests; heap collected in {Gc:F0} ms",
            Stopwatch.GetElapsedTime(started).TotalMilliseconds, result.Events, requests, (GC.GetTotalPauseDuration() - paused).TotalMilliseconds);
    }

    private async Task<int> HttpSideAsync(CancellationToken stop)
    {
        var requests = 0;
        var url = LoopbackAddress();
        using var client = url is null ? null : new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        // A key this node remembers but the database never had: its requests run the whole accepted path, through the
        // queue to the writer's key check in the batch's own round trip, where they are refused (401): nothing is written.
        // Its token exists only here and is forgotten at the end (and each time the writer refuses it).
        var remembered = services.GetRequiredService<Core.Identity.RememberedApiKeys>();
        var clock = services.GetRequiredService<TimeProvider>();
        var planted = Core.Identity.ApiKey.Prefix + "warm-up-" + Guid.NewGuid().ToString("N");
        var plantedKey = new Core.Identity.ApiKeyPrincipal(Guid.NewGuid(), Guid.NewGuid(), "warm-up", Core.Identity.Role.Integration);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await InProcessAsync(stop);
                if (client is not null)
                {
                    using var form = await client.PostAsync($"/api/v1/cti/{NoSuchKey}", new FormUrlEncodedContent(Form), stop);
                    using var json = await client.PostAsync($"/api/v1/cti/{NoSuchKey}", new StringContent(Json, Encoding.UTF8, "application/json"), stop);
                    // A body without a length (sent in chunks), as some HTTP clients post JSON: Kestrel reads it on other code.
                    using var chunkedRequest = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cti/{NoSuchKey}") { Content = new StringContent(Json, Encoding.UTF8, "application/json") };
                    chunkedRequest.Headers.TransferEncodingChunked = true;
                    using var chunked = await client.SendAsync(chunkedRequest, stop);
                    remembered.Remember(Core.Identity.ApiKeyHash.Of(planted), plantedKey, clock.GetUtcNow());
                    using var refusedInBatch = await client.PostAsync($"/api/v1/cti/{planted}", new StringContent(Json, Encoding.UTF8, "application/json"), stop);
                    if (refusedInBatch.StatusCode != System.Net.HttpStatusCode.Unauthorized)
                    {
                        log.LogWarning("Start-up warm-up: the planted key's event was answered {Status}, not refused by the CTI writer", (int)refusedInBatch.StatusCode);
                    }

                    requests += 4;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Start-up warm-up: the HTTP side stopped after {Requests} requests", requests);
        }
        finally
        {
            remembered.Forget(plantedKey.KeyId);
        }

        return requests;
    }

    private static readonly KeyValuePair<string, string>[] Form =
    [
        new("event", "newCall"), new("callId", "warm-up"), new("from", "13900000000"), new("to", CtiRehearsal.LineNumber),
        new("direction", "in"), new("user[]", "1001"), new("user[]", "1002"),
    ];

    private const string Json = """{"event":"answer","call_id":"warm-up","from":"13900000000","to":"95000","direction":"in","user":["1001"],"queue":"q1"}""";

    /// <summary>The endpoint's body readers and its answer, on a request that never reaches the server.</summary>
    private async Task InProcessAsync(CancellationToken ct)
    {
        foreach (var (type, body) in new[] { ("application/x-www-form-urlencoded", string.Join('&', Form.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"))), ("application/json", Json) })
        {
            var context = new DefaultHttpContext { RequestServices = services };
            context.Request.Method = "POST";
            context.Request.ContentType = type;
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
            context.Response.Body = Stream.Null;
            var parsed = await CtiEndpoints.ReadEventAsync(context.Request, ct);
            _ = Core.Identity.RolePermissions.Has(Core.Identity.Role.Integration, Core.Identity.Permission.PostCtiEvents); // its tables are built on first use
            services.GetRequiredService<Core.Desk.DeskFeed>().Notify(); // as after a batch with desk events: the feed looks once, finds nothing new
            var answer = parsed.IsSuccess && parsed.Value.Direction == "out" ? CtiAnswer.Dial("13900000000", CtiRehearsal.LineNumber) : CtiAnswer.Accept;
            await TypedResults.Ok(answer).ExecuteAsync(context);
        }
    }

    /// <summary>An address this node listens on, as seen from itself (a wildcard host becomes loopback); none under a test server.</summary>
    private Uri? LoopbackAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase));
        if (address is null)
        {
            return null;
        }

        var uri = new UriBuilder(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = uri.Host == "0.0.0.0" ? "127.0.0.1" : "[::1]";
        }

        return uri.Uri;
    }
}
