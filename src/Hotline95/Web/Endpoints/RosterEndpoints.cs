using Hotline95.Core.Identity;
using Hotline95.Core.Roster;
using Hotline95.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline95.Web.Endpoints;

/// <summary>The roster: seats, agents and their training records.</summary>
public static class RosterEndpoints
{
    /// <summary>A training's form (multipart/form-data), for the API document: the evidence file, its topic and the day it was held (yyyy-MM-dd).</summary>
    public sealed record TrainingForm(string Topic, DateOnly HeldOn, IFormFile File);

    public sealed record AgentBody(string? Name, string? UserName, string? Employment, string? SocialInsuranceCity, int? SocialInsuranceMonths);

    public sealed record SeatBody(string? Location, string? Equipment, string? AgentUserName);

    public static IEndpointRouteBuilder MapRosterEndpoints(this IEndpointRouteBuilder app)
    {
        var roster = app.MapGroup("/api/roster").WithTags("Roster");
        roster.MapGet("/", (RosterHandler h, HttpContext http, CancellationToken ct) => h.GetAsync(http.User.EnterpriseId(), ct)).RequirePermission(Permission.ViewRoster)
            .Documented("Seats and agents", "The roster of seats and agents the licence conditions count (social insurance, training).");
        roster.MapPost("/agents", SaveAgentAsync).RequirePermission(Permission.ManageRoster)
            .Documented("Add an agent", "Adds an agent to the roster with employment, social insurance and a linked user.");
        roster.MapPut("/agents/{id:guid}", SaveAgentAsync).RequirePermission(Permission.ManageRoster)
            .Documented("Change an agent", "Changes an agent on the roster.", 404);
        roster.MapPost("/agents/{id:guid}/trainings", AddTrainingAsync).Accepts<TrainingForm>("multipart/form-data").RequirePermission(Permission.ManageRoster).DisableAntiforgery()
            .Documented("Record a training", "Records a training of an agent (multipart: topic, heldOn, file as evidence).", 404);
        roster.MapGet("/trainings/{id:guid}/file", TrainingFileAsync).RequirePermission(Permission.ViewRoster)
            .Produces(StatusCodes.Status200OK, (Type?)null, "application/octet-stream")
            .Documented("A training's evidence", "The file kept as evidence of a training.", 404);
        roster.MapPut("/seats/{code}", SaveSeatAsync).RequirePermission(Permission.ManageRoster)
            .Documented("Add or change a seat", "A seat (code, location and equipment) as the inspection checks it.");
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
            return Core.Common.Error.Validation("$", "FORM_REQUIRED").ToProblem();
        }

        var form = await request.ReadFormAsync(ct);
        DateOnly? heldOn = null;
        if (form["heldOn"].ToString() is { Length: > 0 } text)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", out var parsed))
            {
                return Core.Common.Error.Validation("heldOn", "DATE_INVALID", ("field", "heldOn"), ("value", text)).ToProblem();
            }

            heldOn = parsed;
        }

        byte[]? content = null;
        var file = form.Files.GetFile("file");
        if (file is { Length: > RosterHandler.MaxTrainingFileBytes })
        {
            return Core.Common.Error.Validation("file", "FILE_TOO_LARGE", ("size", file.Length), ("max", RosterHandler.MaxTrainingFileBytes)).ToProblem();
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
