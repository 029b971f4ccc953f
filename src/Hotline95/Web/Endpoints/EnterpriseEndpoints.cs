using Hotline95.Core.Enterprises;
using Hotline95.Core.Identity;
using Hotline95.Core.Licensing.Uploads;
using Hotline95.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline95.Web.Endpoints;

/// <summary>The enterprise profile the filings print, and the upload store of the dossier's materials.</summary>
public static class EnterpriseEndpoints
{
    public sealed record ProfileBody(string? Name, string? Uscc, string? RegisteredAddress, string? LegalRepresentative, string? ContactPerson, string? ContactPhone);

    public static IEndpointRouteBuilder MapEnterpriseEndpoints(this IEndpointRouteBuilder app)
    {
        var enterprise = app.MapGroup("/api/enterprise").WithTags("Enterprise");
        enterprise.MapGet("/profile", (EnterpriseProfileHandler h, HttpContext http, CancellationToken ct) => h.GetAsync(http.User.EnterpriseId(), ct))
            .RequirePermission(Permission.ViewLicence)
            .Documented("The enterprise profile", "The enterprise's name, unified social credit code, registered address, legal representative and contact, as the filings print them.");
        enterprise.MapPut("/profile", SetProfileAsync).RequirePermission(Permission.ManageLicence)
            .Documented("Change the enterprise profile", "Changes the profile used by the filings: a member left out is kept, an empty one is cleared; the unified social credit code is checked (check character). Audited.");

        var uploads = app.MapGroup("/api/uploads").WithTags("Enterprise");
        uploads.MapGet("/", (UploadsHandler h, HttpContext http, CancellationToken ct) => h.ListAsync(http.User.EnterpriseId(), ct))
            .RequirePermission(Permission.ViewLicence)
            .Documented("Uploaded documents", "The dossier's uploaded documents (lease, photos, certificates, business licence), without their content.");
        uploads.MapPost("/", UploadAsync).RequirePermission(Permission.ManageLicence).DisableAntiforgery()
            .Documented("Upload a document", "Stores a PDF, JPEG or PNG of up to 20 MB (judged by its content; multipart: file, kind, note), encrypted; audited.");
        uploads.MapGet("/{id:guid}", DownloadAsync).RequirePermission(Permission.ViewLicence)
            .Produces(StatusCodes.Status200OK, (Type?)null, "application/pdf", "image/jpeg", "image/png")
            .Documented("Download an uploaded document", "The document's bytes, decrypted, as a download; audited.", 404);
        uploads.MapDelete("/{id:guid}", DeleteAsync).RequirePermission(Permission.DeleteUploads)
            .Documented("Delete an uploaded document", "Deletes an uploaded document for good (compliance officers); audited.", 404);
        return app;
    }

    public static async Task<Results<Ok<EnterpriseProfileView>, ProblemHttpResult>> SetProfileAsync(ProfileBody body, EnterpriseProfileHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.SetAsync(new SetEnterpriseProfileRequest(http.User.EnterpriseId(), http.User.Actor(), body.Name, body.Uscc, body.RegisteredAddress,
            body.LegalRepresentative, body.ContactPerson, body.ContactPhone), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Created<UploadView>, ProblemHttpResult>> UploadAsync(IFormFile file, [Microsoft.AspNetCore.Mvc.FromForm] string? kind,
        [Microsoft.AspNetCore.Mvc.FromForm] string? note, UploadsHandler handler, HttpContext http, CancellationToken ct)
    {
        await using var content = file.OpenReadStream();
        var result = await handler.UploadAsync(new UploadRequest(http.User.EnterpriseId(), kind, file.FileName, content, note, http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.Created($"/api/uploads/{result.Value.Id}", result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(Guid id, UploadsHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.OpenAsync(http.User.EnterpriseId(), id, ct);
        if (!result.IsSuccess)
        {
            return result.Error.ToProblem();
        }

        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(result.Value.Content, result.Value.View.ContentType, result.Value.View.FileName);
    }

    public static async Task<Results<Ok<UploadView>, ProblemHttpResult>> DeleteAsync(Guid id, UploadsHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.DeleteAsync(http.User.EnterpriseId(), id, http.User.Actor(), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }
}
