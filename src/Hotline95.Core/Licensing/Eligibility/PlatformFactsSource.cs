using Hotline95.Core.Complaints;
using Hotline95.Core.Data;
using Hotline95.Core.Licensing.Dossiers;
using Hotline95.Core.Retention;
using Hotline95.Core.Roster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Licensing.Eligibility;

/// <summary>Reads <see cref="PlatformFacts"/> from the roster and from the configuration this installation enforces.</summary>
public sealed class PlatformFactsSource(Hotline95DbContext db, IOptions<RetentionOptions> retention, IOptions<ComplaintPolicyOptions> complaints)
{
    /// <summary>What the call store applies to every personal-data field (Security/FieldCipher).</summary>
    public const string Encryption = "AES-256-GCM";

    private static readonly char[] EquipmentSeparators = ['、', ',', '，', ';', '；'];

    public async Task<PlatformFacts> ForAsync(Guid enterpriseId, CancellationToken ct = default)
    {
        var seats = await db.Seats.AsNoTracking().Where(s => s.EnterpriseId == enterpriseId).Select(s => s.Equipment).ToListAsync(ct);
        var agents = await db.Agents.AsNoTracking().Where(a => a.EnterpriseId == enterpriseId).OrderBy(a => a.Name).ToListAsync(ct);
        var trainings = (await db.Trainings.AsNoTracking().Where(t => t.EnterpriseId == enterpriseId).ToListAsync(ct))
            .ToLookup(t => t.AgentId);
        return new PlatformFacts(
            seats.Count,
            agents.Select(a => new DossierAgent(a.Name, a.Employment == EmploymentType.FullTime, a.SocialInsuranceCity, a.SocialInsuranceMonths,
                trainings[a.Id].OrderBy(t => t.HeldOn).Select(t => new TrainingRecord(t.Topic, t.HeldOn, t.FileName)).ToList())).ToList(),
            Encryption,
            retention.Value.CallRecordMonths,
            complaints.Value.ResponseHours,
            complaints.Value.ResolutionWorkingDays,
            retention.Value.ComplaintRecordMonths,
            seats.SelectMany(e => e.Split(EquipmentSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal).ToList());
    }
}
