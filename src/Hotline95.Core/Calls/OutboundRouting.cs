using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Enterprises;
using Hotline95.Core.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline95.Core.Calls;

/// <summary>
/// One row of an enterprise's outbound routing table, as Zammad's: a destination pattern (digits, or digits and a
/// trailing <c>*</c> for a prefix) and the caller id to present. The first match, in order, wins.
/// </summary>
public sealed class OutboundRoute : ITenantScoped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EnterpriseId { get; init; }
    public int Position { get; init; }
    public required string Pattern { get; init; }
    public required string CallerId { get; init; }
}

internal sealed class OutboundRouteConfiguration : IEntityTypeConfiguration<OutboundRoute>
{
    public void Configure(EntityTypeBuilder<OutboundRoute> e)
    {
        e.ToTable("outbound_routes");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.EnterpriseId, x.Position }).IsUnique();
        e.Property(x => x.Pattern).HasMaxLength(33);
        e.Property(x => x.CallerId).HasMaxLength(32);
        e.BelongsToEnterprise();
    }
}

/// <summary>What an outbound call needs: the routes, the line that takes calls from an agent's extension, and each line's caller id.</summary>
public sealed record OutboundPlan(IReadOnlyList<OutboundRoute> Routes, string? DefaultLine, IReadOnlyDictionary<string, string> CallerIds)
{
    public static readonly OutboundPlan None = new([], null, new Dictionary<string, string>());

    /// <summary>The caller id for a call from <paramref name="line"/> to <paramref name="destination"/>: the first matching route, else the line's own, else the 95 number itself.</summary>
    public string CallerIdFor(string line, string? destination)
    {
        var digits = Digits(destination);
        foreach (var route in Routes.OrderBy(r => r.Position))
        {
            var matches = route.Pattern.EndsWith('*')
                ? digits.StartsWith(route.Pattern[..^1], StringComparison.Ordinal)
                : digits == route.Pattern;
            if (matches && digits.Length > 0)
            {
                return route.CallerId;
            }
        }

        return CallerIds.GetValueOrDefault(line) ?? line;
    }

    public static async Task<OutboundPlan> LoadAsync(Hotline95DbContext db, Guid enterpriseId, CancellationToken ct)
    {
        var routes = await db.Set<OutboundRoute>().AsNoTracking().Where(r => r.EnterpriseId == enterpriseId).OrderBy(r => r.Position).ToListAsync(ct);
        var lines = await db.Lines.AsNoTracking().Where(l => l.EnterpriseId == enterpriseId)
            .Select(l => new { l.Number, l.OutboundCallerId, l.DefaultOutbound }).ToListAsync(ct);
        return new OutboundPlan(routes, lines.FirstOrDefault(l => l.DefaultOutbound)?.Number,
            lines.Where(l => l.OutboundCallerId != null).ToDictionary(l => l.Number, l => l.OutboundCallerId!));
    }

    public static string Digits(string? number) => new((number ?? "").Where(char.IsAsciiDigit).ToArray());
}

public sealed record OutboundRouteView(int Position, string Pattern, string CallerId);

public sealed record OutboundSettingsView(IReadOnlyList<OutboundRouteView> Routes, string? DefaultLine, IReadOnlyDictionary<string, string> LineCallerIds);

/// <summary>Manages the outbound routing table and each line's outbound caller id; every change is audited.</summary>
public sealed class OutboundRoutesHandler(Hotline95DbContext db, AuditLog audit)
{
    public async Task<OutboundSettingsView> GetAsync(Guid enterpriseId, CancellationToken ct = default)
    {
        var plan = await OutboundPlan.LoadAsync(db, enterpriseId, ct);
        return new OutboundSettingsView(plan.Routes.Select(r => new OutboundRouteView(r.Position, r.Pattern, r.CallerId)).ToList(), plan.DefaultLine, plan.CallerIds);
    }

    /// <summary>Replaces the table with <paramref name="routes"/>, in order (first match wins).</summary>
    public async Task<Result<OutboundSettingsView>> ReplaceAsync(Guid enterpriseId, IReadOnlyList<(string Pattern, string CallerId)> routes, string actor, CancellationToken ct = default)
    {
        for (var i = 0; i < routes.Count; i++)
        {
            var (pattern, callerId) = routes[i];
            if (!IsPattern(pattern))
            {
                return Error.Validation($"routes[{i}].pattern", "ROUTE_PATTERN_INVALID", ("pattern", pattern));
            }

            if (!IsNumber(callerId))
            {
                return Error.Validation($"routes[{i}].callerId", "ROUTE_CALLER_ID_INVALID", ("callerId", callerId));
            }
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Set<OutboundRoute>().Where(r => r.EnterpriseId == enterpriseId).ExecuteDeleteAsync(ct);
        db.Set<OutboundRoute>().AddRange(routes.Select((r, i) => new OutboundRoute { EnterpriseId = enterpriseId, Position = i + 1, Pattern = r.Pattern, CallerId = r.CallerId }));
        await audit.SaveAndAppendAsync(db, enterpriseId, actor, AuditActions.OutboundRoutesChanged, "outbound-routes",
            routes.Count == 0 ? "cleared" : string.Join("; ", routes.Select(r => $"{r.Pattern}->{r.CallerId}")), ct);
        await tx.CommitAsync(ct);
        return await GetAsync(enterpriseId, ct);
    }

    /// <summary>Sets a line's outbound caller id (null: the 95 number itself) and whether it takes outbound calls whose <c>from</c> is an agent's extension.</summary>
    public async Task<Result<OutboundSettingsView>> SetLineAsync(Guid enterpriseId, string number, string? callerId, bool? isDefault, string actor, CancellationToken ct = default)
    {
        var line = await db.Lines.SingleOrDefaultAsync(l => l.EnterpriseId == enterpriseId && l.Number == number, ct);
        if (line is null)
        {
            return Error.NotFound("LINE_UNKNOWN", ("field", "line"), ("line", number));
        }

        if (callerId is { Length: > 0 } && !IsNumber(callerId))
        {
            return Error.Validation("callerId", "ROUTE_CALLER_ID_INVALID", ("callerId", callerId));
        }

        line.OutboundCallerId = string.IsNullOrEmpty(callerId) ? null : callerId;
        // The other lines' default cleared with this line's change and its entry, or none of them.
        await db.Database.InTransactionAsync(async () =>
        {
            if (isDefault == true)
            {
                // Another request making another line the default waits here until it commits, and its line is then cleared.
                await ClusterLocks.ForTransactionAsync(db, ClusterLocks.OutboundDefault, ClusterLocks.Of(enterpriseId), ct);
                await db.Lines.Where(l => l.EnterpriseId == enterpriseId && l.Id != line.Id && l.DefaultOutbound)
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.DefaultOutbound, false), ct);
                line.DefaultOutbound = true;
            }
            else if (isDefault == false)
            {
                line.DefaultOutbound = false;
            }

            await audit.SaveAndAppendAsync(db, enterpriseId, actor, AuditActions.OutboundRoutesChanged, $"line:{number}",
                $"callerId={line.OutboundCallerId ?? "(the number itself)"} defaultOutbound={line.DefaultOutbound}", ct);
        }, ct);
        return await GetAsync(enterpriseId, ct);
    }

    private static bool IsPattern(string pattern)
    {
        var digits = pattern.EndsWith('*') ? pattern[..^1] : pattern;
        return digits.Length is > 0 and <= 32 && digits.All(char.IsAsciiDigit);
    }

    private static bool IsNumber(string number) => number.Length is >= 3 and <= 32 && number.All(char.IsAsciiDigit);
}
