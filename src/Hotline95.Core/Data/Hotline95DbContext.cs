using Hotline95.Core.Audit;
using Hotline95.Core.Enterprises;
using Hotline95.Core.Identity;
using Hotline95.Core.Licensing;
using Hotline95.Core.Monitoring;
using Hotline95.Core.Notifications;
using Hotline95.Core.Calls;
using Hotline95.Core.Compliance;
using Hotline95.Core.Complaints;
using Hotline95.Core.Service;
using Hotline95.Core.Retention;
using Hotline95.Core.Roster;
using Hotline95.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Hotline95.Core.Data;

/// <summary>The one database context; each feature folder owns the configuration of its own tables.</summary>
public sealed class Hotline95DbContext(DbContextOptions<Hotline95DbContext> options) : DbContext(options)
{
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<HotlineLine> Lines => Set<HotlineLine>();
    public DbSet<UserAccount> Users => Set<UserAccount>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Seat> Seats => Set<Seat>();
    public DbSet<DataKey> DataKeys => Set<DataKey>();
    public DbSet<BlindIndexKey> BlindIndexKeys => Set<BlindIndexKey>();
    public DbSet<AuditKey> AuditKeys => Set<AuditKey>();
    public DbSet<CallRecord> Calls => Set<CallRecord>();
    public DbSet<BlockedCaller> BlockedCallers => Set<BlockedCaller>();
    public DbSet<CallRecording> Recordings => Set<CallRecording>();
    public DbSet<LegalHold> LegalHolds => Set<LegalHold>();
    public DbSet<PurgeRun> PurgeRuns => Set<PurgeRun>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<TicketStepEntry> TicketSteps => Set<TicketStepEntry>();
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<AgentProfile> Agents => Set<AgentProfile>();
    public DbSet<AgentTraining> Trainings => Set<AgentTraining>();
    public DbSet<StoredDossier> Dossiers => Set<StoredDossier>();
    public DbSet<PublishedPolicy> LicencePolicies => Set<PublishedPolicy>();
    public DbSet<LicenceApplication> LicenceApplications => Set<LicenceApplication>();
    public DbSet<CorrectionNotice> CorrectionNotices => Set<CorrectionNotice>();
    public DbSet<LicenceTask> LicenceTasks => Set<LicenceTask>();
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();
    public DbSet<DailyLineFigures> DailyFigures => Set<DailyLineFigures>();
    public DbSet<HourlyLineVolume> HourlyVolumes => Set<HourlyLineVolume>();
    public DbSet<MonitoringAlert> Alerts => Set<MonitoringAlert>();
    public DbSet<CustomTerm> CustomTerms => Set<CustomTerm>();
    public DbSet<RedLineAlert> RedLineAlerts => Set<RedLineAlert>();
    public DbSet<OutboundCampaign> OutboundCampaigns => Set<OutboundCampaign>();
    public DbSet<Calendar.StoredHolidayNotice> HolidayNotices => Set<Calendar.StoredHolidayNotice>();
    public DbSet<Calls.Import.FollowPosition> FollowPositions => Set<Calls.Import.FollowPosition>();
    public DbSet<Callbacks.CallbackMark> Callbacks => Set<Callbacks.CallbackMark>();
    public DbSet<Callbacks.CallbackDayFigures> CallbackDays => Set<Callbacks.CallbackDayFigures>();
    public DbSet<Queues.QueueCall> QueueCalls => Set<Queues.QueueCall>();
    public DbSet<Queues.AgentInterval> AgentIntervals => Set<Queues.AgentInterval>();
    public DbSet<Queues.QueueHourFigures> QueueHours => Set<Queues.QueueHourFigures>();
    public DbSet<Queues.QueueAgentDayFigures> QueueAgentDays => Set<Queues.QueueAgentDayFigures>();
    public DbSet<Reports.ReportCase> ReportCases => Set<Reports.ReportCase>();
    public DbSet<Complaints.ComplaintFact> ComplaintFacts => Set<Complaints.ComplaintFact>();
    public DbSet<Licensing.Uploads.DossierUpload> Uploads => Set<Licensing.Uploads.DossierUpload>();
    public DbSet<Desk.DeskEvent> DeskEvents => Set<Desk.DeskEvent>();
    public DbSet<Security.SessionKey> SessionKeys => Set<Security.SessionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(Hotline95DbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite has no timestamp type; Unix milliseconds keep instants comparable and sortable in SQL.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UnixMillisecondsConverter>();
            // 16-byte blobs instead of 36-character text: the enterprise id leads most indexes.
            configurationBuilder.Properties<Guid>().HaveConversion<GuidToBytesConverter>();
            configurationBuilder.Properties<Guid?>().HaveConversion<GuidToBytesConverter>();
        }
        else
        {
            // PostgreSQL's timestamptz takes UTC only; business code may hand over Asia/Shanghai instants.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcConverter>();
        }
    }
}
