using System.Globalization;
using System.Text.Json;
using Hotline95.Core.Data;
using Hotline95.Core.Desk;
using Hotline95.Core.Identity;
using Hotline95.Web.Auth;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Hotline95.Web.Endpoints;

/// <summary>The agent's live desk: the stream of its calls (server-sent events) and a call's caller looked up.</summary>
public static class DeskEndpoints
{
    /// <summary>The SSE event name of a desk event (its data is a <see cref="DeskEventView"/> as JSON).</summary>
    public const string EventName = "desk";

    /// <summary>How long the browser waits before reconnecting after the stream ends (milliseconds).</summary>
    public const int RetryMilliseconds = 1000;

    public static IEndpointRouteBuilder MapDeskEndpoints(this IEndpointRouteBuilder app)
    {
        var desk = app.MapGroup("/api/desk").WithTags("Desk");
        desk.MapGet("/events", StreamAsync).RequirePermission(Permission.HandleTickets)
            .Documented("The signed-in agent's live calls as server-sent events",
                "A text/event-stream of `desk` events, each with its id and a JSON DeskEventView as data: Ringing when a new inbound call " +
                "rings (for the agents whose PBX user name or extension the CTI event names, or every agent of the enterprise when it names " +
                "none of them), then Answered and Ended. An event written on any node of the installation reaches the streams open on " +
                "every node. A fresh connection first gets the agent's events of the last minutes; a reconnecting browser sends " +
                "Last-Event-ID and gets what it missed. Comment lines keep the stream alive; it ends after a few minutes and the browser " +
                "reconnects (the session is checked again). People only: an API key gets 403 DESK_PEOPLE_ONLY.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        desk.MapGet("/calls/{callId:long}", CallAsync).RequirePermission(Permission.HandleTickets)
            .Documented("A call on the desk, masked, with its caller looked up",
                "The call and what the agent may know of its caller without seeing the number: the calls kept (inside retention) " +
                "besides this one and the last of them, open tickets and complaints, blocked or not. lookup is null when the PBX sent " +
                "no caller number.", 404)
            .Produces<DeskCall>();
        return app;
    }

    public static async Task<Results<Ok<DeskCall>, ProblemHttpResult>> CallAsync(long callId, DeskCallHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.HandleAsync(http.User.EnterpriseId(), callId, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    /// <summary>
    /// Subscribes to this node's <see cref="DeskFeed"/>, sends the catch-up read from the table, then the live events as they
    /// come. No database connection is held meanwhile: the catch-up is one query, the live events come from the feed's poll.
    /// </summary>
    public static async Task StreamAsync(HttpContext http, DeskFeed feed, DeskEventsHandler catchUp, IOptions<DeskOptions> options,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IHostApplicationLifetime lifetime, Hotline95DbContext db, TimeProvider clock)
    {
        if (http.User.UserId() is not { } userId)
        {
            await Core.Common.Error.Of(Core.Common.ErrorKind.Forbidden, "DESK_PEOPLE_ONLY", null).ToProblem().ExecuteAsync(http);
            return;
        }

        var enterpriseId = http.User.EnterpriseId();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        stop.CancelAfter(options.Value.StreamLifetime);
        var ct = stop.Token;
        try
        {
            using var desk = await feed.SubscribeAsync(enterpriseId, userId, ct);
            var missed = await catchUp.CatchUpAsync(enterpriseId, userId, LastEventId(http.Request), ct);

            var response = http.Response;
            response.ContentType = "text/event-stream; charset=utf-8";
            response.Headers.CacheControl = "no-cache, no-store";
            response.Headers["X-Accel-Buffering"] = "no"; // a buffering proxy (nginx) would hold the events back
            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await response.WriteAsync($"retry: {RetryMilliseconds}\n\n", ct);

            var sent = new HashSet<long>();
            foreach (var e in missed)
            {
                sent.Add(e.Id);
                await response.WriteAsync(Format(e, json.Value.SerializerOptions), ct);
            }

            await response.Body.FlushAsync(ct);
            while (await NextAsync(desk, options.Value.Heartbeat, ct) is { } waiting)
            {
                if (!waiting)
                {
                    // A user disabled, signed out or given another role on any node stops receiving at the next heartbeat.
                    if (!await AuthSetup.SessionStillValidAsync(http.User, db, clock, ct))
                    {
                        return;
                    }

                    await response.WriteAsync(": keep-alive\n\n", ct);
                }

                while (desk.Events.TryRead(out var e))
                {
                    // The feed may deliver what the catch-up already sent (both read the table around the subscription).
                    if (sent.Count == 0 || !sent.Remove(e.Id))
                    {
                        await response.WriteAsync(Format(e, json.Value.SerializerOptions), ct);
                    }
                }

                await response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The browser left, the node stops, or the stream's lifetime ended: the browser reconnects with Last-Event-ID.
        }
    }

    /// <summary>True: events are waiting; false: the heartbeat is due; null: the subscription ended (the desk fell behind or the node stops).</summary>
    private static async Task<bool?> NextAsync(DeskSubscription desk, TimeSpan heartbeat, CancellationToken ct)
    {
        using var beat = CancellationTokenSource.CreateLinkedTokenSource(ct);
        beat.CancelAfter(heartbeat);
        try
        {
            return await desk.Events.WaitToReadAsync(beat.Token) ? true : null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private static long? LastEventId(HttpRequest request) =>
        long.TryParse(request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static string Format(DeskEventView e, JsonSerializerOptions json) =>
        $"id: {e.Id.ToString(CultureInfo.InvariantCulture)}\nevent: {EventName}\ndata: {JsonSerializer.Serialize(e, json)}\n\n";
}
