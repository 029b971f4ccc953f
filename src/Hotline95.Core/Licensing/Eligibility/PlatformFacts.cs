using Hotline95.Core.Licensing.Dossiers;

namespace Hotline95.Core.Licensing.Eligibility;

/// <summary>
/// What the platform itself knows about an enterprise that runs its hotline here: the roster's seats and agents,
/// the encryption it applies and the retention and complaint limits it enforces. These replace the dossier's
/// own statements, and the findings say so.
/// </summary>
public sealed record PlatformFacts(
    int Seats,
    IReadOnlyList<DossierAgent> Agents,
    string Encryption,
    int CallRecordRetentionMonths,
    int ComplaintResponseHours,
    int ComplaintResolutionWorkingDays,
    int ComplaintRecordRetentionMonths)
{
    /// <summary>The dossier with the platform's facts in place of its own statements, for documents that must say what is really run.</summary>
    public Dossier ApplyTo(Dossier dossier)
    {
        var policies = dossier.SecurityPolicies ?? new SecurityPolicies();
        return dossier with
        {
            Premises = (dossier.Premises ?? new Premises()) with { Seats = Seats },
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
