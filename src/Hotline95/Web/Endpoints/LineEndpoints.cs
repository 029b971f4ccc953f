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
        group.MapGet("/", ListAsync).RequirePermission(Permission.ViewLines);
        group.MapPost("/", AddAsync).RequirePermission(Permission.ManageLines);
        return app;
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
