namespace Hotline95.Core.Audit;

/// <summary>The stable action names written to the audit log (they appear in reports and the inspection pack).</summary>
public static class AuditActions
{
    public const string LoginSucceeded = "login.succeeded";
    public const string LoginFailed = "login.failed";
    public const string LoginRefusedLocked = "login.refused-locked";
    public const string AccountLocked = "account.locked";
    public const string UserAdded = "user.added";
    public const string RoleChanged = "user.role-changed";
    public const string ApiKeyCreated = "apikey.created";
    public const string LineAdded = "line.added";
    public const string DemoSeeded = "demo.seeded";
}
