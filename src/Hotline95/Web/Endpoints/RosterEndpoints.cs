using Hotline95.Core.Identity;
using Hotline95.Core.Roster;
using Hotline95.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline95.Web.Endpoints;

/// <summary>The roster: seats, agents and their training records.</summary>
public static class RosterEndpoints
{
    public sealed record AgentBody(string? Name, string? UserName, string? Employment, string? SocialInsuranceCity, int? SocialInsuranceMonths);

    public sealed record SeatBody(string? Location, string? Equipment, string? AgentUserName);

    public static IEndpointRouteBuilder MapRosterEndpoints(this IEndpointRouteBuilder app)
    {
        var roster = app.MapGroup("/api/roster").WithTags("Roster");
        roster.MapGet("/", (RosterHandler h, HttpContext http, CancellationToken ct) => h.GetAsync(http.User.EnterpriseId(), ct)).RequirePermission(Permission.ViewRoster);
        roster.MapPost("/agents", SaveAgentAsync).RequirePermission(Permission.ManageRoster);
        roster.MapPut("/agents/{id:guid}", SaveAgentAsync).RequirePermission(Permission.ManageRoster);
        roster.MapPost("/agents/{id:guid}/trainings", AddTrainingAsync).RequirePermission(Permission.ManageRoster).DisableAntiforgery();
        roster.MapGet("/trainings/{id:guid}/file", TrainingFileAsync).RequirePermission(Permission.ViewRoster);
        roster.MapPut("/seats/{code}", SaveSeatAsync).RequirePermission(Permission.ManageRoster);
        return app;
    }

    public static async Task<Results<Ok<AgentView>, ProblemHttpResult>> SaveAgentAsync(AgentBody body, RosterHandler handler, HttpContext http, CancellationToken ct, Guid? id = null)
    {
        var result = await handler.SaveAgentAsync(new SaveAgentRequest(http.User.EnterpriseId(), id, body.Name, body.UserName, body.Employment, body.SocialInsuranceCity, body.SocialInsuranceMonths, http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    /// <summary>multipart/form-data: topic, heldOn (yyyy-MM-dd), file (optional).</summary>
    public static async Task<Results<Created<TrainingView>, ProblemHttpResult>> AddTrainingAsync(Guid id, HttpRequest request, RosterHandler handler, HttpContext http, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return Core.Common.Error.Validation("$", "FORM_REQUIRED", "send multipart/form-data with topic, heldOn and file.").ToProblem();
        }

        var form = await request.ReadFormAsync(ct);
        DateOnly? heldOn = null;
        if (form["heldOn"].ToString() is { Length: > 0 } text)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", out var parsed))
            {
                return Core.Common.Error.Validation("heldOn", "DATE_INVALID", $"heldOn '{text}' is not a date (yyyy-MM-dd).").ToProblem();
            }

            heldOn = parsed;
        }

        byte[]? content = null;
        var file = form.Files.GetFile("file");
        if (file is { Length: > RosterHandler.MaxTrainingFileBytes })
        {
            return Core.Common.Error.Validation("file", "FILE_TOO_LARGE", $"the file has {file.Length} bytes; at most {RosterHandler.MaxTrainingFileBytes} are kept.").ToProblem();
        }

        if (file is not null)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }

        var result = await handler.AddTrainingAsync(new AddTrainingRequest(http.User.EnterpriseId(), id, form["topic"], heldOn, file?.FileName, file?.ContentType, content, http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.Created($"/api/roster/trainings/{result.Value.Id}/file", result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> TrainingFileAsync(Guid id, RosterHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.TrainingFileAsync(http.User.EnterpriseId(), id, ct);
        // Always a download of opaque bytes: an uploaded "text/html" must never render on this origin.
        return result.IsSuccess
            ? TypedResults.File(result.Value.Content!, SafeContentType(result.Value.ContentType), string.IsNullOrWhiteSpace(result.Value.FileName) ? "training-record" : result.Value.FileName)
            : result.Error.ToProblem();
    }

    private static readonly HashSet<string> Viewable = new(StringComparer.OrdinalIgnoreCase) { "application/pdf", "image/jpeg", "image/png" };

    private static string SafeContentType(string? declared) => declared is not null && Viewable.Contains(declared) ? declared : "application/octet-stream";

    public static async Task<Results<Ok<SeatView>, ProblemHttpResult>> SaveSeatAsync(string code, SeatBody body, RosterHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.SaveSeatAsync(new SaveSeatRequest(http.User.EnterpriseId(), code, body.Location, body.Equipment, body.AgentUserName, http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }
}
