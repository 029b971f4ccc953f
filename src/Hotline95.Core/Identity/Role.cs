namespace Hotline95.Core.Identity;

/// <summary>Who a user (or an integration's API key) is in the hotline's organisation.</summary>
public enum Role
{
    Agent,
    Specialist,
    Supervisor,
    ComplianceOfficer,
    Auditor,
    Admin,
    /// <summary>A system (PBX, CRM) calling the API with a key.</summary>
    Integration,
}
