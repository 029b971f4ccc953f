using Hotline95.Core.Calendar;
using System.Text;
using Hotline95.Core.Common;
using Hotline95.Core.Identity;
using Hotline95.Core.Licensing;
using Hotline95.Core.Licensing.Applications;
using Hotline95.Core.Licensing.Documents;
using Hotline95.Core.Licensing.Dossiers;
using Hotline95.Core.Licensing.Eligibility;
using Hotline95.Core.Licensing.Maintenance;
using Hotline95.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Hotline95.Web.Endpoints;

/// <summary>The licence lifecycle: dossiers and their check, documents, policies, the application timeline, duties and the calendar feed.</summary>
public static class LicenceEndpoints
{
    /// <summary>On a generated document: <c>true</c> when it is a watermarked draft (the pre-review found errors), else <c>false</c>.</summary>
    public const string DraftHeader = "Hotline95-Document-Draft";

    /// <summary>On a draft: the codes of the errors that made it one, comma-separated (the cover lists them with their fixes).</summary>
    public const string DraftBecauseHeader = "Hotline95-Document-Draft-Because";

    /// <summary>Dossiers are small; a body larger than this is refused before it is parsed.</summary>
    private const int MaxDossierBytes = 2 * 1024 * 1024;

    public sealed record StartApplicationBody(Guid DossierId, DateOnly? TargetGoLive);

    public sealed record StepBody(string? Step, DateOnly? On, string? CertificateNumber);

    public sealed record CorrectionBody(DateOnly? ReceivedOn, IReadOnlyList<string>? Codes, string? Text);

    public sealed record DoneBody(DateOnly? On);

    public sealed record CalendarTokenResponse(string Token, string Url);

    public static IEndpointRouteBuilder MapLicenceEndpoints(this IEndpointRouteBuilder app)
    {
        var dossiers = app.MapGroup("/api/dossiers").WithTags("Licence");
        dossiers.MapPost("/check", CheckAsync).RequirePermission(Permission.ViewLicence).DisableAntiforgery()
            .Accepts<Core.Licensing.Dossiers.Dossier>("application/json")
            .Documented("Check a dossier (not stored)", "Runs the eligibility check of the policy in force on a date over a dossier sent as JSON (docs/dossier.schema.json); answers every finding with its code, the rule and the fix.");
        dossiers.MapGet("/schema", () => Results.Text(DossierJson.SchemaText, "application/schema+json", Encoding.UTF8)).RequirePermission(Permission.ViewLicence)
            .Documented("The dossier's JSON Schema", "The JSON Schema a dossier follows (docs/dossier.schema.json).");
        dossiers.MapGet("/", (PortfolioHandler h, HttpContext http, CancellationToken ct) => h.HandleAsync(http.User.EnterpriseId(), ct)).RequirePermission(Permission.ViewLicence)
            .Documented("The enterprise's dossiers", "Every dossier of the enterprise (or the agency's portfolio) with its eligibility at a glance.");
        dossiers.MapPost("/", CreateAsync).RequirePermission(Permission.ManageLicence)
            .Accepts<Core.Licensing.Dossiers.Dossier>("application/json")
            .Documented("Store a dossier", "Stores a dossier sent as JSON (docs/dossier.schema.json); usesPlatform=true describes the enterprise's own hotline with the platform's data.", 409);
        dossiers.MapGet("/{id:guid}", GetAsync).RequirePermission(Permission.ViewLicence)
            .Documented("A stored dossier", "One dossier with its JSON.", 404);
        dossiers.MapPut("/{id:guid}", UpdateAsync).RequirePermission(Permission.ManageLicence)
            .Accepts<Core.Licensing.Dossiers.Dossier>("application/json")
            .Documented("Replace a stored dossier", "Replaces a dossier's JSON (docs/dossier.schema.json).", 404, 409);
        dossiers.MapDelete("/{id:guid}", DeleteAsync).RequirePermission(Permission.ManageLicence)
            .Documented("Delete a dossier", "Deletes a dossier that has no application.", 404, 409);
        dossiers.MapGet("/{id:guid}/check", CheckStoredAsync).RequirePermission(Permission.ViewLicence)
            .Documented("Check a stored dossier", "The eligibility check of a stored dossier under the policy in force on a date.", 404);
        dossiers.MapGet("/{id:guid}/documents/{kind}", DocumentAsync).RequirePermission(Permission.ManageLicence)
            .Produces(StatusCodes.Status200OK, (Type?)null, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/pdf")
            .Documented("Generate a licence document", "The usage plan, the security policies or the commitment letter of a dossier, as DOCX or PDF.", 404);

        var licence = app.MapGroup("/api/licence").WithTags("Licence");
        licence.MapGet("/policies", (PolicyCatalogue c, CancellationToken ct) => c.AllAsync(ct)).RequirePermission(Permission.ViewLicence)
            .Documented("Eligibility policies", "Every published eligibility policy with the date it takes effect.");
        licence.MapGet("/plan", PlanAsync).RequirePermission(Permission.ViewLicence)
            .Documented("Plan an application backwards", "The application's steps with their latest dates for a target go-live date, counted back on the working-day calendar.");
        licence.MapGet("/applications", ListApplicationsAsync).RequirePermission(Permission.ViewLicence)
            .Documented("Applications", "The enterprise's licence applications and where each stands.");
        licence.MapPost("/applications", StartAsync).RequirePermission(Permission.ManageLicence)
            .Documented("Start an application", "Starts the application timeline of a dossier.", 404, 409);
        licence.MapGet("/applications/{id:guid}", ApplicationAsync).RequirePermission(Permission.ViewLicence)
            .Documented("An application", "One application's timeline: steps recorded, correction notices and deadlines.", 404);
        licence.MapPost("/applications/{id:guid}/steps", StepAsync).RequirePermission(Permission.ManageLicence)
            .Documented("Record an application step", "Records that a step happened on a date, in order (a step comes after the one before it); the certificate step needs the certificate number.", 404, 409);
        licence.MapPost("/applications/{id:guid}/corrections", CorrectionAsync).RequirePermission(Permission.ManageLicence)
            .Documented("Record a correction notice", "Records a correction notice received during the formal review, with its items as finding codes and text; its deadline is counted on the working-day calendar.", 404, 409);
        licence.MapPost("/applications/{id:guid}/corrections/{noticeId:guid}/corrected", CorrectedAsync).RequirePermission(Permission.ManageLicence)
            .Documented("Record a correction as made", "Records the date the corrections of a notice were sent.", 404);
        licence.MapGet("/tasks", (LicenceTasks t, HttpContext http, CancellationToken ct, bool all = false) => t.ListAsync(http.User.EnterpriseId(), all, ct)).RequirePermission(Permission.ViewLicence)
            .Documented("Duties after the certificate", "The licence duties with their due dates (annual report, changes, renewals); all=true includes those done.");
        licence.MapPost("/tasks/{id:guid}/done", DoneAsync).RequirePermission(Permission.ManageLicence)
            .Documented("Mark a duty done", "Records the date a licence duty was done.", 404, 409);
        licence.MapPost("/calendar-token", TokenAsync).RequirePermission(Permission.ManageLicence)
            .Documented("Issue a calendar feed token", "A new secret URL for the licence duties' iCalendar feed (the previous one stops working).");
        // Calendar applications cannot sign in: the feed's own token is the credential.
        licence.MapGet("/calendar.ics", CalendarAsync).AllowAnonymous()
            .Produces(StatusCodes.Status200OK, (Type?)null, "text/calendar")
            .Documented("Licence duties as iCalendar", "The licence duties as an iCalendar feed for a calendar application; the token in the URL is the credential (401 when missing or revoked).", 401);
        return app;
    }

    public static async Task<Results<Ok<EligibilityReport>, ProblemHttpResult>> CheckAsync(HttpRequest request, CheckDossierHandler handler, CancellationToken ct, DateOnly? on = null)
    {
        var body = await ReadBodyAsync(request, ct);
        if (!body.IsSuccess)
        {
            return body.Error.ToProblem();
        }

        var report = await handler.HandleAsync(body.Value, on, ct: ct);
        return report.IsSuccess ? TypedResults.Ok(report.Value) : report.Error.ToProblem();
    }

    public static async Task<Results<Created<DossierView>, ProblemHttpResult>> CreateAsync(HttpRequest request, DossiersHandler handler, HttpContext http, CancellationToken ct,
        bool usesPlatform = false, string? number = null)
    {
        var body = await ReadBodyAsync(request, ct);
        if (!body.IsSuccess)
        {
            return body.Error.ToProblem();
        }

        var saved = await handler.SaveAsync(new SaveDossierRequest(http.User.EnterpriseId(), null, body.Value, usesPlatform, number, http.User.Actor()), ct);
        return saved.IsSuccess ? TypedResults.Created($"/api/dossiers/{saved.Value.Id}", saved.Value) : saved.Error.ToProblem();
    }

    public static async Task<Results<Ok<DossierView>, ProblemHttpResult>> UpdateAsync(Guid id, HttpRequest request, DossiersHandler handler, HttpContext http, CancellationToken ct,
        bool usesPlatform = false, string? number = null)
    {
        var body = await ReadBodyAsync(request, ct);
        if (!body.IsSuccess)
        {
            return body.Error.ToProblem();
        }

        var saved = await handler.SaveAsync(new SaveDossierRequest(http.User.EnterpriseId(), id, body.Value, usesPlatform, number, http.User.Actor()), ct);
        return saved.IsSuccess ? TypedResults.Ok(saved.Value) : saved.Error.ToProblem();
    }

    public static async Task<Results<Ok<DossierView>, ProblemHttpResult>> GetAsync(Guid id, DossiersHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.GetAsync(http.User.EnterpriseId(), id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, DossiersHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.DeleteAsync(http.User.EnterpriseId(), id, http.User.Actor(), ct);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<EligibilityReport>, ProblemHttpResult>> CheckStoredAsync(Guid id, CheckStoredDossierHandler handler, HttpContext http, CancellationToken ct, DateOnly? on = null)
    {
        var result = await handler.HandleAsync(http.User.EnterpriseId(), id, on, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    /// <summary>
    /// GET /api/dossiers/{id}/documents/usage-plan?format=pdf|docx[&amp;asFiled=true]. Whether it is a draft, and why, is in
    /// <see cref="DraftHeader"/> and <see cref="DraftBecauseHeader"/>, not only on its pages.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DocumentAsync(Guid id, string kind, GenerateDocumentHandler handler, HttpContext http, CancellationToken ct,
        string format = "pdf", bool asFiled = false)
    {
        var result = await handler.HandleAsync(http.User.EnterpriseId(), id, kind, format, asFiled, ct);
        if (!result.IsSuccess)
        {
            return result.Error.ToProblem();
        }

        var document = result.Value;
        http.Response.Headers[DraftHeader] = document.IsDraft ? "true" : "false";
        if (document.IsDraft)
        {
            http.Response.Headers[DraftBecauseHeader] = string.Join(",", document.DraftBecause);
        }

        return TypedResults.File(document.Content, document.ContentType, document.FileName);
    }

    public static async Task<Results<Ok<ApplicationPlan>, ProblemHttpResult>> PlanAsync(DateOnly target, PolicyCatalogue policies, ApplicationTimeline timeline,
        IOptions<LicensingOptions> options, WorkdayCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        if ((DateRange.Check("target", target) ?? calendar.OutOfRange("target", target)) is { } bad)
        {
            return bad.ToProblem();
        }

        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var policy = await policies.InForceAsync(today, ct);
        if (!policy.IsSuccess)
        {
            return policy.Error.ToProblem();
        }

        try
        {
            return TypedResults.Ok(timeline.Plan(target, policy.Value, options.Value, today));
        }
        catch (CalendarYearOutOfRangeException ex)
        {
            return ex.ToError("target").ToProblem();
        }
    }

    public static async Task<Ok<IReadOnlyList<ApplicationView>>> ListApplicationsAsync(ApplicationsHandler handler, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await handler.ViewsAsync(http.User.EnterpriseId(), ct));

    public static async Task<Results<Created<ApplicationView>, ProblemHttpResult>> StartAsync(StartApplicationBody body, ApplicationsHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.StartAsync(http.User.EnterpriseId(), body.DossierId, body.TargetGoLive, http.User.Actor(), ct);
        return result.IsSuccess ? TypedResults.Created($"/api/licence/applications/{result.Value.Id}", result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> ApplicationAsync(Guid id, ApplicationsHandler handler, HttpContext http, CancellationToken ct) =>
        Answer(await handler.GetAsync(http.User.EnterpriseId(), id, ct));

    public static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> StepAsync(Guid id, StepBody body, ApplicationsHandler handler, HttpContext http, CancellationToken ct) =>
        Answer(await handler.RecordStepAsync(new RecordStepRequest(http.User.EnterpriseId(), id, body.Step, body.On, body.CertificateNumber, http.User.Actor()), ct));

    public static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> CorrectionAsync(Guid id, CorrectionBody body, ApplicationsHandler handler, HttpContext http, CancellationToken ct) =>
        Answer(await handler.AddCorrectionNoticeAsync(new CorrectionNoticeRequest(http.User.EnterpriseId(), id, body.ReceivedOn, body.Codes, body.Text, http.User.Actor()), ct));

    public static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> CorrectedAsync(Guid id, Guid noticeId, DoneBody body, ApplicationsHandler handler, HttpContext http, CancellationToken ct) =>
        Answer(await handler.MarkCorrectedAsync(http.User.EnterpriseId(), id, noticeId, body.On, http.User.Actor(), ct));

    public static async Task<Results<Ok<LicenceTaskView>, ProblemHttpResult>> DoneAsync(Guid id, DoneBody body, LicenceTasks tasks, HttpContext http, CancellationToken ct)
    {
        var result = await tasks.CompleteAsync(http.User.EnterpriseId(), id, body.On, http.User.Actor(), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Ok<CalendarTokenResponse>> TokenAsync(LicenceCalendarFeed feed, HttpContext http, CancellationToken ct)
    {
        var token = await feed.IssueTokenAsync(http.User.EnterpriseId(), http.User.Actor(), ct);
        return TypedResults.Ok(new CalendarTokenResponse(token, $"{http.Request.Scheme}://{http.Request.Host}/api/licence/calendar.ics?token={Uri.EscapeDataString(token)}"));
    }

    public static async Task<IResult> CalendarAsync(LicenceCalendarFeed feed, CancellationToken ct, string? token = null)
    {
        if (await feed.EnterpriseForTokenAsync(token, ct) is not { } enterpriseId)
        {
            return Error.Of(ErrorKind.Unauthorized, "CALENDAR_TOKEN_INVALID", null).ToProblem();
        }

        return Results.Text(await feed.RenderAsync(enterpriseId, ct), "text/calendar; charset=utf-8", Encoding.UTF8);
    }

    private static Results<Ok<ApplicationView>, ProblemHttpResult> Answer(Result<ApplicationView> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();

    private static async Task<Result<string>> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxDossierBytes)
        {
            return Error.Validation("$", "BODY_TOO_LARGE", ("max", MaxDossierBytes));
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[MaxDossierBytes + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
        return read > MaxDossierBytes
            ? Error.Validation("$", "BODY_TOO_LARGE", ("max", MaxDossierBytes))
            : new string(buffer, 0, read);
    }
}
