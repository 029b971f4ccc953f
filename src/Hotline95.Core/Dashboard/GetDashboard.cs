using Hotline95.Core.Calendar;
using Hotline95.Core.Common;
using Hotline95.Core.Identity;
using Hotline95.Core.Retention;

namespace Hotline95.Core.Dashboard;

/// <summary>Who asks: the enterprise, the user (whose tickets are "mine") and what the user's role may see.</summary>
public sealed record DashboardRequest(Guid EnterpriseId, string Actor, IReadOnlySet<Permission> Permissions);

/// <summary>
/// The signed-in user's dashboard: today's date in Shanghai and whether it is worked, and one figure set per card the user's
/// permissions allow (null otherwise: a role never receives another role's figures). Every figure is read from the
/// roll-ups and the records; a figure with nothing behind it is null or 0, never invented.
/// </summary>
public sealed record DashboardView(
    DateTimeOffset AsOf,
    DayInfo Today,
    MyTicketsCard? MyTickets,
    CallbacksCard? Callbacks,
    TodayCallsCard? TodayCalls,
    ComplaintsAtRiskCard? ComplaintsAtRisk,
    AlertsCard? Alerts,
    RedLinesCard? RedLines,
    LicenceDutiesCard? LicenceDuties,
    RetentionStateView? Retention,
    AuditChainCard? AuditChain,
    UsersCard? Users,
    ApiKeysCard? ApiKeys,
    KeysCard? Keys,
    BackupCard? Backup);

/// <summary>
/// The permission each card needs: the one its own page or action needs, so the dashboard shows no one a figure they could
/// not look up. The agent's cards follow the work (handling tickets, calling back); the supervisor's the monitoring and
/// complaint figures; the compliance officer's the red lines, the licence duties they complete, the retention and the audit
/// chain; the administrator's the accounts, keys and backups they manage.
/// </summary>
public static class DashboardCards
{
    /// <summary>How many items a card lists (the most urgent, oldest or newest first); its counts cover all.</summary>
    public const int Listed = 5;

    public const Permission MyTickets = Permission.HandleTickets;
    public const Permission Callbacks = Permission.HandleTickets;
    public const Permission TodayCalls = Permission.ViewMonitoring;
    public const Permission ComplaintsAtRisk = Permission.ViewComplaintFigures;
    public const Permission Alerts = Permission.ViewMonitoring;
    public const Permission RedLines = Permission.ViewRedLines;
    public const Permission LicenceDuties = Permission.ManageLicence;
    public const Permission Retention = Permission.ViewKeys;
    public const Permission AuditChain = Permission.ViewAudit;
    public const Permission Users = Permission.ManageUsers;
    public const Permission ApiKeys = Permission.ManageApiKeys;
    public const Permission Keys = Permission.ManageKeys;
    public const Permission Backup = Permission.ManageKeys;
}

public sealed class GetDashboardHandler(
    MyWorkFigures work, ServiceFigures service, ComplianceFigures compliance, AdminFigures admin, WorkdayCalendar calendar, TimeProvider clock)
{
    public async Task<DashboardView> HandleAsync(DashboardRequest r, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var e = r.EnterpriseId;
        return new DashboardView(
            ChinaTime.ToChina(now),
            calendar.GetDay(today),
            await When(r, DashboardCards.MyTickets, () => work.MyTicketsAsync(e, r.Actor, ct)),
            await When(r, DashboardCards.Callbacks, () => work.CallbacksAsync(e, today, ct)),
            await When(r, DashboardCards.TodayCalls, () => service.TodayCallsAsync(e, today, ct)),
            await When(r, DashboardCards.ComplaintsAtRisk, () => service.ComplaintsAtRiskAsync(e, now, ct)),
            await When(r, DashboardCards.Alerts, () => service.AlertsAsync(e, ct)),
            await When(r, DashboardCards.RedLines, () => compliance.RedLinesAsync(e, ct)),
            await When(r, DashboardCards.LicenceDuties, () => compliance.LicenceDutiesAsync(e, ct)),
            await When(r, DashboardCards.Retention, () => compliance.RetentionAsync(e, ct)),
            await When(r, DashboardCards.AuditChain, () => compliance.AuditChainAsync(ct)),
            await When(r, DashboardCards.Users, () => admin.UsersAsync(e, ct)),
            await When(r, DashboardCards.ApiKeys, () => admin.ApiKeysAsync(e, ct)),
            await When(r, DashboardCards.Keys, () => admin.KeysAsync(e, now, ct)),
            await When(r, DashboardCards.Backup, () => admin.BackupAsync(ct)));
    }

    private static async Task<T?> When<T>(DashboardRequest r, Permission needed, Func<Task<T>> figures) where T : class =>
        r.Permissions.Contains(needed) ? await figures() : null;
}
