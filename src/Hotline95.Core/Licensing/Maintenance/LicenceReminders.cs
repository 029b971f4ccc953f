using Hotline95.Core.Hosting;
using Hotline95.Core.Common;
using Hotline95.Core.Complaints;
using Hotline95.Core.Data;
using Hotline95.Core.Notifications;
using Hotline95.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Licensing.Maintenance;

/// <summary>
/// Sends the compliance officer one reminder per lead time (by default 30, 7 and 1 days before) for each open
/// duty. A duty first seen inside several lead times gets one reminder, for the nearest. Annual reports are first put on
/// the policy's date for their year (<see cref="LicenceTasks.ReconcileAnnualReportsAsync"/>), so reminders follow it.
/// </summary>
public sealed class SendLicenceRemindersHandler(Hotline95DbContext db, LicenceTasks tasks, Notify notify, IOptions<LicensingOptions> options, TimeProvider clock)
{
    public async Task<int> HandleAsync(CancellationToken ct = default)
    {
        await tasks.ReconcileAnnualReportsAsync(null, ct);
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var leads = options.Value.ReminderLeadDays.Distinct().Order().ToArray();
        var horizon = today.AddDays(leads.Max());
        var due = await db.LicenceTasks.Where(t => t.DoneOn == null && t.DueOn <= horizon).ToListAsync(ct);
        var sent = 0;
        foreach (var task in due)
        {
            var left = task.DueOn.DayNumber - today.DayNumber;
            var lead = leads.FirstOrDefault(l => left <= l);
            if (task.RemindersSent.Contains(lead))
            {
                continue;
            }

            task.RemindersSent.AddRange(leads.Where(l => l >= lead && !task.RemindersSent.Contains(l)));
            notify.Role(task.EnterpriseId, Role.ComplianceOfficer, NoticeKinds.LicenceReminder, "/licence", null,
                ("when", left < 0 ? Phrase.Of("notice.when.overdue", ("days", -left)) : Phrase.Of("notice.when.dueIn", ("days", left))),
                ("task", LicenceTasks.TitleOf(task)), ("due", task.DueOn));
            sent++;
        }

        await db.SaveChangesAsync(ct);
        return sent;
    }
}

public sealed class LicenceReminderService(IServiceScopeFactory scopes, IOptions<LicensingOptions> options, TimeProvider clock, ILogger<LicenceReminderService> log)
    : PeriodicJob(scopes, clock, log)
{
    protected override TimeSpan Every => options.Value.ReminderCheckEvery;

    protected override bool RunAtStart => true;

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<SendLicenceRemindersHandler>().HandleAsync(ct);
}

