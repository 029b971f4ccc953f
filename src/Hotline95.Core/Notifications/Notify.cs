using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.Core.Notifications;

/// <summary>
/// The one way the product tells people something in the app: a notice for every user of a role in an enterprise.
/// It is staged on the caller's unit of work, so the notice is saved with the change it reports or not at all.
/// </summary>
public sealed class Notify(Hotline95DbContext db, TimeProvider clock)
{
    public const int MaxMessageLength = 500;

    public Notification Role(Guid enterpriseId, Role role, string kind, string message, string? link, DateTimeOffset? at = null)
    {
        var notification = new Notification
        {
            EnterpriseId = enterpriseId,
            Role = role.ToString(),
            Kind = kind,
            Message = Text.Clip(message, MaxMessageLength),
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
