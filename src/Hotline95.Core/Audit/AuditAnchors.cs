using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Data;
using Hotline95.Core.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Audit;

public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>
    /// The file anchors are appended to: outside the database, ideally on another disk or a mounted share (several nodes
    /// write to one shared file). Default &lt;data&gt;/audit-anchors.jsonl.
    /// </summary>
    public string? AnchorFile { get; set; }

    /// <summary>Where each anchor is also POSTed as JSON (a SIEM, a log collector); none by default.</summary>
    public Uri? AnchorWebhookUrl { get; set; }

    /// <summary>How often the server anchors the chain's head (at least hourly).</summary>
    public TimeSpan AnchorEvery { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>One anchor: the chain's head at a moment, kept outside the database.</summary>
public sealed record AuditAnchor(long Sequence, string Hash, DateTimeOffset At, string Reason);

/// <summary>
/// Writes the head of the audit chain (sequence and MAC) outside the database: to an append-only file and, if set, a
/// webhook. Whoever deletes entries from the database cannot remove them from before the newest anchor unnoticed:
/// <see cref="VerifyAuditLogHandler"/> checks every anchor. At most the entries since the last anchor are exposed.
/// </summary>
public sealed class AuditAnchors(Hotline95DbContext db, IOptions<AuditOptions> options, TimeProvider clock, ILogger<AuditAnchors> log)
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(10) };

    public string File => options.Value.AnchorFile!;

    /// <summary>Anchors the current head; null when the log is empty.</summary>
    public async Task<AuditAnchor?> AnchorAsync(string reason, CancellationToken ct = default)
    {
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
        if (head is null)
        {
            return null;
        }

        var anchor = new AuditAnchor(head.Sequence, head.Hash, clock.GetUtcNow(), reason);
        // Nodes share the anchor file: one append at a time (two nodes stopping together each anchor, and an append is not
        // atomic on every file system), under a lock held until this transaction ends. Nothing is written in it.
        await using var appending = db.Database.IsNpgsql() && db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (appending is not null)
        {
            await ClusterLocks.ForTransactionAsync(db, ClusterLocks.AuditAnchorAppend, 0, ct);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(File))!);
        var options1 = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite };
        if (!OperatingSystem.IsWindows())
        {
            options1.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(File, options1))
        {
            await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(anchor) + "\n"), ct);
            stream.Flush(flushToDisk: true);
        }

        if (appending is not null)
        {
            await appending.CommitAsync(ct);
        }

        if (options.Value.AnchorWebhookUrl is { } url)
        {
            try
            {
                using var response = await Client.PostAsJsonAsync(url, anchor, ct);
                response.EnsureSuccessStatusCode();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                log.LogWarning("Audit anchor #{Sequence} was written to {File} but not delivered to {Url}: {Message}", anchor.Sequence, File, url, ex.Message);
            }
        }

        return anchor;
    }

    /// <summary>Every anchor in the file (an unreadable line is reported as such by the verifier).</summary>
    public IReadOnlyList<(int Line, AuditAnchor? Anchor)> Read()
    {
        if (!System.IO.File.Exists(File))
        {
            return [];
        }

        return System.IO.File.ReadAllLines(File)
            .Select((text, i) => (Line: i + 1, Text: text))
            .Where(l => !string.IsNullOrWhiteSpace(l.Text))
            .Select(l =>
            {
                try
                {
                    return (l.Line, JsonSerializer.Deserialize<AuditAnchor>(l.Text));
                }
                catch (JsonException)
                {
                    return (l.Line, (AuditAnchor?)null);
                }
            }).ToList();
    }
}

/// <summary>
/// Anchors the chain every <see cref="AuditOptions.AnchorEvery"/> (on the node running the jobs) and when a node stops
/// (every node: the last to stop anchors what the others wrote; appends to the shared file take turns).
/// </summary>
public sealed class AuditAnchorJob(IServiceScopeFactory scopeFactory, IOptions<AuditOptions> options, TimeProvider clock, ILogger<AuditAnchorJob> logger)
    : PeriodicJob(scopeFactory, clock, logger)
{
    private readonly IServiceScopeFactory _scopes = scopeFactory;
    private readonly ILogger _log = logger;

    protected override TimeSpan Every => options.Value.AnchorEvery;

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<AuditAnchors>().AnchorAsync("hourly", ct);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AuditAnchors>().AnchorAsync("shutdown", cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _log.LogError(ex, "The audit anchor at shutdown failed");
        }
    }
}
