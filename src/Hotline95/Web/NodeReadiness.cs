namespace Hotline95.Web;

/// <summary>
/// Whether a load balancer should send this node requests (<c>/readyz</c>). Not ready until the host has started and
/// has warmed up its CTI path (<see cref="StartupWarmUp"/>)
/// (serve migrates and verifies the master key before that, so a node still migrating or with an unverified key is
/// never ready), and not ready again once it is stopping. On SIGTERM, a node that a load balancer has been asking
/// says "not ready" for <c>Hosting:DrainSeconds</c> (5) before it stops accepting, so the balancer moves new requests
/// elsewhere first; then Kestrel finishes the requests in flight and the CTI writer commits what it has queued.
/// </summary>
public sealed class NodeReadiness(Microsoft.Extensions.Options.IOptions<HostingOptions> options, TimeProvider clock, StartupWarmUp warmUp, ILogger<NodeReadiness> log) : IHostedLifecycleService
{
    private int _state; // 0 starting, 1 ready, 2 draining
    private volatile bool _probed;

    public bool IsReady => Volatile.Read(ref _state) == 1;

    public bool IsDraining => Volatile.Read(ref _state) == 2;

    /// <summary>Called by /readyz: from now on a stop drains first.</summary>
    public void Probed() => _probed = true;

    /// <summary>Ready once the server listens and the start-up warm-up (<see cref="StartupWarmUp"/>) is done.</summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        await warmUp.RunAsync(cancellationToken);
        Interlocked.CompareExchange(ref _state, 1, 0);
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _state, 2) == 2)
        {
            return; // drained already (a second stop)
        }

        var seconds = options.Value.DrainSeconds;
        if (_probed && seconds > 0)
        {
            log.LogInformation("Draining: /readyz answers 503 for {Seconds} s before the node stops accepting", seconds);
            await Task.Delay(TimeSpan.FromSeconds(seconds), clock, cancellationToken);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
