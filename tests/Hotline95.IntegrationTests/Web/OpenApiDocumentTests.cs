using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Testing;

namespace Hotline95.IntegrationTests.Web;

/// <summary>
/// The OpenAPI document describes every operation: what it does, what it takes and every answer it gives, and how to
/// authenticate. A new endpoint without <c>.Documented(summary, description, …)</c> fails here, by name.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    /// <summary>Operations that change state without reading a body (the route and the caller say it all).</summary>
    private static readonly HashSet<string> Bodyless = new(StringComparer.Ordinal)
    {
        "POST /api/auth/logout",
        "POST /api/compliance/red-lines/check",
        "POST /api/compliance/red-lines/{id}/acknowledge",
        "POST /api/users/{userName}/disable",
        "POST /api/users/{userName}/enable",
        "POST /api/users/{userName}/reset-password",
        "POST /api/apikeys/{id}/revoke",
        "POST /api/licence/calendar-token",
        "POST /api/monitoring/alerts/{id}/block",
        "POST /api/complaints/{id}/respond",
        "POST /api/licence/applications/{id}/corrections/{noticeId}/corrected",
    };

    /// <summary>Operations a caller reaches without the session cookie or an API key.</summary>
    private static readonly HashSet<string> Public = new(StringComparer.Ordinal)
    {
        "POST /api/auth/login",
        "GET /healthz",
        "GET /readyz",
        "POST /api/v1/cti/{token}",
        "GET /api/licence/calendar.ics",
    };

    private static async Task<JsonElement> DocumentAsync()
    {
        await using var app = await Hotline95AppFactory.StartAsync();
        return await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
    }

    private static IEnumerable<(string Name, string Method, JsonElement Operation)> Operations(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)))
            {
                yield return ($"{method.Name.ToUpperInvariant()} {path.Name}", method.Name, method.Value);
            }
        }
    }

    private static string Text(JsonElement operation, string property) =>
        operation.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    [Fact]
    public async Task Document_EveryOperation_HasSummaryDescriptionBodyAndAnswers()
    {
        var document = await DocumentAsync();
        var operations = Operations(document).ToList();
        Assert.True(operations.Count > 100, $"expected the API's operations, found {operations.Count}");

        var failures = new List<string>();
        foreach (var (name, method, operation) in operations)
        {
            if (Text(operation, "summary").Length < 8)
            {
                failures.Add($"{name}: no summary (.Documented(summary, description, …) where it is mapped)");
            }

            if (Text(operation, "description").Length < 20)
            {
                failures.Add($"{name}: no description");
            }

            var responses = operation.GetProperty("responses").EnumerateObject().ToList();
            if (!responses.Any(r => r.Name[0] is '2' or '3'))
            {
                failures.Add($"{name}: no success answer (Produces<T>() or a typed result)");
            }

            foreach (var error in responses.Where(r => r.Name[0] == '4'))
            {
                if (!error.Value.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out _))
                {
                    failures.Add($"{name}: answer {error.Name} is not a ProblemDetails (application/problem+json)");
                }
            }

            if (method is "post" or "put" or "patch" && !Bodyless.Contains(name) && !operation.TryGetProperty("requestBody", out _))
            {
                failures.Add($"{name}: reads a body but declares none (a typed body parameter or .Accepts<T>(contentType))");
            }

            var secured = operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
            if (Public.Contains(name) == secured)
            {
                failures.Add(secured ? $"{name}: public, but declares a security requirement" : $"{name}: needs a caller, but declares no security requirement");
            }

            if (secured && !responses.Any(r => r.Name == "401"))
            {
                failures.Add($"{name}: needs a caller, but does not list the 401 answer");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Document_SecuritySchemes_AreTheCookieAndTheApiKeyHeader()
    {
        var document = await DocumentAsync();

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        var cookie = schemes.GetProperty("cookie");
        var apiKey = schemes.GetProperty("apiKey");
        Assert.Equal(("apiKey", "cookie", "hotline95.session"), (Text(cookie, "type"), Text(cookie, "in"), Text(cookie, "name")));
        Assert.Equal(("apiKey", "header", "X-Api-Key"), (Text(apiKey, "type"), Text(apiKey, "in"), Text(apiKey, "name")));

        var lines = document.GetProperty("paths").GetProperty("/api/lines").GetProperty("post");
        var requirements = lines.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).Order().ToList();
        Assert.Equal(["apiKey", "cookie"], requirements);
        Assert.True(lines.GetProperty("responses").TryGetProperty("403", out _), "a permission-guarded operation lists 403");
        Assert.Contains("ManageLines", Text(lines, "description"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Document_Enums_AreListedAsStrings()
    {
        var document = await DocumentAsync();

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var enums = schemas.EnumerateObject().Where(s => s.Value.TryGetProperty("enum", out _)).ToList();
        Assert.NotEmpty(enums);
        // Listed by name (a nullable enum lists null too), never as numbers.
        Assert.All(enums, s => Assert.All(s.Value.GetProperty("enum").EnumerateArray(), v => Assert.Contains(v.ValueKind, new[] { JsonValueKind.String, JsonValueKind.Null })));
        var legalForm = schemas.GetProperty("LegalForm").GetProperty("enum").EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()).ToList();
        Assert.Equal(["LLC", "JointStock", "Partnership", "Sole", "Branch"], legalForm);
    }
}
