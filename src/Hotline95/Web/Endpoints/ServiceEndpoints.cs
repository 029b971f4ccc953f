using Hotline95.Core.Common;
using Hotline95.Core.Complaints;
using Hotline95.Core.Data;
using Hotline95.Core.Notifications;
using Hotline95.Core.Enterprises;
using Hotline95.Core.Identity;
using Hotline95.Core.Service;
using Hotline95.Text;
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

    /// <param name="Message">The notice in the request's language (Accept-Language); in both when <paramref name="Bilingual"/>.</param>
    /// <param name="Bilingual">A notice written before notices were codes: "中文 / English", the page shows its side.</param>
    public sealed record NotificationView(long Id, string Kind, string Message, string? Link, DateTimeOffset CreatedAt, bool Bilingual);

    public static IEndpointRouteBuilder MapServiceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/lines/{number}/usage", SetUsageAsync).WithTags("Lines").RequirePermission(Permission.ManageLines)
            .Documented("A line's approved purposes and hours", "The line's approved, non-marketing purposes (ticket and complaint categories) and its service hours; audited.", 404);
        app.MapPut("/api/lines/{number}/trunks", SetTrunksAsync).WithTags("Lines").RequirePermission(Permission.ManageLines)
            .Documented("A line's registered trunks", "The trunks registered for the line (a call on another trunk raises a lending alert).", 404);

        var tickets = app.MapGroup("/api/tickets").WithTags("Tickets");
        tickets.MapGet("/", ListTicketsAsync).RequirePermission(Permission.ViewTickets)
            .Documented("Find tickets, a page at a time", "The ticket queue and the search over every ticket held, closed ones included. Every criterion is optional: phone (the customer's number in any usual writing, matched through the blind index), id, status (open: the default, oldest first; closed; all: newest first), category, line, from and to (yyyy-MM-dd, Asia/Shanghai days of opening, inclusive). open=false is the former way of saying status=all. The answer is { items, total, page, pageSize }: page is 1-based, pageSize 1–500 (default 50), total counts every match. Notes are null with noteWithheld=true for roles that neither handle cases nor may reveal personal data.", 422)
            .Produces<Paged<TicketView>>();
        tickets.MapPost("/", OpenTicketAsync).RequirePermission(Permission.HandleTickets)
            .Documented("Open a ticket", "Opens a ticket, from a call or by hand.");
        tickets.MapGet("/{id:long}", GetTicketAsync).RequirePermission(Permission.ViewTickets)
            .Documented("A ticket with its whole history", "The ticket (customer masked), every step with who and when (notes as for the list), and the steps it may take next.", 404);
        tickets.MapPost("/{id:long}/steps", AdvanceTicketAsync).RequirePermission(Permission.HandleTickets)
            .Documented("Advance a ticket", "Records the ticket's next step in the service flow (Answered → Recorded → Transferred → FedBack → Closed); steps come in order.", 404, 409);

        var complaints = app.MapGroup("/api/complaints").WithTags("Complaints");
        complaints.MapPost("/", CreateComplaintAsync).RequirePermission(Permission.CreateComplaints)
            .Documented("Receive a complaint", "Receives a complaint; its 24-hour response and 7-working-day resolution deadlines are counted on the working-day calendar.");
        complaints.MapGet("/", ListComplaintsAsync).RequirePermission(Permission.ViewComplaints)
            .Documented("Find complaints, a page at a time", "The complaint queues and the search over every complaint held, resolved ones included. Every criterion is optional: phone (the caller's number in any usual writing, matched through the blind index), id, status (open: the default; overdue; atRisk; escalated; resolved, or closed; all), category, line, from and to (yyyy-MM-dd, Asia/Shanghai days of receipt, inclusive). Open complaints come first, the nearest deadline first, then resolved ones, the latest first. The answer is { items, total, page, pageSize }: page is 1-based, pageSize 1–500 (default 50), total counts every match. Each item has secondsRemaining to the next deadline and secondsToRespond / secondsToResolve to each (negative: overdue; null: met). Texts are null with textWithheld=true for roles that neither handle cases nor may reveal personal data.", 422)
            .Produces<Paged<ComplaintView>>();
        complaints.MapGet("/figures", FiguresAsync).RequirePermission(Permission.ViewComplaintFigures)
            .Documented("Complaint figures", "Complaints received, responded and resolved in time per month.");
        complaints.MapGet("/{id:long}", GetComplaintAsync).RequirePermission(Permission.ViewComplaints)
            .Documented("A complaint", "The complaint (caller masked), its deadlines as computed on the working-day calendar with the seconds left to each, its status and satisfaction (null: not rated). Texts as for the list.", 404);
        complaints.MapGet("/{id:long}/history", ComplaintHistoryAsync).RequirePermission(Permission.ViewComplaints)
            .Documented("A complaint's history", "Every step of the complaint from the audit log, oldest first: event (Received, Responded, Escalated, Resolved, DeadlineRecomputed, SatisfactionCleared), by whom and when; the text said at that step (null with noteWithheld=true for roles that may not read it); for Resolved the satisfaction recorded (null: not rated) and satisfactionUnasked when the page before this release recorded 5 without asking; for Escalated the cause; for DeadlineRecomputed the deadline before and after.", 404)
            .Produces<IReadOnlyList<ComplaintEvent>>();
        complaints.MapPost("/{id:long}/respond", RespondAsync).RequirePermission(Permission.HandleComplaints)
            .Documented("Mark a complaint responded", "Records the first response to the complainant (the 24-hour deadline).", 404, 409);
        complaints.MapPost("/{id:long}/resolve", ResolveAsync).RequirePermission(Permission.HandleComplaints)
            .Documented("Resolve a complaint", "Body { resolution, satisfaction }: resolution is required; satisfaction is what the caller said when asked, 1 (very dissatisfied) to 5 (very satisfied), or null when the caller gave none (never a default). Releases the linked call's legal hold; audited.", 404, 409, 422);

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

    /// <summary>May this reader see the free text of tickets and complaints (decrypted for them only).</summary>
    private static bool MayReadText(HttpContext http) => http.User.Role() is { } role && CaseText.MayRead(role);

    public static async Task<Results<Ok<Paged<TicketView>>, ProblemHttpResult>> ListTicketsAsync(TicketsHandler handler, HttpContext http, CancellationToken ct,
        string? phone = null, long? id = null, string? status = null, string? category = null, string? line = null, DateOnly? from = null, DateOnly? to = null,
        int page = 1, int pageSize = PageRequest.DefaultSize, bool open = true)
    {
        var search = new CaseSearch(phone, id, status ?? (open ? null : nameof(TicketStatusFilter.All)), category, line, from, to);
        var result = await handler.SearchAsync(http.User.EnterpriseId(), search, new PageRequest(page, pageSize), MayReadText(http), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Created<TicketView>, ProblemHttpResult>> OpenTicketAsync(OpenTicketBody body, TicketsHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.OpenAsync(new OpenTicketRequest(http.User.EnterpriseId(), body.Line, body.CallId, body.CustomerPhone, body.Note, http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.Created($"/api/tickets/{result.Value.Id}", result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<TicketView>, ProblemHttpResult>> GetTicketAsync(long id, TicketsHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.GetAsync(http.User.EnterpriseId(), id, MayReadText(http), ct);
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

    public static async Task<Results<Ok<Paged<ComplaintView>>, ProblemHttpResult>> ListComplaintsAsync(ListComplaintsHandler handler, HttpContext http, CancellationToken ct,
        string? phone = null, long? id = null, string? status = null, string? category = null, string? line = null, DateOnly? from = null, DateOnly? to = null,
        int page = 1, int pageSize = PageRequest.DefaultSize)
    {
        var result = await handler.HandleAsync(http.User.EnterpriseId(), new CaseSearch(phone, id, status, category, line, from, to), new PageRequest(page, pageSize), MayReadText(http), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<ComplaintView>, ProblemHttpResult>> GetComplaintAsync(long id, ListComplaintsHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.GetAsync(http.User.EnterpriseId(), id, MayReadText(http), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<IReadOnlyList<ComplaintEvent>>, ProblemHttpResult>> ComplaintHistoryAsync(long id, ComplaintHistoryHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.HandleAsync(http.User.EnterpriseId(), id, MayReadText(http), ct);
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
        var english = http.PrefersEnglish();
        return TypedResults.Ok(rows.Select(n => new NotificationView(n.Id, n.Kind, NoticeText.Render(n, english), n.Link, Core.Common.ChinaTime.ToChina(n.CreatedAt), NoticeText.IsBilingual(n))).ToList());
    }
}
