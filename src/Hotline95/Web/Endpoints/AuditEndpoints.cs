using Hotline95.Core.Audit;
using Hotline95.Core.Identity;
using Hotline95.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline95.Web.Endpoints;

public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit/verify", VerifyAsync).WithTags("Audit").RequirePermission(Permission.ViewAudit)
            .Documented("Verify the audit chain", "Recomputes the HMAC chain of the enterprise's audit log and compares it with the anchors kept outside the database; names the first entry that does not match.");
        return app;
    }

    public static async Task<Ok<AuditVerification>> VerifyAsync(VerifyAuditLogHandler handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(ct));
}
