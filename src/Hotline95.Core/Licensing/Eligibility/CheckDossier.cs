using Hotline95.Core.Common;
using Hotline95.Core.Licensing.Dossiers;

namespace Hotline95.Core.Licensing.Eligibility;

/// <summary>The eligibility check of a dossier in the exchange format, against the policy in force on a day (today by default).</summary>
public sealed class CheckDossierHandler(PolicyCatalogue policies, EligibilityChecker checker, TimeProvider clock)
{
    public async Task<Result<EligibilityReport>> HandleAsync(string json, DateOnly? on, PlatformFacts? platform = null, InspectionDate? inspection = null, CancellationToken ct = default)
    {
        var dossier = DossierJson.Parse(json);
        return dossier.IsSuccess ? await HandleAsync(dossier.Value, on, platform, inspection, ct) : dossier.Error;
    }

    /// <param name="inspection">When the on-site inspection is expected (from an application's timeline); null: reckoned from the check date.</param>
    public async Task<Result<EligibilityReport>> HandleAsync(Dossier dossier, DateOnly? on, PlatformFacts? platform = null, InspectionDate? inspection = null, CancellationToken ct = default)
    {
        var day = on ?? ChinaTime.DateOf(clock.GetUtcNow());
        var policy = await policies.InForceAsync(day, ct);
        return policy.IsSuccess ? checker.Check(dossier, policy.Value, day, platform, inspection) : policy.Error;
    }
}
