using Hotline95.Core.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline95.Web.Endpoints;

public static class HealthEndpoints
{
    public sealed record Health(string Status, string Database, string DatabaseStatus);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", CheckAsync).AllowAnonymous().WithTags("Health")
            .Documented("Health check", "Whether the server and its database answer; for load balancers and monitoring.");
        return app;
    }

    public static async Task<Results<Ok<Health>, JsonHttpResult<Health>>> CheckAsync(DatabaseInitializer database, DatabaseTarget target, CancellationToken ct)
    {
        var reachable = await database.CanConnectAsync(ct);
        var health = new Health(reachable ? "ok" : "degraded", target.Provider.ToString(), reachable ? "reachable" : "unreachable");
        return reachable ? TypedResults.Ok(health) : TypedResults.Json(health, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
