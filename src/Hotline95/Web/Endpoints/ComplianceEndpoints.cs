using Hotline95.Core.Common;
using Hotline95.Core.Compliance;
using Hotline95.Core.Identity;
using Hotline95.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline95.Web.Endpoints;

/// <summary>The red-line scanner and the enterprise's lexicon.</summary>
public static class ComplianceEndpoints
{
    public sealed record ScanBody(string? Text);

    public sealed record TermBody(string? Term, bool IsException, string? Category, string? Severity, string? LegalBasis, string? Rewrite);

    public static IEndpointRouteBuilder MapComplianceEndpoints(this IEndpointRouteBuilder app)
    {
        var compliance = app.MapGroup("/api/compliance").WithTags("Compliance");
        compliance.MapPost("/scan", ScanAsync).RequirePermission(Permission.ScanText)
            .Documented("Scan a text for red-line words", "Checks advertising copy, a voice prompt, a script or an SMS template against the Advertising Law and marketing rules and the enterprise's lexicon; each finding names the words, the law and a suggested rewrite.");
        compliance.MapGet("/terms", (ComplianceLexiconHandler h, HttpContext http, CancellationToken ct) => h.ListAsync(http.User.EnterpriseId(), ct)).RequirePermission(Permission.ScanText)
            .Documented("The enterprise's lexicon", "Words the enterprise added to the scanner, and the exceptions it allows.");
        compliance.MapPost("/terms", AddAsync).RequirePermission(Permission.ManageLexicon)
            .Documented("Add a word to the lexicon", "Adds a forbidden word (with its category, severity, legal basis and rewrite) or an allowed exception to the enterprise's lexicon.", 409);
        compliance.MapDelete("/terms/{id:long}", RemoveAsync).RequirePermission(Permission.ManageLexicon)
            .Documented("Remove a word from the lexicon", "Removes one of the enterprise's own lexicon entries.", 404);
        compliance.MapGet("/red-lines", async (RedLineAlertsHandler h, HttpContext http, CancellationToken ct, bool open = false, int page = 1, int pageSize = PageRequest.DefaultSize) =>
                (await h.ListAsync(http.User.EnterpriseId(), open, new PageRequest(page, pageSize), ct)).Match<IResult>(v => TypedResults.Ok(v), e => e.ToProblem()))
            .RequirePermission(Permission.ViewRedLines)
            .Documented("Red-line alerts, a page at a time", "Alerts of out-of-scope service, data leaks and lending (a licence or trunk used by another), newest first; open=true for those still open. The answer is { items, total, page, pageSize }: page is 1-based, pageSize 1–500 (default 50).", 422)
            .Produces<Paged<RedLineAlertView>>();
        compliance.MapGet("/red-lines/counts", CountsAsync).RequirePermission(Permission.ViewRedLines)
            .Documented("Red-line alert counts", "Open, acknowledged and resolved alerts by red line.");
        compliance.MapPost("/red-lines/check", async (DetectRedLinesHandler h, HttpContext http, CancellationToken ct) => (await h.HandleAsync(http.User.EnterpriseId(), ct)).Count)
            .RequirePermission(Permission.ManageRedLines)
            .Documented("Check for red-line breaches now", "Runs the red-line detectors over the enterprise's data at once (they also run nightly) and answers how many new alerts were raised.");
        compliance.MapPost("/red-lines/{id:long}/acknowledge", AcknowledgeAsync).RequirePermission(Permission.ManageRedLines)
            .Documented("Acknowledge a red-line alert", "Marks an open alert as seen and being handled.", 404, 409);
        compliance.MapPost("/red-lines/{id:long}/resolve", ResolveAsync).RequirePermission(Permission.ManageRedLines)
            .Documented("Resolve a red-line alert", "Closes an alert with a note saying how it was resolved.", 404, 409);
        compliance.MapPost("/campaigns", CampaignAsync).RequirePermission(Permission.ManageCampaigns)
            .Documented("Check an outbound campaign", "Registers an outbound campaign after scanning its name and agents' script for marketing and red-line words: 201 when it may run, 422 with the findings when it is held.");
        app.MapGet("/api/calls/export", (ExportPersonalDataHandler h, HttpContext http, CancellationToken ct, DateOnly? from, DateOnly? to, string? reason, string? line, string? format) =>
            ExportAsync("calls", h, http, ct, from, to, reason, line, format)).WithTags("Calls").RequirePermission(Permission.ExportPersonalData)
            .Produces(StatusCodes.Status200OK, (Type?)null, "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .Documented("Export call records with personal data", "Calls of up to 31 days with the callers' numbers in clear, as CSV or XLSX, for a stated reason; audited, limited per user per day (429 past the allowance, which also raises a data-leak alert).", 429);
        app.MapGet("/api/exports/{kind}", ExportAsync).WithTags("Compliance").RequirePermission(Permission.ExportPersonalData)
            .Produces(StatusCodes.Status200OK, (Type?)null, "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .Documented("Export records with personal data", "Calls, complaints or tickets of up to 31 days with personal data in clear, as CSV or XLSX, for a stated reason; audited, limited per user per day (429 past the allowance).", 429);
        return app;
    }

    public sealed record NoteBody(string? Note);

    public sealed record CampaignBody(string? Line, string? Name, string? Script);

    /// <summary>Registers an outbound campaign: 201 when its script passes, 422 naming the hits when it is held.</summary>
    public static async Task<Results<Created<CampaignView>, UnprocessableEntity<CampaignView>, ProblemHttpResult>> CampaignAsync(CampaignBody body, OutboundCampaignsHandler h, HttpContext http, CancellationToken ct)
    {
        var result = await h.RegisterAsync(new RegisterCampaignRequest(http.User.EnterpriseId(), body.Line, body.Name, body.Script, http.User.Actor()), ct);
        if (!result.IsSuccess)
        {
            return result.Error.ToProblem();
        }

        return result.Value.Held ? TypedResults.UnprocessableEntity(result.Value) : TypedResults.Created($"/api/compliance/campaigns/{result.Value.Id}", result.Value);
    }

    public static async Task<Ok<IReadOnlyList<RedLineMonthCount>>> CountsAsync(RedLineAlertsHandler h, TimeProvider clock, HttpContext http, CancellationToken ct, DateOnly? from = null, DateOnly? to = null)
    {
        var today = Core.Common.ChinaTime.DateOf(clock.GetUtcNow());
        var first = from ?? new DateOnly(today.Year, 1, 1);
        var last = to ?? today;
        if (!Core.Common.DateRange.Plausible(first) || !Core.Common.DateRange.Plausible(last))
        {
            return TypedResults.Ok<IReadOnlyList<RedLineMonthCount>>([]);
        }

        return TypedResults.Ok(await h.CountsAsync(http.User.EnterpriseId(), Core.Common.ChinaTime.StartOfDay(first), Core.Common.ChinaTime.StartOfDay(last.AddDays(1)), ct: ct));
    }

    public static async Task<Results<Ok<RedLineAlertView>, ProblemHttpResult>> AcknowledgeAsync(long id, NoteBody body, RedLineAlertsHandler h, HttpContext http, CancellationToken ct)
    {
        var result = await h.AcknowledgeAsync(http.User.EnterpriseId(), id, body.Note, http.User.Actor(), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<RedLineAlertView>, ProblemHttpResult>> ResolveAsync(long id, NoteBody body, RedLineAlertsHandler h, HttpContext http, CancellationToken ct)
    {
        var result = await h.ResolveAsync(http.User.EnterpriseId(), id, body.Note, http.User.Actor(), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    /// <summary>GET /api/exports/calls|complaints|tickets?from=2026-03-01&amp;to=2026-03-31&amp;reason=…[&amp;line=95528][&amp;format=csv|xlsx]: personal data in clear, watermarked.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(string kind, ExportPersonalDataHandler h, HttpContext http, CancellationToken ct,
        DateOnly? from = null, DateOnly? to = null, string? reason = null, string? line = null, string? format = null)
    {
        var result = await h.HandleAsync(new ExportRequest(http.User.EnterpriseId(), kind, format, line, from, to, reason, http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.File(result.Value.Content, result.Value.ContentType, result.Value.FileName) : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<ScanResult>, ProblemHttpResult>> ScanAsync(ScanBody body, ComplianceLexiconHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.ScanAsync(http.User.EnterpriseId(), body.Text, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Created<CustomTermView>, ProblemHttpResult>> AddAsync(TermBody body, ComplianceLexiconHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.AddAsync(new AddTermRequest(http.User.EnterpriseId(), body.Term, body.IsException, body.Category, body.Severity, body.LegalBasis, body.Rewrite, http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.Created($"/api/compliance/terms/{result.Value.Id}", result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(long id, ComplianceLexiconHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.RemoveAsync(http.User.EnterpriseId(), id, http.User.Actor(), ct);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error.ToProblem();
    }
}
