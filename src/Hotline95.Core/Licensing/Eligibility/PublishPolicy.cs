using System.Text.Json;
using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Licensing.Dossiers;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Licensing.Eligibility;

public sealed record PolicyRegression(Guid EnterpriseId, Guid DossierId, string Title, IReadOnlyList<string> NewCodes);

public sealed record PublishPolicyResult(string Policy, DateOnly EffectiveFrom, string? Previous, int DossiersChecked, IReadOnlyList<PolicyRegression> NowFailing);

/// <summary>
/// Publishes a new policy version (a notice from the authority) and answers the question that matters the day
/// it is published: which dossiers passed under the policy it replaces and fail under it.
/// </summary>
public sealed class PublishPolicyHandler(Hotline95DbContext db, PolicyCatalogue catalogue, EligibilityChecker checker, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<PublishPolicyResult>> HandleAsync(string json, Guid actorEnterpriseId, string actor, CancellationToken ct = default)
    {
        EligibilityPolicy policy;
        try
        {
            policy = EligibilityPolicy.Parse(json);
        }
        catch (JsonException ex)
        {
            return Error.Validation(ex.Path ?? "$", "POLICY_INVALID", ("path", ex.Path ?? "$"), ("cause", ex.Message));
        }

        var all = await catalogue.AllAsync(ct);
        if (all.Any(p => p.Id == policy.Id))
        {
            return Error.Conflict("POLICY_EXISTS", "id", ("id", policy.Id));
        }

        var previous = PolicyCatalogue.InForce(all, policy.EffectiveFrom).Match<EligibilityPolicy?>(p => p, _ => null);
        db.LicencePolicies.Add(new PublishedPolicy { Id = policy.Id, EffectiveFrom = policy.EffectiveFrom, Json = policy.ToJson(), PublishedAt = clock.GetUtcNow(), PublishedBy = actor });
        await audit.SaveAndAppendAsync(db, actorEnterpriseId, actor, AuditActions.PolicyPublished, $"policy:{policy.Id}", $"effective={policy.EffectiveFrom:yyyy-MM-dd} replaces={previous?.Id}", ct);

        var regressions = new List<PolicyRegression>();
        var dossiers = await db.Dossiers.AsNoTracking().ToListAsync(ct);
        foreach (var stored in dossiers)
        {
            if (!DossierJson.Parse(stored.Json).IsSuccess || previous is null)
            {
                continue;
            }

            // Both checks on the new policy's first day, so only the policy differs.
            var dossier = DossierJson.Parse(stored.Json).Value;
            var before = checker.Check(dossier, previous, policy.EffectiveFrom);
            var after = checker.Check(dossier, policy, policy.EffectiveFrom);
            if (before.Eligible && !after.Eligible)
            {
                regressions.Add(new PolicyRegression(stored.EnterpriseId, stored.Id, stored.Title,
                    after.Findings.Where(f => f.Severity == FindingSeverity.Error).Select(f => f.Code).Distinct().ToList()));
            }
        }

        return new PublishPolicyResult(policy.Id, policy.EffectiveFrom, previous?.Id, dossiers.Count, regressions);
    }
}
