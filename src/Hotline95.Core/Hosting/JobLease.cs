using Hotline95.Core.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hotline95.Core.Hosting;

/// <summary>
/// Whether this node runs the background jobs (retention purge, escalation, monitoring, reminders, audit anchoring,
/// notice pick-up): on PostgreSQL the node holding the <see cref="ClusterLocks.Jobs"/> advisory lock, so exactly
/// one node at a time; the others try again every <see cref="RetryEvery"/>, so when the holder dies (its session
/// ends with it) another takes over within that time. On SQLite the one node always holds it.
/// </summary>
public sealed class JobLease(DatabaseTarget target, TimeProvider clock, ILogger<JobLease> log) : BackgroundService
{
    /// <summary>How often a node without the lease tries for it, and the holder checks it still has its session.</summary>
    public static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim _checking = new(1, 1);
    private NpgsqlConnection? _connection;
    private volatile bool _held = target.Provider != DatabaseProvider.Postgres;

    // Cancelled when the lease is lost, so runs started under it stop; a fresh one each time the lease is taken. Never
    // replaced on a loss, so a run that read it just before the loss still sees it cancelled.
    private volatile CancellationTokenSource _tenure = new();
    private bool _warnedOfVersion;

    /// <summary>True while this node may run the background jobs.</summary>
    public bool IsHeld => _held;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The first try happens before any job starts, so a single node runs its start-up jobs at once.
        await CheckAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (target.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(RetryEvery, clock, stoppingToken);
            await CheckAsync(stoppingToken);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> if this node holds the lease, asked of the database just before (not taken from the last
    /// periodic check, so a node whose session ended since then does not run it beside the node that took over), with a
    /// token cancelled when a later check finds the lease lost: a long run stops within <see cref="RetryEvery"/> of the
    /// loss instead of going on beside the new holder. False when another node holds the lease.
    /// </summary>
    public async Task<bool> RunIfHeldAsync(string job, Func<CancellationToken, Task> work, CancellationToken ct)
    {
        if (!_held)
        {
            return false; // not the holder at the last check: the periodic check is the one that takes it
        }

        await CheckAsync(ct);
        var tenure = _tenure.Token; // read before _held: a loss in between cancels this very token
        if (!_held)
        {
            return false;
        }

        using var run = CancellationTokenSource.CreateLinkedTokenSource(ct, tenure);
        try
        {
            await work(run.Token);
        }
        catch (OperationCanceledException) when (tenure.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // What the run committed stays; the rest is the new holder's at its next run.
            log.LogWarning("{Job} stopped: this node lost the background-job lease while it ran", job);
        }

        return true;
    }

    /// <summary>Takes the lease if free, or confirms this node still holds it; a lost session loses it.</summary>
    public async Task CheckAsync(CancellationToken ct)
    {
        if (target.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        // One session, asked by the periodic check and by jobs about to run: one question at a time.
        await _checking.WaitAsync(ct);
        try
        {
            await CheckOnceAsync(ct);
        }
        finally
        {
            _checking.Release();
        }
    }

    private async Task CheckOnceAsync(CancellationToken ct)
    {
        try
        {
            if (_connection is null)
            {
                _connection = await ClusterLocks.OpenAsync(target, ct);
                WarnIfNoSilentLimit(_connection.PostgreSqlVersion);
            }

            var held = await ClusterLocks.TryAsync(_connection, ClusterLocks.Jobs, ct);
            if (held != _held)
            {
                log.LogInformation(held ? "This node now runs the background jobs" : "Another node runs the background jobs");
            }

            Hold(held);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The session (and with it the lock) is gone, or the database is unreachable: stop running jobs.
            if (_held)
            {
                log.LogWarning(ex, "Lost the background-job lease with the database session; stopping the jobs running under it");
            }

            Hold(false);
            await DropAsync();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await _checking.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Hold(false);
            return; // a check still waits on the database; the session ends with the process
        }

        try
        {
            Hold(target.Provider != DatabaseProvider.Postgres);
            await DropAsync(); // lets another node take over at its next try
        }
        finally
        {
            _checking.Release();
        }
    }

    private void WarnIfNoSilentLimit(Version server)
    {
        if (server.Major >= 14 || _warnedOfVersion)
        {
            return;
        }

        _warnedOfVersion = true;
        log.LogWarning(
            "PostgreSQL {Version} has no idle_session_timeout (14 and later): a node whose machine dies without closing its session keeps the job lease until a TCP timeout ends that session (30 minutes or more). Upgrade the server to have the lease pass within a minute",
            server);
    }

    private void Hold(bool held)
    {
        if (held && !_held)
        {
            _tenure = new CancellationTokenSource(); // before _held turns true, so RunIfHeldAsync never pairs it with the last tenure
        }
        else if (!held && _held)
        {
            _held = false; // before the cancellation, so a run stopped by it finds the lease already lost
            _ = _tenure.CancelAsync(); // the runs' callbacks on the thread pool, not inside this check (which holds _checking)
        }

        _held = held;
    }

    private async Task DropAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }
}
