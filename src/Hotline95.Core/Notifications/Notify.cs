using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.Core.Notifications;

/// <summary>The kinds of notice the product sends; each is rendered at the edge from the catalog entry <c>notice.{kind}</c>.</summary>
public static class NoticeKinds
{
    public const string ComplaintEscalated = "complaint.escalated";
    public const string DeadlineEarlier = "deadline.earlier";
    public const string RedLine = "red-line";
    public const string LicenceTaskMoved = "licence-task-moved";
    public const string LicenceReminder = "licence-reminder";
    public const string MonitoringAlert = "monitoring-alert";

    public static readonly IReadOnlyList<string> All = [ComplaintEscalated, DeadlineEarlier, RedLine, LicenceTaskMoved, LicenceReminder, MonitoringAlert];

    /// <summary>The catalog entry a notice of <paramref name="kind"/> is written from.</summary>
    public static string CatalogKey(string kind) => $"notice.{kind}";
}

/// <summary>
/// The one way the product tells people something in the app: a notice for every user of a role in an enterprise.
/// It is staged on the caller's unit of work, so the notice is saved with the change it reports or not at all. A notice is
/// its kind (<see cref="NoticeKinds"/>) and its arguments: the edge writes it in its reader's language.
/// </summary>
public sealed class Notify(Hotline95DbContext db, TimeProvider clock)
{
    /// <summary>Longest text argument kept (evidence quoted from a call or a document).</summary>
    public const int MaxTextLength = 500;

    public Notification Role(Guid enterpriseId, Role role, string kind, string? link, DateTimeOffset? at, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        var kept = Phrase.ClipText(Phrase.ArgsOf(args), MaxTextLength);

        var notification = new Notification
        {
            EnterpriseId = enterpriseId,
            Role = role.ToString(),
            Kind = kind,
            Arguments = PhraseJson.WriteArgs(kept),
            // Read only by a node of the version before (a rolling upgrade), which shows this text: the code and its values.
            Message = Text.Clip(new Phrase(kind, kept).ToString(), MaxTextLength),
            Link = link,
            CreatedAt = at ?? clock.GetUtcNow(),
        };
        db.Notifications.Add(notification);
        return notification;
    }
}

public static class NotificationsRegistration
{
    public static IServiceCollection AddNotifications(this IServiceCollection services) => services.AddScoped<Notify>();
}
