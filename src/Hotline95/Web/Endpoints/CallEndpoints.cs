using Hotline95.Core.Calls;
using Hotline95.Core.Common;
using Hotline95.Core.Identity;
using Hotline95.Core.Retention;
using Hotline95.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline95.Web.Endpoints;

public static class CallEndpoints
{
    public sealed record RevealBody(string? Reason);

    public sealed record HoldBody(string? Reason);

    public sealed record BlockBody(string? Phone, string? Reason);

    public static IEndpointRouteBuilder MapCallEndpoints(this IEndpointRouteBuilder app)
    {
        var calls = app.MapGroup("/api/calls").WithTags("Calls");
        calls.MapGet("/", FindAsync).RequirePermission(Permission.ViewCalls)
            .Documented("Find calls, a page at a time", "Calls of the enterprise, newest first, masked (138****8000, 王**). Every criterion is optional: phone (any usual writing; matched through the blind index, never by decrypting), id, line, from and to (yyyy-MM-dd, Asia/Shanghai days, inclusive), outcome (all, answered, missed). The answer is { items, total, page, pageSize, totalCapped }: page is 1-based, pageSize 1–500 (default 50; limit is its former name). total counts every match; totalCapped is true when the count stopped at a cap (one caller's calls beyond 20,000, or more than 100,000 calls without a number) and total is then a lower bound.", 422)
            .Produces<Paged<CallView>>();
        calls.MapPost("/{id:long}/reveal", RevealAsync).RequirePermission(Permission.RevealPersonalData)
            .Documented("Reveal a caller's number", "Decrypts the caller's number of one call for a stated reason (at least a few visible characters); the reveal and its reason are written to the audit log.", 404);
        calls.MapPost("/{id:long}/recording", AttachAsync).RequirePermission(Permission.AttachRecordings).DisableAntiforgery()
            .Documented("Attach a recording", "Stores a call's recording (multipart field 'file'), encrypted under the month's key. The content is sniffed: WAV, MP3, OGG or FLAC by content, or a PBX format by name; anything else (markup, script) is refused with 415.", 404, 409, 415);
        calls.MapGet("/{id:long}/recording", PlayAsync).RequirePermission(Permission.PlayRecordings)
            .Produces(StatusCodes.Status200OK, (Type?)null, "audio/wav", "audio/mpeg", "audio/ogg", "audio/flac", "application/octet-stream")
            .Documented("Play or download a recording", "Streams a call's recording, decrypted; sniffed audio plays inline, anything else (or download=true) is a download. Each access is audited.", 404);
        calls.MapPost("/{id:long}/hold", HoldAsync).RequirePermission(Permission.ManageRetention)
            .Documented("Place a legal hold on a call", "Keeps a call (and its recording) past its retention period until the hold is released; the reason is audited.", 404, 409);
        calls.MapDelete("/{id:long}/hold", ReleaseAsync).RequirePermission(Permission.ManageRetention)
            .Documented("Release a legal hold", "Releases the compliance hold on a call, so the next retention purge may delete it once it is past retention; audited.", 404);

        var blocklist = app.MapGroup("/api/blocklist").WithTags("Calls").RequirePermission(Permission.ManageBlocklist);
        blocklist.MapGet("/", ListBlockedAsync)
            .Documented("Block list", "The enterprise's blocked caller numbers (masked), with the reason and who blocked them.");
        blocklist.MapPost("/", BlockAsync)
            .Documented("Block a caller", "Adds a caller number to the block list with a reason (e.g. harassment); the PBX refuses its calls through the CTI answer. Audited.");
        blocklist.MapDelete("/{id:long}", UnblockAsync)
            .Documented("Unblock a caller", "Removes an entry from the block list; audited.", 404);
        return app;
    }

    public static async Task<Results<Ok<Paged<CallView>>, ProblemHttpResult>> FindAsync(
        FindCallsHandler handler, HttpContext http, CancellationToken ct,
        string? phone = null, string? line = null, DateOnly? from = null, DateOnly? to = null, string? outcome = null, long? id = null,
        int page = 1, int? pageSize = null, int? limit = null)
    {
        if (!EnumNames.TryParse<CallOutcomeFilter>(outcome ?? "all", out var filter))
        {
            return Error.Validation("outcome", "OUTCOME_UNKNOWN", ("value", outcome)).ToProblem();
        }

        var result = await handler.HandleAsync(new FindCallsRequest(http.User.EnterpriseId(), phone, line, from, to, filter,
            new PageRequest(page, pageSize ?? limit ?? PageRequest.DefaultSize), id), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<RevealedCall>, ProblemHttpResult>> RevealAsync(long id, RevealBody body, RevealCallHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new RevealCallRequest(http.User.EnterpriseId(), id, body.Reason, http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Created<RecordingView>, ProblemHttpResult>> AttachAsync(long id, IFormFile file, RecordingsHandler handler, HttpContext http, CancellationToken ct)
    {
        await using var content = file.OpenReadStream();
        var result = await handler.AttachAsync(new AttachRecordingRequest(http.User.EnterpriseId(), id, content, file.FileName, file.ContentType, http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.Created($"/api/calls/{id}/recording", result.Value) : result.Error.ToProblem();
    }

    public static async Task<IResult> PlayAsync(long id, RecordingsHandler handler, HttpContext http, CancellationToken ct, bool download = false)
    {
        var result = await handler.OpenAsync(http.User.EnterpriseId(), id, download ? RecordingAccess.Download : RecordingAccess.Play, http.User.Actor(), ct);
        if (!result.IsSuccess)
        {
            return result.Error.ToProblem();
        }

        var recording = result.Value;
        http.Response.Headers.CacheControl = "no-store";
        // Only sniffed audio plays inline; anything else is a download of bytes (never rendered by the browser).
        var attachment = download || RecordingFormat.ServeAs(recording.ContentType).Attachment;
        return Results.Stream(output => recording.WriteTo(output, ct), recording.ContentType, attachment ? recording.FileName : null);
    }

    public static async Task<Results<Ok<LegalHoldView>, ProblemHttpResult>> HoldAsync(long id, HoldBody body, LegalHoldsHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.PlaceAsync(http.User.EnterpriseId(), id, body.Reason, LegalHoldsHandler.ComplianceSource, http.User.Actor(), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ReleaseAsync(long id, LegalHoldsHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.ReleaseAsync(http.User.EnterpriseId(), id, LegalHoldsHandler.ComplianceSource, http.User.Actor(), ct);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error.ToProblem();
    }

    public static async Task<Ok<IReadOnlyList<BlockedCallerView>>> ListBlockedAsync(BlockCallerHandler handler, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await handler.ListAsync(http.User.EnterpriseId(), ct));

    public static async Task<Results<Created<BlockedCallerView>, ProblemHttpResult>> BlockAsync(BlockBody body, BlockCallerHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.BlockAsync(new BlockCallerRequest(http.User.EnterpriseId(), body.Phone, body.Reason, http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.Created($"/api/blocklist/{result.Value.Id}", result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> UnblockAsync(long id, BlockCallerHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.UnblockAsync(http.User.EnterpriseId(), id, http.User.Actor(), ct);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error.ToProblem();
    }
}
