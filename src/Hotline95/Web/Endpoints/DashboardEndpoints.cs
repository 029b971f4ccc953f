using Hotline95.Core.Dashboard;
using Hotline95.Core.Identity;
using Hotline95.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline95.Web.Endpoints;

/// <summary>The dashboard's figures for the caller's role.</summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dashboard", GetAsync).WithTags("Dashboard").RequirePermission(Permission.ViewDashboard)
            .WithSummary("The dashboard's figures for the caller's role.")
            .WithDescription("Today's date in Shanghai and whether it is a working day, and one set of figures per card the caller's permissions allow; " +
                "a card the caller may not see is null. Agent: my open tickets (opened by me or transferred to me), missed calls to call back. " +
                "Supervisor: today's calls, answer rate and service level so far (null where nothing divides), complaints overdue or at risk (the next deadline within the complaint policy's warning window), open monitoring alerts. " +
                "Compliance officer: unresolved red-line alerts, licence duties due, records held against the retention limit, the audit chain's last verification. " +
                "Admin: users, API keys, the key inventory and the last backup recorded. Figures come from the roll-ups, never from scanning calls.")
            .Produces<DashboardView>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    public static async Task<Ok<DashboardView>> GetAsync(GetDashboardHandler handler, HttpContext http, CancellationToken ct)
    {
        var permissions = http.User.Role() is { } role ? RolePermissions.Of(role) : new HashSet<Permission>();
        return TypedResults.Ok(await handler.HandleAsync(new DashboardRequest(http.User.EnterpriseId(), http.User.Actor(), permissions), ct));
    }
}
