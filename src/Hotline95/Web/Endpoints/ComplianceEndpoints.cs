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
        compliance.MapPost("/scan", ScanAsync).RequirePermission(Permission.ScanText);
        compliance.MapGet("/terms", (ComplianceLexiconHandler h, HttpContext http, CancellationToken ct) => h.ListAsync(http.User.EnterpriseId(), ct)).RequirePermission(Permission.ScanText);
        compliance.MapPost("/terms", AddAsync).RequirePermission(Permission.ManageLexicon);
        compliance.MapDelete("/terms/{id:long}", RemoveAsync).RequirePermission(Permission.ManageLexicon);
        compliance.MapGet("/red-lines", async (RedLineAlertsHandler h, HttpContext http, CancellationToken ct, bool open = false, int page = 1, int pageSize = PageRequest.DefaultSize) =>
                (await h.ListAsync(http.User.EnterpriseId(), open, new PageRequest(page, pageSize), ct)).Match<IResult>(v => TypedResults.Ok(v), e => e.ToProblem()))
            .RequirePermission(Permission.ViewRedLines)
            .WithSummary("Red-line alerts, a page at a time")
            .WithDescription("Out-of-scope use, data leaks, lending and false advertising alerts, newest first (open=true: those not yet resolved). The answer is { items, total, page, pageSize }: page is 1-based, pageSize 1–500 (default 50).")
            .Produces<Paged<RedLineAlertView>>().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        compliance.MapGet("/red-lines/counts", CountsAsync).RequirePermission(Permission.ViewRedLines);
        compliance.MapPost("/red-lines/check", async (DetectRedLinesHandler h, HttpContext http, CancellationToken ct) => (await h.HandleAsync(http.User.EnterpriseId(), ct)).Count)
            .RequirePermission(Permission.ManageRedLines);
        compliance.MapPost("/red-lines/{id:long}/acknowledge", AcknowledgeAsync).RequirePermission(Permission.ManageRedLines);
        compliance.MapPost("/red-lines/{id:long}/resolve", ResolveAsync).RequirePermission(Permission.ManageRedLines);
        compliance.MapPost("/campaigns", CampaignAsync).RequirePermission(Permission.ManageCampaigns);
        app.MapGet("/api/calls/export", (ExportPersonalDataHandler h, HttpContext http, CancellationToken ct, DateOnly? from, DateOnly? to, string? reason, string? line, string? format) =>
            ExportAsync("calls", h, http, ct, from, to, reason, line, format)).WithTags("Calls").RequirePermission(Permission.ExportPersonalData);
        app.MapGet("/api/exports/{kind}", ExportAsync).WithTags("Compliance").RequirePermission(Permission.ExportPersonalData);
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
