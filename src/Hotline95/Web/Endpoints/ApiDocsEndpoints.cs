using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline95.Web.Endpoints;

/// <summary>
/// Swagger UI's script and style for the API page (/docs/api), served by the product itself from the
/// Swashbuckle.AspNetCore.SwaggerUI package's embedded copy of swagger-ui-dist (no CDN): the page stays under the
/// product's Content-Security-Policy, which allows only the product's own scripts.
/// </summary>
public static class ApiDocsEndpoints
{
    public const string AssetPath = "/assets/swagger-ui";

    private const string ResourcePrefix = "Swashbuckle.AspNetCore.SwaggerUI.node_modules.swagger_ui_dist.";

    /// <summary>The files the page uses, and their licence notices (Swagger UI is Apache-2.0).</summary>
    private static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
    {
        ["swagger-ui-bundle.js"] = "text/javascript; charset=utf-8",
        ["swagger-ui.css"] = "text/css; charset=utf-8",
        ["LICENSE"] = "text/plain; charset=utf-8",
        ["NOTICE"] = "text/plain; charset=utf-8",
    };

    private static readonly ConcurrentDictionary<string, byte[]> Cache = new(StringComparer.Ordinal);

    public static IEndpointRouteBuilder MapApiDocsEndpoints(this IEndpointRouteBuilder app)
    {
        // Behind sign-in like the page that uses them.
        app.MapGet(AssetPath + "/{file}", Asset).ExcludeFromDescription();
        return app;
    }

    private static Results<FileContentHttpResult, NotFound> Asset(string file, HttpContext http)
    {
        if (!Files.TryGetValue(file, out var contentType))
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.CacheControl = "public, max-age=86400";
        return TypedResults.File(Cache.GetOrAdd(file, Read), contentType);
    }

    /// <summary>The package keeps its files gzip-compressed; they are served plain (once read, from memory).</summary>
    private static byte[] Read(string file)
    {
        var assembly = typeof(Swashbuckle.AspNetCore.SwaggerUI.SwaggerUIOptions).Assembly;
        using var compressed = assembly.GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new InvalidOperationException($"{file} is not in {assembly.GetName().Name}.");
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return plain.ToArray();
    }
}
