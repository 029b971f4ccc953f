namespace Hotline95.Core.Audit;

/// <summary>The stable action names written to the audit log (they appear in reports and the inspection pack).</summary>
public static class AuditActions
{
    public const string LoginSucceeded = "login.succeeded";
    public const string CalendarNoticeLoaded = "calendar.notice-loaded";
    public const string DeadlineRecomputed = "deadline.recomputed";
    public const string LoginFailed = "login.failed";
    public const string LoginRefusedLocked = "login.refused-locked";
    public const string AccountLocked = "account.locked";
    public const string UserAdded = "user.added";
    public const string RoleChanged = "user.role-changed";
    public const string PasswordReset = "user.password-reset";
    public const string ApiKeyCreated = "apikey.created";
    public const string LineAdded = "line.added";
    public const string DemoSeeded = "demo.seeded";
    public const string CallsImported = "calls.imported";
    public const string CallRevealed = "call.revealed";
    public const string CallsExported = "calls.exported";
    public const string PersonalDataExported = "personal-data.exported";
    public const string RecordingAttached = "recording.attached";
    public const string RecordingPlayed = "recording.played";
    public const string RecordingDownloaded = "recording.downloaded";
    public const string CallerBlocked = "caller.blocked";
    public const string CallerUnblocked = "caller.unblocked";
    public const string LegalHoldPlaced = "legal-hold.placed";
    public const string LegalHoldReleased = "legal-hold.released";
    public const string RetentionPurged = "retention.purged";
    public const string DataKeyDestroyed = "key.destroyed";
    public const string MasterKeyRotated = "key.master-rotated";
    public const string LineUsageChanged = "line.usage-changed";
    public const string TicketStep = "ticket.step";
    public const string ComplaintReceived = "complaint.received";
    public const string ComplaintResponded = "complaint.responded";
    public const string ComplaintResolved = "complaint.resolved";
    public const string ComplaintEscalated = "complaint.escalated";
    public const string ComplaintsPurged = "complaints.purged";
    public const string DossierSaved = "dossier.saved";
    public const string DossierDeleted = "dossier.deleted";
    public const string PolicyPublished = "licence.policy-published";
    public const string ApplicationStep = "licence.application-step";
    public const string CorrectionNoticeRecorded = "licence.correction-notice";
    public const string LicenceTaskOpened = "licence.task-opened";
    public const string LicenceTaskDone = "licence.task-done";
    public const string CalendarFeedTokenIssued = "licence.calendar-token";
    public const string RosterChanged = "roster.changed";
    public const string AlertHandled = "monitoring.alert-handled";
    public const string ReportGenerated = "report.generated";
    public const string InspectionPackGenerated = "report.inspection-pack";
    public const string LexiconChanged = "compliance.lexicon-changed";
    public const string RedLineRaised = "red-line.raised";
    public const string RedLineAcknowledged = "red-line.acknowledged";
    public const string RedLineResolved = "red-line.resolved";
    public const string CampaignRegistered = "campaign.registered";
}
