using Hotline95.Core.Calls;
using Hotline95.Core.Enterprises;
using Hotline95.Core.Identity;
using Hotline95.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline95.Web.Endpoints;

public static class LineEndpoints
{
    public sealed record AddLineBody(string Number, string Name);

    public static IEndpointRouteBuilder MapLineEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/lines").WithTags("Lines");
        group.MapGet("/", ListAsync).RequirePermission(Permission.ViewLines)
            .Documented("95 lines", "The enterprise's 95 lines with their purposes, hours, trunks and queues.");
        group.MapPost("/", AddAsync).RequirePermission(Permission.ManageLines)
            .Documented("Add a 95 line", "Adds a 95 number (5 or 6 digits beginning with 95) with its name; audited.", 409);
        group.MapGet("/outbound", async (OutboundRoutesHandler handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.GetAsync(http.User.EnterpriseId(), ct))).RequirePermission(Permission.ViewLines)
            .Documented("Outbound routing", "The outbound routing table (destination pattern → caller id) and each line's outbound settings.");
        group.MapPut("/outbound/routes", ReplaceRoutesAsync).RequirePermission(Permission.ManageLines)
            .Documented("Replace the outbound routes", "Replaces the outbound routing table, in order (the first matching pattern wins); audited.");
        group.MapPut("/{number}/outbound", SetOutboundAsync).RequirePermission(Permission.ManageLines)
            .Documented("A line's outbound settings", "A line's outbound caller id (null: the number itself) and whether it takes agents' outbound calls by default.", 404);
        group.MapPut("/{number}/queues", SetQueuesAsync).RequirePermission(Permission.ManageLines)
            .Documented("A line's queues", "The PBX queues whose calls come in on this line (a queue belongs to one line); audited.", 404, 409);
        return app;
    }

    public sealed record RouteBody(string Pattern, string CallerId);

    public sealed record LineOutboundBody(string? CallerId, bool? DefaultOutbound);

    public sealed record LineQueuesBody(List<string>? Queues);

    /// <summary>The PBX's queues whose calls come in on this line (a queue belongs to one line); audited.</summary>
    public static async Task<Results<Ok<IReadOnlyList<string>>, ProblemHttpResult>> SetQueuesAsync(string number, LineQueuesBody? body, Core.Queues.SetLineQueuesHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new Core.Queues.SetLineQueuesRequest(http.User.EnterpriseId(), number, body?.Queues ?? [], http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    /// <summary>Replaces the outbound routing table, in order (first match wins).</summary>
    public static async Task<Results<Ok<OutboundSettingsView>, ProblemHttpResult>> ReplaceRoutesAsync(List<RouteBody> body, OutboundRoutesHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.ReplaceAsync(http.User.EnterpriseId(), body.Select(r => (r.Pattern ?? "", r.CallerId ?? "")).ToList(), http.User.Actor(), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    /// <summary>A line's outbound caller id (null: the number itself) and whether it takes outbound calls from agents' extensions.</summary>
    public static async Task<Results<Ok<OutboundSettingsView>, ProblemHttpResult>> SetOutboundAsync(string number, LineOutboundBody body, OutboundRoutesHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.SetLineAsync(http.User.EnterpriseId(), number, body.CallerId, body.DefaultOutbound, http.User.Actor(), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Ok<IReadOnlyList<LineView>>> ListAsync(ListLinesHandler handler, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(http.User.EnterpriseId(), ct));

    public static async Task<Results<Created<LineView>, ProblemHttpResult>> AddAsync(AddLineBody body, AddLineHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new AddLineRequest(http.User.EnterpriseId(), body.Number, body.Name, http.User.Actor()), ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/lines/{result.Value.Number}", result.Value)
            : result.Error.ToProblem();
    }
}
