using Hotline95.Core.Common;
using Hotline95.Core.Licensing.Dossiers;

namespace Hotline95.Core.Licensing.Eligibility;

/// <summary>The eligibility check of a dossier in the exchange format, against the policy in force on a day (today by default).</summary>
public sealed class CheckDossierHandler(PolicyCatalogue policies, EligibilityChecker checker, TimeProvider clock)
{
    public async Task<Result<EligibilityReport>> HandleAsync(string json, DateOnly? on, PlatformFacts? platform = null, CancellationToken ct = default)
    {
        var dossier = DossierJson.Parse(json);
        return dossier.IsSuccess ? await HandleAsync(dossier.Value, on, platform, ct) : dossier.Error;
    }

    public async Task<Result<EligibilityReport>> HandleAsync(Dossier dossier, DateOnly? on, PlatformFacts? platform = null, CancellationToken ct = default)
    {
        var day = on ?? ChinaTime.DateOf(clock.GetUtcNow());
        var policy = await policies.InForceAsync(day, ct);
        return policy.IsSuccess ? checker.Check(dossier, policy.Value, day, platform) : policy.Error;
    }
}
