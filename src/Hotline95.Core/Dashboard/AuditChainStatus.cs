using Hotline95.Core.Audit;
using Hotline95.Core.Common;

namespace Hotline95.Core.Dashboard;

/// <summary>The audit chain's last verification by this server and when it ran (Asia/Shanghai).</summary>
public sealed record AuditChainCard(bool Intact, long EntriesChecked, long? FirstBadSequence, int AnchorsChecked, DateTimeOffset CheckedAt);

/// <summary>
/// Verifying walks the whole chain, installation-wide, so dashboards do not each run it: the last result is kept (per server)
/// and run again once it is older than <see cref="MaxAge"/>, by one request at a time.
/// </summary>
public sealed class AuditChainStatus(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private AuditChainCard? _last;

    public async Task<AuditChainCard> CurrentAsync(VerifyAuditLogHandler verify, CancellationToken ct)
    {
        if (Fresh(_last) is { } last)
        {
            return last;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (Fresh(_last) is { } meanwhile)
            {
                return meanwhile;
            }

            var result = await verify.HandleAsync(ct);
            _last = new AuditChainCard(result.Intact, result.EntriesChecked, result.FirstBadSequence, result.AnchorsChecked, ChinaTime.ToChina(clock.GetUtcNow()));
            return _last;
        }
        finally
        {
            _gate.Release();
        }
    }

    private AuditChainCard? Fresh(AuditChainCard? card) => card is not null && clock.GetUtcNow() - card.CheckedAt < MaxAge ? card : null;
}
