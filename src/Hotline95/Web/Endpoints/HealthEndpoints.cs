using Hotline95.Core.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline95.Web.Endpoints;

public static class HealthEndpoints
{
    public sealed record Health(string Status, string Database, string DatabaseStatus);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", CheckAsync).AllowAnonymous().WithTags("Health")
            .Documented("Liveness: the process answers", "Whether the process answers and its database is reachable: 200 when the database answers, 503 when it does not. For load balancers use /readyz.")
            .Produces<Health>(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/readyz", ReadyAsync).AllowAnonymous().WithTags("Health")
            .Documented("Readiness for a load balancer", "200 when this node has started (migrated, master key verified) and its database answers; 503 while starting, while draining after SIGTERM, or when the database is unreachable.")
            .Produces<Readiness>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public sealed record Readiness(string Status);

    public static async Task<Results<Ok<Readiness>, JsonHttpResult<Readiness>>> ReadyAsync(NodeReadiness node, DatabaseInitializer database, CancellationToken ct)
    {
        node.Probed();
        var status = node.IsDraining ? "draining" : !node.IsReady ? "starting" : await database.CanConnectAsync(ct) ? "ready" : "database-unreachable";
        return status == "ready" ? TypedResults.Ok(new Readiness(status)) : TypedResults.Json(new Readiness(status), statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    public static async Task<Results<Ok<Health>, JsonHttpResult<Health>>> CheckAsync(DatabaseInitializer database, DatabaseTarget target, CancellationToken ct)
    {
        var reachable = await database.CanConnectAsync(ct);
        var health = new Health(reachable ? "ok" : "degraded", target.Provider.ToString(), reachable ? "reachable" : "unreachable");
        return reachable ? TypedResults.Ok(health) : TypedResults.Json(health, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
