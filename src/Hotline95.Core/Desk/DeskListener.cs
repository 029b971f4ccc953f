using Hotline95.Core.Data;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hotline95.Core.Desk;

/// <summary>
/// On PostgreSQL, this node's <c>LISTEN</c> on <see cref="DeskListener.Channel"/>: the CTI writer sends <c>pg_notify</c> once the
/// transaction that wrote desk events has committed, PostgreSQL delivers it to every node's listener, and the listener wakes its
/// <see cref="DeskFeed"/>, which reads the table. The notification carries nothing: the table stays the one source.
/// <para>
/// A session of its own (not pooled: a pooled connection would lose its LISTEN when given back). When the session is lost
/// (the database restarts or fails over, the connection is cut) the listener says so, so the feed polls at its short interval,
/// and opens a new one every <see cref="RetryAfter"/>; once listening again it wakes the feed to read what was committed meanwhile.
/// </para>
/// </summary>
public sealed class DeskListener(DatabaseTarget target, DeskFeed feed, ILogger log)
{
    /// <summary>The notification channel the CTI writer notifies and every node listens on.</summary>
    public const string Channel = "hotline95_desk";

    /// <summary>The listener's sessions are named so (pg_stat_activity.application_name).</summary>
    public const string ApplicationName = "hotline95-desk";

    /// <summary>How long a lost session waits before the next try.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>A quiet session is checked this often (a query), so a connection cut without a goodbye is noticed.</summary>
    public static readonly TimeSpan ProbeEvery = TimeSpan.FromSeconds(15);

    // Transport timing, not business time (as the feed's waits).
    private static readonly TimeProvider Wall = TimeProvider.System;

    public static bool Applies(DatabaseTarget target) => target.Provider == DatabaseProvider.Postgres;

    public async Task RunAsync(CancellationToken ct)
    {
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // One warning per outage, not one per try.
                if (failures++ == 0)
                {
                    log.LogWarning(ex, "The desk listener lost its database session; the desk feed polls until it is back");
                }
            }
            finally
            {
                feed.SetListening(false);
            }

            try
            {
                await Task.Delay(RetryAfter, Wall, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        async Task ListenAsync(CancellationToken token)
        {
            var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Pooling = false, ApplicationName = ApplicationName, KeepAlive = 5 };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(token);
            connection.Notification += (_, _) => feed.Notify();
            await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
            {
                await listen.ExecuteNonQueryAsync(token);
            }

            if (failures > 0)
            {
                log.LogInformation("The desk listener is listening again");
            }

            failures = 0;
            feed.SetListening(true);
            feed.Notify(); // what was committed before this LISTEN took effect is read now
            while (true)
            {
                if (!await connection.WaitAsync(ProbeEvery, token))
                {
                    await using var probe = new NpgsqlCommand("SELECT 1", connection);
                    await probe.ExecuteScalarAsync(token);
                }
            }
        }
    }
}
