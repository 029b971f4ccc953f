using System.Collections.Frozen;

namespace Hotline95.Core.Identity;

/// <summary>What an endpoint or command requires. Roles grant permissions; endpoints never test roles directly.</summary>
public enum Permission
{
    ViewDashboard,
    ViewLines,
    ManageLines,
    ManageUsers,
    ManageApiKeys,
    ViewAudit,
    ViewCalls,
    /// <summary>See a customer's number and name in clear (with a reason; audited).</summary>
    RevealPersonalData,
    PlayRecordings,
    AttachRecordings,
    ManageBlocklist,
    ViewKeys,
    ManageKeys,
    ManageRetention,
    PostCtiEvents,
    HandleTickets,
    CreateComplaints,
    HandleComplaints,
    ViewComplaints,
    ViewComplaintFigures,
    /// <summary>Dossiers, their check, the portfolio, the application timeline and the licence duties.</summary>
    ViewLicence,
    /// <summary>Edit dossiers, generate documents, record application steps, complete duties, issue the calendar feed.</summary>
    ManageLicence,
    ViewRoster,
    /// <summary>Seats, agents' employment and social insurance, training records.</summary>
    ManageRoster,
    /// <summary>Monthly figures, roll-ups, anomaly alerts, the monitoring dashboard.</summary>
    ViewMonitoring,
    /// <summary>Record how an anomaly was handled.</summary>
    HandleAlerts,
    /// <summary>The annual usage report and the inspection evidence pack.</summary>
    GenerateReports,
    /// <summary>Check copy, prompts, scripts and SMS templates against the red-line lexicon.</summary>
    ScanText,
    /// <summary>Extend the lexicon with the enterprise's own terms and exceptions.</summary>
    ManageLexicon,
    /// <summary>Export calls with customers' numbers and names in clear (with a reason, watermarked, limited per day, audited).</summary>
    ExportPersonalData,
    /// <summary>The compliance console: red-line alerts acknowledged and resolved.</summary>
    ManageRedLines,
    ViewRedLines,
    /// <summary>Register outbound campaigns (their scripts are scanned).</summary>
    ManageCampaigns,
    /// <summary>Delete an uploaded dossier document (kept until a compliance officer deletes it).</summary>
    DeleteUploads,
    /// <summary>Find and read tickets (masked; their notes only for those who handle cases or may reveal, see CaseText).</summary>
    ViewTickets,
}

public static class RolePermissions
{
    private static readonly FrozenDictionary<Role, FrozenSet<Permission>> Grants = new Dictionary<Role, FrozenSet<Permission>>
    {
        [Role.Agent] = Set(Permission.ViewDashboard, Permission.ViewLines, Permission.ViewCalls, Permission.HandleTickets, Permission.ScanText,
            Permission.CreateComplaints, Permission.HandleComplaints, Permission.ViewComplaints, Permission.ViewTickets),
        [Role.Specialist] = Set(Permission.ViewDashboard, Permission.ViewLines, Permission.ViewCalls, Permission.PlayRecordings, Permission.ScanText,
            Permission.HandleTickets, Permission.HandleComplaints, Permission.ViewComplaints, Permission.ViewTickets),
        [Role.Supervisor] = Set(Permission.ViewDashboard, Permission.ViewLines, Permission.ViewCalls, Permission.RevealPersonalData,
            Permission.PlayRecordings, Permission.AttachRecordings, Permission.ManageBlocklist, Permission.HandleTickets,
            Permission.CreateComplaints, Permission.HandleComplaints, Permission.ViewComplaints, Permission.ViewComplaintFigures,
            Permission.ViewLicence, Permission.ViewRoster, Permission.ManageRoster, Permission.ViewMonitoring, Permission.HandleAlerts, Permission.ScanText, Permission.ExportPersonalData, Permission.ManageCampaigns, Permission.ViewTickets),
        [Role.ComplianceOfficer] = Set(Permission.ViewDashboard, Permission.ViewLines, Permission.ViewAudit, Permission.ViewCalls,
            Permission.RevealPersonalData, Permission.PlayRecordings, Permission.ViewKeys, Permission.ManageRetention,
            Permission.ViewComplaints, Permission.ViewComplaintFigures, Permission.ViewLicence, Permission.ManageLicence,
            Permission.ViewRoster, Permission.ManageRoster, Permission.ViewMonitoring, Permission.HandleAlerts, Permission.GenerateReports, Permission.ScanText, Permission.ManageLexicon, Permission.ExportPersonalData, Permission.ManageRedLines, Permission.ViewRedLines, Permission.ManageCampaigns, Permission.DeleteUploads, Permission.ViewTickets),
        [Role.Auditor] = Set(Permission.ViewDashboard, Permission.ViewLines, Permission.ViewAudit, Permission.ViewCalls, Permission.ViewKeys,
            Permission.ViewComplaints, Permission.ViewComplaintFigures, Permission.ViewLicence, Permission.ViewRoster, Permission.ViewMonitoring,
            Permission.GenerateReports, Permission.ScanText, Permission.ViewRedLines, Permission.ViewTickets),
        // Admins run the installation; seeing customers' data in clear is not part of that.
        // Uploaded evidence is the compliance officer's to delete.
        [Role.Admin] = Enum.GetValues<Permission>().Except([Permission.RevealPersonalData, Permission.ExportPersonalData, Permission.PostCtiEvents,
            Permission.HandleTickets, Permission.CreateComplaints, Permission.HandleComplaints, Permission.DeleteUploads]).ToFrozenSet(),
        [Role.Integration] = Set(Permission.ViewLines, Permission.AttachRecordings, Permission.PostCtiEvents, Permission.CreateComplaints),
    }.ToFrozenDictionary();

    public static bool Has(Role role, Permission permission) => Grants[role].Contains(permission);

    public static IReadOnlySet<Permission> Of(Role role) => Grants[role];

    private static FrozenSet<Permission> Set(params Permission[] permissions) => permissions.ToFrozenSet();
}
