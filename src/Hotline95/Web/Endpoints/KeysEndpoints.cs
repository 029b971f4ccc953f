using Hotline95.Core.Data;
using Hotline95.Core.Identity;
using Hotline95.Core.Retention;
using Hotline95.Core.Security;
using Hotline95.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline95.Web.Endpoints;

public static class KeysEndpoints
{
    public sealed record RetentionPolicy(int CallRecordMonths, int ComplaintRecordMonths, string NightlyAt, bool NightlyEnabled, IReadOnlyList<PurgeRunView> History);

    public sealed record PurgeRunView(DateTimeOffset RanAt, DateTimeOffset Cutoff, int CallsDeleted, int RecordingsDeleted, int CallsKeptOnHold, string KeysDestroyed, string RanBy);

    public sealed record PurgeBody(bool DryRun, DateOnly? AsOf);

    public static IEndpointRouteBuilder MapKeysEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/keys", StatusAsync).WithTags("Keys").RequirePermission(Permission.ViewKeys)
            .Documented("Key custody status", "The master key's id and where it is kept, and the monthly data keys (which are destroyed by retention), never key material.");
        app.MapGet("/api/retention", PolicyAsync).WithTags("Retention").RequirePermission(Permission.ViewKeys)
            .Documented("Retention policy", "How long call records and complaints are kept, and when the last purge ran.");
        app.MapPost("/api/retention/purge", PurgeAsync).WithTags("Retention").RequirePermission(Permission.ManageRetention)
            .Documented("Purge what is past retention", "Deletes call records and complaints past their retention period (except those on legal hold) and destroys the keys of purged months (crypto-shredding); dryRun=true only counts.");
        app.MapGet("/api/retention/holds", HoldsAsync).WithTags("Retention").RequirePermission(Permission.ManageRetention)
            .Documented("Legal holds", "The open legal holds, which keep calls past retention.");
        return app;
    }

    public static async Task<Results<Ok<KeysStatus>, ProblemHttpResult>> StatusAsync(ManageKeysHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.StatusAsync(http.User.EnterpriseId(), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Ok<RetentionPolicy>> PolicyAsync(Hotline95DbContext db, IOptions<RetentionOptions> options, HttpContext http, CancellationToken ct)
    {
        var enterpriseId = http.User.EnterpriseId();
        var runs = (await db.PurgeRuns.AsNoTracking().Where(r => r.EnterpriseId == enterpriseId).ToListAsync(ct))
            .OrderByDescending(r => r.RanAt).Take(50)
            .Select(r => new PurgeRunView(r.RanAt, r.Cutoff, r.CallsDeleted, r.RecordingsDeleted, r.CallsKeptOnHold, r.KeysDestroyed, r.RanBy)).ToList();
        var o = options.Value;
        return TypedResults.Ok(new RetentionPolicy(o.CallRecordMonths, o.ComplaintRecordMonths, o.NightlyAt.ToString("HH:mm"), o.NightlyEnabled, runs));
    }

    /// <summary>Purges the caller's own enterprise only; the installation-wide purge is the nightly job's and the operator's.</summary>
    public static async Task<Results<Ok<PurgeResult>, ProblemHttpResult>> PurgeAsync(PurgeBody body, PurgeRetentionHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new PurgeRequest(body.AsOf, body.DryRun, http.User.Actor(), http.User.EnterpriseId()), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Ok<IReadOnlyList<LegalHoldView>>> HoldsAsync(LegalHoldsHandler handler, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await handler.ListOpenAsync(http.User.EnterpriseId(), ct));
}
