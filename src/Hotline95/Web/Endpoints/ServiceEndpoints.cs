using Hotline95.Core.Complaints;
using Hotline95.Core.Data;
using Hotline95.Core.Notifications;
using Hotline95.Core.Enterprises;
using Hotline95.Core.Identity;
using Hotline95.Core.Service;
using Hotline95.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Web.Endpoints;

/// <summary>Lines' purposes, service tickets, complaints, their figures, and in-app notifications.</summary>
public static class ServiceEndpoints
{
    public sealed record LineUsageBody(IReadOnlyList<string>? Purposes, string? ServiceHours);

    public sealed record OpenTicketBody(string? Line, long? CallId, string? CustomerPhone, string? Note);

    public sealed record TicketStepBody(string? Step, string? Note, string? Category, string? AssignTo, long? FeedbackCallId);

    public sealed record CreateComplaintBody(string? Line, string? CallerPhone, string? CallerName, string? Summary, DateTimeOffset? ReceivedAt, string? Category, long? CallId, long? TicketId);

    public sealed record RespondBody(string? Note);

    public sealed record ResolveBody(string? Resolution, int? Satisfaction);

    public sealed record NotificationView(long Id, string Kind, string Message, string? Link, DateTimeOffset CreatedAt);

    public static IEndpointRouteBuilder MapServiceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/lines/{number}/usage", SetUsageAsync).WithTags("Lines").RequirePermission(Permission.ManageLines)
            .Documented("A line's approved purposes and hours", "The line's approved, non-marketing purposes (ticket and complaint categories) and its service hours; audited.", 404);
        app.MapPut("/api/lines/{number}/trunks", SetTrunksAsync).WithTags("Lines").RequirePermission(Permission.ManageLines)
            .Documented("A line's registered trunks", "The trunks registered for the line (a call on another trunk raises a lending alert).", 404);

        var tickets = app.MapGroup("/api/tickets").WithTags("Tickets").RequirePermission(Permission.HandleTickets);
        tickets.MapGet("/", ListTicketsAsync)
            .Documented("List the tickets", "The enterprise's tickets, newest first.");
        tickets.MapPost("/", OpenTicketAsync)
            .Documented("Open a ticket", "Opens a ticket, from a call or by hand.");
        tickets.MapGet("/{id:long}", GetTicketAsync)
            .Documented("A ticket", "One ticket with its steps.", 404);
        tickets.MapPost("/{id:long}/steps", AdvanceTicketAsync)
            .Documented("Advance a ticket", "Records the ticket's next step in the service flow (Answered → Recorded → Transferred → FedBack → Closed); steps come in order.", 404, 409);

        var complaints = app.MapGroup("/api/complaints").WithTags("Complaints");
        complaints.MapPost("/", CreateComplaintAsync).RequirePermission(Permission.CreateComplaints)
            .Documented("Receive a complaint", "Receives a complaint; its 24-hour response and 7-working-day resolution deadlines are counted on the working-day calendar.");
        complaints.MapGet("/", ListComplaintsAsync).RequirePermission(Permission.ViewComplaints)
            .Documented("List the complaints", "The enterprise's complaints by status (open, overdue, atRisk, resolved, escalated, all) with their deadlines.");
        complaints.MapGet("/figures", FiguresAsync).RequirePermission(Permission.ViewComplaintFigures)
            .Documented("Complaint figures", "Complaints received, responded and resolved in time per month.");
        complaints.MapGet("/{id:long}", GetComplaintAsync).RequirePermission(Permission.ViewComplaints)
            .Documented("A complaint", "One complaint with its deadlines and handling.", 404);
        complaints.MapPost("/{id:long}/respond", RespondAsync).RequirePermission(Permission.HandleComplaints)
            .Documented("Mark a complaint responded", "Records the first response to the complainant (the 24-hour deadline).", 404, 409);
        complaints.MapPost("/{id:long}/resolve", ResolveAsync).RequirePermission(Permission.HandleComplaints)
            .Documented("Resolve a complaint", "Closes a complaint with its resolution and the satisfaction the complainant stated (1–5), if any.", 404, 409);

        app.MapGet("/api/notifications", NotificationsAsync).WithTags("Notifications")
            .Documented("Notifications", "The caller's in-app notifications (escalations, deadlines, reminders), newest first.");
        return app;
    }

    public sealed record LineTrunksBody(IReadOnlyList<string>? Trunks);

    public static async Task<Results<Ok<IReadOnlyList<string>>, ProblemHttpResult>> SetTrunksAsync(string number, LineTrunksBody body, SetLineTrunksHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new SetLineTrunksRequest(http.User.EnterpriseId(), number, body.Trunks, http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<LineView>, ProblemHttpResult>> SetUsageAsync(string number, LineUsageBody body, SetLineUsageHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new SetLineUsageRequest(http.User.EnterpriseId(), number, body.Purposes, body.ServiceHours, http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Ok<IReadOnlyList<TicketView>>> ListTicketsAsync(TicketsHandler handler, HttpContext http, CancellationToken ct, bool open = true) =>
        TypedResults.Ok(await handler.ListAsync(http.User.EnterpriseId(), open, ct));

    public static async Task<Results<Created<TicketView>, ProblemHttpResult>> OpenTicketAsync(OpenTicketBody body, TicketsHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.OpenAsync(new OpenTicketRequest(http.User.EnterpriseId(), body.Line, body.CallId, body.CustomerPhone, body.Note, http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.Created($"/api/tickets/{result.Value.Id}", result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<TicketView>, ProblemHttpResult>> GetTicketAsync(long id, TicketsHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.GetAsync(http.User.EnterpriseId(), id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<TicketView>, ProblemHttpResult>> AdvanceTicketAsync(long id, TicketStepBody body, TicketsHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.AdvanceAsync(new AdvanceTicketRequest(http.User.EnterpriseId(), id, body.Step, body.Note, body.Category, body.AssignTo, body.FeedbackCallId, http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Created<ComplaintView>, ProblemHttpResult>> CreateComplaintAsync(CreateComplaintBody body, CreateComplaintHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new CreateComplaintRequest(http.User.EnterpriseId(), body.Line, body.CallerPhone, body.CallerName, body.Summary,
            body.ReceivedAt, body.Category, body.CallId, body.TicketId, http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.Created($"/api/complaints/{result.Value.Id}", result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<IReadOnlyList<ComplaintView>>, ProblemHttpResult>> ListComplaintsAsync(ListComplaintsHandler handler, HttpContext http, CancellationToken ct, string? status = null)
    {
        var queue = ListComplaintsHandler.ParseQueue(status);
        return queue.IsSuccess ? TypedResults.Ok(await handler.HandleAsync(http.User.EnterpriseId(), queue.Value, ct: ct)) : queue.Error.ToProblem();
    }

    public static async Task<Results<Ok<ComplaintView>, ProblemHttpResult>> GetComplaintAsync(long id, ListComplaintsHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.GetAsync(http.User.EnterpriseId(), id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<ComplaintView>, ProblemHttpResult>> RespondAsync(long id, RespondBody body, HandleComplaintHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.RespondAsync(new RespondComplaintRequest(http.User.EnterpriseId(), id, body.Note, http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<ComplaintView>, ProblemHttpResult>> ResolveAsync(long id, ResolveBody body, HandleComplaintHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.ResolveAsync(new ResolveComplaintRequest(http.User.EnterpriseId(), id, body.Resolution, body.Satisfaction, http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<IReadOnlyList<ComplaintMonthFigures>>, ProblemHttpResult>> FiguresAsync(ComplaintFiguresHandler handler, HttpContext http, CancellationToken ct, string? month = null, string? line = null)
    {
        if (month is null || !DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var first))
        {
            return Core.Common.Error.Validation("month", "MONTH_INVALID", ("value", month)).ToProblem();
        }

        return TypedResults.Ok(await handler.HandleAsync(http.User.EnterpriseId(), first, line, ct));
    }

    public static async Task<Ok<List<NotificationView>>> NotificationsAsync(Hotline95DbContext db, HttpContext http, CancellationToken ct)
    {
        var role = http.User.Role()?.ToString() ?? "";
        var enterpriseId = http.User.EnterpriseId();
        var rows = await db.Notifications.AsNoTracking().Where(n => n.EnterpriseId == enterpriseId && n.Role == role).OrderByDescending(n => n.Id).Take(50).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(n => new NotificationView(n.Id, n.Kind, n.Message, n.Link, Core.Common.ChinaTime.ToChina(n.CreatedAt))).ToList());
    }
}
