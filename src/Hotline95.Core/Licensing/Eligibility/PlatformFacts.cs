using Hotline95.Core.Licensing.Dossiers;

namespace Hotline95.Core.Licensing.Eligibility;

/// <summary>
/// What the platform itself knows about an enterprise that runs its hotline here: the roster's seats and agents,
/// the encryption it applies and the retention and complaint limits it enforces. These replace the dossier's
/// own statements, and the findings say so. <see cref="Equipment"/> is what the roster's seats list (话机、电脑…).
/// </summary>
public sealed record PlatformFacts(
    int Seats,
    IReadOnlyList<DossierAgent> Agents,
    string Encryption,
    int CallRecordRetentionMonths,
    int ComplaintResponseHours,
    int ComplaintResolutionWorkingDays,
    int ComplaintRecordRetentionMonths,
    IReadOnlyList<string>? Equipment = null)
{
    /// <summary>The dossier with the platform's facts in place of its own statements, for documents that must say what is really run.</summary>
    public Dossier ApplyTo(Dossier dossier)
    {
        var policies = dossier.SecurityPolicies ?? new SecurityPolicies();
        var premises = (dossier.Premises ?? new Premises()) with { Seats = Seats };
        return dossier with
        {
            UsesHotline95Platform = true,
            Premises = Equipment is { Count: > 0 } ? premises with { Equipment = Equipment } : premises,
            Agents = Agents,
            SecurityPolicies = policies with
            {
                CustomerData = (policies.CustomerData ?? new CustomerDataPolicy()) with { Encryption = Encryption, RetentionMonths = CallRecordRetentionMonths },
                CallRecords = (policies.CallRecords ?? new CallRecordsPolicy()) with { RetentionMonths = CallRecordRetentionMonths },
                Complaints = (policies.Complaints ?? new ComplaintsPolicy()) with
                {
                    ResponseHours = ComplaintResponseHours,
                    ResolutionWorkingDays = ComplaintResolutionWorkingDays,
                    RecordRetentionMonths = ComplaintRecordRetentionMonths,
                },
            },
        };
    }
}
