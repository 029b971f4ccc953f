using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Identity;
using Hotline95.Core.Reports;
using Hotline95.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline95.Web.Endpoints;

/// <summary>The annual report (and whether it is ready to file), its typical cases, the inspection pack and its verification.</summary>
public static class ReportEndpoints
{
    /// <summary>Response headers of a rendered report: whether it is ready to file, and the codes of its warnings.</summary>
    public const string ReadyHeader = "Hotline95-Report-Ready";
    public const string WarningsHeader = "Hotline95-Report-Warnings";
    public const string ManifestHeader = "Hotline95-Manifest-Sha256";

    public sealed record CasesBody(List<string>? Cases);

    /// <summary>A pack sent for verification may be this large (it holds the uploads, 20 MB each).</summary>
    public const long MaxPackBytes = 1024L * 1024 * 1024;

    public sealed record WarningView(string Code, bool Blocking, string Message, IReadOnlyDictionary<string, string> Args);

    public sealed record ReportCheck(bool Ready, string Title, DateOnly From, DateOnly To, bool Partial, IReadOnlyList<WarningView> Warnings);

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("Reports");
        reports.MapGet("/annual", AnnualAsync).RequirePermission(Permission.GenerateReports)
            .Documented("The annual usage report", "The annual usage report (the filing 95码号使用情况报告) of an ended period as PDF, XLSX or JSON; lang=zh for the filing, en for a reading copy.");
        reports.MapGet("/annual/check", CheckAsync).RequirePermission(Permission.GenerateReports)
            .Documented("Is the annual report ready to file", "Whether the annual report is ready to file, with its blocking findings and warnings in the reader's language.");
        reports.MapGet("/cases", (ReportCasesHandler h, HttpContext http, CancellationToken ct, string line, int year) => h.GetAsync(http.User.EnterpriseId(), line.Trim(), year, ct))
            .RequirePermission(Permission.GenerateReports)
            .Documented("Typical complaint cases", "The typical complaint cases of a line's annual report for a year.");
        // Writing the filing's content is the compliance officer's (and the admin's), not an auditor's.
        reports.MapPut("/cases", SetCasesAsync).RequirePermission(Permission.ManageLicence)
            .Documented("Replace the typical cases", "Replaces the typical complaint cases of a line's report (at most 3, no personal data).");
        reports.MapGet("/inspection", InspectionAsync).RequirePermission(Permission.GenerateReports)
            .Documented("Inspection evidence pack", "A zip of the evidence for an on-site inspection with a manifest whose SHA-256 is recorded in the audit log.");
        reports.MapPost("/verify-pack", VerifyPackAsync).RequirePermission(Permission.GenerateReports).DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxPackBytes), new Microsoft.AspNetCore.Mvc.RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxPackBytes })
            .Documented("Verify an inspection pack", "Checks an inspection pack (multipart field 'file') against its manifest and the audit log.");
        return app;
    }

    private static AnnualReportRequest Request(HttpContext http, string? line, int? year, DateOnly? from, DateOnly? to, bool partial) =>
        new(http.User.EnterpriseId(), line, year, from, to, partial);

    /// <summary>GET /api/reports/annual?line=95528&amp;year=2025&amp;format=pdf|xlsx|json&amp;lang=zh|en (or from/to; partial=true for a period not ended).</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> AnnualAsync(BuildAnnualReportHandler handler, AuditLog audit, HttpContext http, CancellationToken ct,
        string? line = null, int? year = null, DateOnly? from = null, DateOnly? to = null, bool partial = false, string format = "pdf", string lang = "zh")
    {
        if (!EnumNames.TryParse<ReportFormat>(format, out var chosen))
        {
            return Error.Validation("format", "FORMAT_UNKNOWN", ("value", format)).ToProblem();
        }

        if (lang is not ("zh" or "en"))
        {
            return Error.Validation("lang", "LANG_UNKNOWN", ("value", lang)).ToProblem();
        }

        var report = await handler.HandleAsync(Request(http, line, year, from, to, partial), ct);
        if (!report.IsSuccess)
        {
            return report.Error.ToProblem();
        }

        var r = report.Value;
        var (content, contentType, extension) = AnnualReportRenderer.Render(r, chosen, lang == "en");
        await audit.AppendAsync(http.User.EnterpriseId(), http.User.Actor(), AuditActions.ReportGenerated, $"line:{r.Header.Line}",
            $"annual {r.Header.From:yyyy-MM-dd}..{r.Header.To:yyyy-MM-dd} {chosen}{(lang == "en" ? " en" : "")}", ct);
        http.Response.Headers[ReadyHeader] = r.ReadyToFile ? "true" : "false";
        http.Response.Headers[WarningsHeader] = string.Join(",", r.Warnings.Select(w => w.Code).Distinct());
        return TypedResults.File(content, contentType, $"95-usage-report-{r.Header.Line}-{r.Header.From:yyyyMMdd}-{r.Header.To:yyyyMMdd}{(lang == "en" ? "-en" : "")}.{extension}");
    }

    /// <summary>GET /api/reports/annual/check: the same parameters; the warnings in the reader's language (Accept-Language), codes unchanged.</summary>
    public static async Task<Results<Ok<ReportCheck>, ProblemHttpResult>> CheckAsync(BuildAnnualReportHandler handler, HttpContext http, CancellationToken ct,
        string? line = null, int? year = null, DateOnly? from = null, DateOnly? to = null, bool partial = false)
    {
        var report = await handler.HandleAsync(Request(http, line, year, from, to, partial), ct);
        if (!report.IsSuccess)
        {
            return report.Error.ToProblem();
        }

        var r = report.Value;
        var english = http.PrefersEnglish();
        return TypedResults.Ok(new ReportCheck(r.ReadyToFile, AnnualReportRenderer.Title(r, new AnnualReportRenderer.Words(english)), r.Header.From, r.Header.To, r.Header.Partial,
            r.Warnings.Select(w => new WarningView(w.Code, w.Blocking, ReportWarnings.Text(w, english), w.Args)).ToList()));
    }

    public static async Task<Results<Ok<IReadOnlyList<string>>, ProblemHttpResult>> SetCasesAsync(ReportCasesHandler handler, HttpContext http, CasesBody body, CancellationToken ct,
        string? line = null, int year = 0)
    {
        var result = await handler.SetAsync(new SetReportCasesRequest(http.User.EnterpriseId(), line, year, body.Cases ?? [], http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> InspectionAsync(BuildInspectionPackHandler handler, HttpContext http, CancellationToken ct,
        string? line = null, DateOnly? from = null, DateOnly? to = null)
    {
        var pack = await handler.HandleAsync(new InspectionPackRequest(http.User.EnterpriseId(), line, http.User.Actor(), from, to), ct);
        if (!pack.IsSuccess)
        {
            return pack.Error.ToProblem();
        }

        http.Response.Headers[ManifestHeader] = pack.Value.ManifestSha256;
        return TypedResults.File(pack.Value.Zip, "application/zip", $"inspection-{pack.Value.Manifest.Line}-{pack.Value.Manifest.To:yyyyMMdd}.zip");
    }

    public static async Task<Results<Ok<PackVerification>, ProblemHttpResult>> VerifyPackAsync(IFormFile file, VerifyInspectionPackHandler handler, HttpContext http, CancellationToken ct)
    {
        // Spooled to a temporary file (the zip reader needs to seek), never held whole in memory.
        var path = Path.GetTempFileName();
        try
        {
            await using (var spool = File.Create(path))
            {
                await using var content = file.OpenReadStream();
                await content.CopyToAsync(spool, ct);
            }

            await using var pack = File.OpenRead(path);
            return TypedResults.Ok(await handler.HandleAsync(http.User.EnterpriseId(), pack, ct));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
