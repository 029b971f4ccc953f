using Hotline95.Core.Identity;
using Hotline95.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.FileProviders;

namespace Hotline95.Web.Endpoints;

/// <summary>The HTML pages. Assets (scripts, styles) are plain static files; pages are endpoints so that they fall under authorization.</summary>
public static class UiEndpoints
{
    public static IEndpointRouteBuilder MapUiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", (IFileProvider ui) => Page(ui, "login.html")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/", (IFileProvider ui) => Page(ui, "index.html")).ExcludeFromDescription();
        app.MapGet("/docs/api", (IFileProvider ui) => Page(ui, "api.html")).ExcludeFromDescription();
        app.MapGet("/desk", (IFileProvider ui) => Page(ui, "desk.html")).ExcludeFromDescription().RequirePermission(Permission.HandleTickets);
        app.MapGet("/calls", (IFileProvider ui) => Page(ui, "calls.html")).ExcludeFromDescription().RequirePermission(Permission.ViewCalls);
        app.MapGet("/service", (IFileProvider ui) => Page(ui, "service.html")).ExcludeFromDescription().RequirePermission(Permission.ViewComplaints);
        app.MapGet("/security", (IFileProvider ui) => Page(ui, "security.html")).ExcludeFromDescription().RequirePermission(Permission.ViewKeys);
        app.MapGet("/monitoring", (IFileProvider ui) => Page(ui, "monitoring.html")).ExcludeFromDescription().RequirePermission(Permission.ViewMonitoring);
        app.MapGet("/compliance", (IFileProvider ui) => Page(ui, "compliance.html")).ExcludeFromDescription().RequirePermission(Permission.ScanText);
        app.MapGet("/licence", (IFileProvider ui) => Page(ui, "licence.html")).ExcludeFromDescription().RequirePermission(Permission.ViewLicence);
        app.MapGet("/roster", (IFileProvider ui) => Page(ui, "roster.html")).ExcludeFromDescription().RequirePermission(Permission.ViewRoster);
        // Administration: one page, a section per address, each under the permission its data needs (the calendar is everyone's).
        foreach (var (path, permission) in new (string, Permission?)[] { ("/admin", Permission.ManageUsers), ("/admin/users", Permission.ManageUsers),
            ("/admin/keys", Permission.ManageApiKeys), ("/admin/lines", Permission.ViewLines), ("/admin/enterprise", Permission.ViewLicence), ("/admin/calendar", null) })
        {
            var page = app.MapGet(path, (IFileProvider ui) => Page(ui, "admin.html")).ExcludeFromDescription();
            if (permission is { } required)
            {
                page.RequirePermission(required);
            }
        }

        app.MapGet("/tickets/{id:long}", (IFileProvider ui) => Page(ui, "ticket.html")).ExcludeFromDescription().RequirePermission(Permission.ViewTickets);
        app.MapGet("/complaints/{id:long}", (IFileProvider ui) => Page(ui, "complaint.html")).ExcludeFromDescription().RequirePermission(Permission.ViewComplaints);
        return app;
    }

    /// <summary>The answer to a signed-in user opening a page their role may not see: 403 with the access-denied page.</summary>
    public static async Task WriteAccessDeniedAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        http.Response.ContentType = "text/html; charset=utf-8";
        await using var page = http.RequestServices.GetRequiredService<IFileProvider>().GetFileInfo("denied.html").CreateReadStream();
        await page.CopyToAsync(http.Response.Body, http.RequestAborted);
    }

    private static FileStreamHttpResult Page(IFileProvider ui, string name) =>
        TypedResults.Stream(ui.GetFileInfo(name).CreateReadStream(), "text/html; charset=utf-8");
}
