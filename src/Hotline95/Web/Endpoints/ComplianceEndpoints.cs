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
        return app;
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
