using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Licensing.Eligibility;

/// <summary>Every policy version: the ones shipped with the program and the ones published since. The one in force on a day is the latest effective by then.</summary>
public sealed class PolicyCatalogue(Hotline95DbContext db)
{
    private static readonly Lazy<IReadOnlyList<EligibilityPolicy>> Embedded = new(() =>
        EmbeddedResources.Named("Hotline95.Licensing.Policies.").Select(n => EligibilityPolicy.Parse(EmbeddedResources.ReadText(n))).ToList());

    public static IReadOnlyList<EligibilityPolicy> Shipped => Embedded.Value;

    public async Task<IReadOnlyList<EligibilityPolicy>> AllAsync(CancellationToken ct = default)
    {
        var published = await db.LicencePolicies.AsNoTracking().ToListAsync(ct);
        return Inherit(Shipped.Concat(published.Select(p => EligibilityPolicy.Parse(p.Json)))
            .GroupBy(p => p.Id).Select(g => g.Last())
            .OrderBy(p => p.EffectiveFrom).ThenBy(p => p.Id, StringComparer.Ordinal)
            .ToList());
    }

    /// <summary>
    /// Versions in order of taking effect, each that does not state the annual report's due date given the one before it
    /// (versions published before the rule was policy data do not state it).
    /// </summary>
    public static IReadOnlyList<EligibilityPolicy> Inherit(IReadOnlyList<EligibilityPolicy> ordered)
    {
        AnnualReportDue? last = null;
        return ordered.Select(p =>
        {
            last = p.AnnualReport ?? last;
            return p.AnnualReport is null ? p with { AnnualReport = last } : p;
        }).ToList();
    }

    public async Task<Result<EligibilityPolicy>> InForceAsync(DateOnly on, CancellationToken ct = default) =>
        InForce(await AllAsync(ct), on);

    /// <summary>
    /// The policy whose periods govern a duty due from <paramref name="on"/>: the one in force, or for a day before any
    /// policy took effect the oldest shipped one (a duty still has to be timed).
    /// </summary>
    public async Task<EligibilityPolicy> ForDutiesAsync(DateOnly on, CancellationToken ct = default) =>
        (await InForceAsync(on, ct)).Match(p => p, _ => Shipped[^1]);

    /// <summary>The annual report's due date in force on <paramref name="on"/>, and the version that says so.</summary>
    public async Task<(AnnualReportDue Due, string Policy)> AnnualReportDueAsync(DateOnly on, CancellationToken ct = default)
    {
        var policy = await ForDutiesAsync(on, ct);
        return (policy.AnnualReport ?? Shipped.First(p => p.AnnualReport is not null).AnnualReport!, policy.Id);
    }

    public static Result<EligibilityPolicy> InForce(IReadOnlyList<EligibilityPolicy> policies, DateOnly on) =>
        policies.LastOrDefault(p => p.EffectiveFrom <= on) is { } policy
            ? policy
            : Error.Validation("on", "POLICY_NONE_IN_FORCE", ("on", on), ("earliest", policies.Min(p => p.EffectiveFrom)));
}
