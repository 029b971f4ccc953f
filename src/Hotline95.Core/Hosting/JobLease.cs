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
    /// Just before a job runs: true when this node holds the lease, asked of the database now rather than at the last
    /// periodic check, so a node whose session ended since then does not run the job beside the node that took over.
    /// </summary>
    public async Task<bool> ConfirmAsync(CancellationToken ct)
    {
        if (!_held)
        {
            return false; // not the holder at the last check: the periodic check is the one that takes it
        }

        await CheckAsync(ct);
        return _held;
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
            _connection ??= await ClusterLocks.OpenAsync(target, ct);
            var held = await ClusterLocks.TryAsync(_connection, ClusterLocks.Jobs, ct);
            if (held != _held)
            {
                log.LogInformation(held ? "This node now runs the background jobs" : "Another node runs the background jobs");
            }

            _held = held;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The session (and with it the lock) is gone, or the database is unreachable: stop running jobs.
            if (_held)
            {
                log.LogWarning(ex, "Lost the background-job lease with the database session");
            }

            _held = false;
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
            _held = false;
            return; // a check still waits on the database; the session ends with the process
        }

        try
        {
            _held = target.Provider != DatabaseProvider.Postgres;
            await DropAsync(); // lets another node take over at its next try
        }
        finally
        {
            _checking.Release();
        }
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
