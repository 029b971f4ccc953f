using Hotline95.Core.Callbacks;
using Hotline95.Core.Common;
using Hotline95.Core.Identity;
using Hotline95.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline95.Web.Endpoints;

/// <summary>Missed-call follow-up: the callback list, marking a call called back, and the share called back within 24 hours.</summary>
public static class CallbackEndpoints
{
    public sealed record DoneBody(string? Note);

    public static IEndpointRouteBuilder MapCallbackEndpoints(this IEndpointRouteBuilder app)
    {
        var callbacks = app.MapGroup("/api/callbacks").WithTags("Callbacks");
        callbacks.MapGet("/", (CallbacksHandler h, HttpContext http, CancellationToken ct, string? line = null) => h.ListAsync(http.User.EnterpriseId(), line, ct))
            .RequirePermission(Permission.ViewCalls)
            .Documented("Missed calls to call back", "Missed inbound calls not yet called back, oldest first, optionally for one line.");
        callbacks.MapPost("/{callId:long}/done", DoneAsync).RequirePermission(Permission.HandleTickets)
            .Documented("Mark a missed call called back", "Records that an agent called the customer back (with an optional note), linking the outbound call when there is one.", 404, 409);
        app.MapGet("/api/monitoring/callbacks", FiguresAsync).WithTags("Monitoring").RequirePermission(Permission.ViewMonitoring)
            .Documented("Callback figures", "Missed calls, those called back and the share called back within 24 hours over a period, from the daily roll-ups (they outlive purged calls).");
        return app;
    }

    public static async Task<Results<Ok<CallbackView>, ProblemHttpResult>> DoneAsync(long callId, DoneBody? body, CallbacksHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.MarkDoneAsync(http.User.EnterpriseId(), callId, body?.Note, http.User.Actor(), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    /// <summary>GET /api/monitoring/callbacks?line=&amp;from=&amp;to= (default: the last 30 days).</summary>
    public static async Task<Results<Ok<CallbackFigures>, ProblemHttpResult>> FiguresAsync(CallbacksHandler handler, TimeProvider clock, HttpContext http, CancellationToken ct,
        string? line = null, DateOnly? from = null, DateOnly? to = null)
    {
        if ((DateRange.Check("from", from) ?? DateRange.Check("to", to)) is { } bad)
        {
            return bad.ToProblem();
        }

        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var last = to ?? today;
        var result = await handler.FiguresAsync(http.User.EnterpriseId(), line, from ?? last.AddDays(-29), last, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }
}
