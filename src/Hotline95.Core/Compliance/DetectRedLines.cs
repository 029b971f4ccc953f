using Hotline95.Core.Hosting;
using Hotline95.Core.Audit;
using Hotline95.Core.Calls;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Licensing.Dossiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Compliance;

/// <summary>
/// The red-line checks that run by themselves: outbound calls placed from a marketing queue or campaign
/// (out-of-scope use), bursts of reveals by one user (data leak), and a number operated by an enterprise
/// other than the certificate's holder (lending). Tickets filed under a category outside the approved
/// purposes and exports over the limit raise theirs where they happen.
/// </summary>
public sealed class DetectRedLinesHandler(Hotline95DbContext db, RedLineAlertsHandler alerts, IOptions<RedLineOptions> options, TimeProvider clock)
{
    /// <summary>All enterprises (the server's job), or one (a ComplianceOfficer asking for a check now).</summary>
    public async Task<IReadOnlyList<RedLineAlert>> HandleAsync(Guid? enterpriseId = null, CancellationToken ct = default)
    {
        var raised = new List<RedLineAlert>();
        var now = clock.GetUtcNow();
        var scanner = new Scanner(Lexicon.Default);

        // Out of scope: the PBX's queue or campaign name of outbound calls says marketing.
        var since = now.AddDays(-1);
        var queues = await db.Calls.AsNoTracking()
            .Where(c => (enterpriseId == null || c.EnterpriseId == enterpriseId) && c.Direction == CallDirection.Out && c.StartedAt >= since && c.Queue != null)
            .GroupBy(c => new { c.EnterpriseId, c.Line, c.Queue })
            .Select(g => new { g.Key.EnterpriseId, g.Key.Line, g.Key.Queue, Calls = g.Count() })
            .ToListAsync(ct);
        foreach (var q in queues)
        {
            var marketing = Service.MarketingTerms.Find(q.Queue);
            if (marketing is null)
            {
                continue;
            }

            var day = ChinaTime.DateOf(now);
            if (await alerts.RaiseAsync(q.EnterpriseId, RedLine.OutOfScope, "outbound-marketing-queue", q.Line, $"queue:{q.Line}:{q.Queue}:{day:yyyy-MM-dd}",
                Phrase.Of("evidence.marketingQueue", ("calls", q.Calls), ("line", q.Line), ("queue", q.Queue), ("term", marketing)), ct) is { } a)
            {
                raised.Add(a);
            }
        }

        // Data leak: one user revealing many customers in a short time.
        var o = options.Value;
        var window = now - o.RevealWindow;
        var bursts = await db.AuditEntries.AsNoTracking()
            .Where(e => (enterpriseId == null || e.EnterpriseId == enterpriseId) && e.Action == AuditActions.CallRevealed && e.At >= window)
            .GroupBy(e => new { e.EnterpriseId, e.Actor })
            .Select(g => new { g.Key.EnterpriseId, g.Key.Actor, Count = g.Count() })
            .Where(g => g.Count >= o.RevealBurst)
            .ToListAsync(ct);
        foreach (var b in bursts)
        {
            var hour = ChinaTime.ToChina(now).ToString("yyyy-MM-ddTHH", System.Globalization.CultureInfo.InvariantCulture);
            if (await alerts.RaiseAsync(b.EnterpriseId, RedLine.DataLeak, "reveal-burst", null, $"reveals:{b.Actor}:{hour}",
                Phrase.Of("evidence.revealBurst", ("actor", b.Actor), ("calls", b.Count), ("minutes", o.RevealWindow.TotalMinutes), ("limit", o.RevealBurst)), ct) is { } a)
            {
                raised.Add(a);
            }
        }

        // Lending: traffic through a trunk or account code not registered to the holder.
        var registered = (await db.Lines.AsNoTracking().Where(l => enterpriseId == null || l.EnterpriseId == enterpriseId).ToListAsync(ct)).Where(l => l.RegisteredTrunks.Count > 0).ToList();
        foreach (var line in registered)
        {
            var trunks = await db.Calls.AsNoTracking()
                .Where(c => c.EnterpriseId == line.EnterpriseId && c.Line == line.Number && c.StartedAt >= since && c.Trunk != null)
                .GroupBy(c => c.Trunk).Select(g => new { Trunk = g.Key!, Calls = g.Count() }).ToListAsync(ct);
            foreach (var t in trunks.Where(t => !line.RegisteredTrunks.Contains(t.Trunk)))
            {
                var day = ChinaTime.DateOf(now);
                if (await alerts.RaiseAsync(line.EnterpriseId, RedLine.NumberLending, "unregistered-trunk", line.Number, $"trunk:{line.Number}:{t.Trunk}:{day:yyyy-MM-dd}",
                    Phrase.Of("evidence.unregisteredTrunk", ("calls", t.Calls), ("line", line.Number), ("trunk", t.Trunk), ("registered", line.RegisteredTrunks)), ct) is { } a)
                {
                    raised.Add(a);
                }
            }
        }

        // Lending: the enterprise operating a certified number must be the one named on the certificate.
        var certified = await (from d in db.Dossiers.AsNoTracking()
                               join e in db.Enterprises.AsNoTracking() on d.EnterpriseId equals e.Id
                               where (enterpriseId == null || d.EnterpriseId == enterpriseId) && d.UsesPlatform && d.CertificateNumber != null && d.Number != null
                               select new { d.EnterpriseId, d.Number, d.Json, d.CertificateNumber, Operator = e.Name }).ToListAsync(ct);
        foreach (var c in certified)
        {
            var holder = DossierJson.Parse(c.Json).Match(x => x.Company?.Name, _ => null);
            if (holder is null || Same(holder, c.Operator) || !await db.Lines.AnyAsync(l => l.EnterpriseId == c.EnterpriseId && l.Number == c.Number, ct))
            {
                continue;
            }

            if (await alerts.RaiseAsync(c.EnterpriseId, RedLine.NumberLending, "holder-mismatch", c.Number, $"holder:{c.Number}:{holder}:{c.Operator}",
                Phrase.Of("evidence.holderMismatch", ("line", c.Number), ("operator", c.Operator), ("certificate", c.CertificateNumber), ("holder", holder)), ct) is { } a)
            {
                raised.Add(a);
            }
        }

        return raised;
    }

    // Enterprise names are often kept with an English gloss, e.g. "浦江示范银行股份有限公司 (Pujiang Demo Bank)".
    private static bool Same(string holder, string operatorName) =>
        operatorName.Trim().StartsWith(holder.Trim(), StringComparison.Ordinal) || holder.Trim().StartsWith(operatorName.Trim(), StringComparison.Ordinal);
}

public sealed class RedLineService(IServiceScopeFactory scopes, IOptions<RedLineOptions> options, TimeProvider clock, ILogger<RedLineService> log)
    : PeriodicJob(scopes, clock, log)
{
    protected override TimeSpan Every => options.Value.CheckEvery;

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<DetectRedLinesHandler>().HandleAsync(ct: ct);
}

