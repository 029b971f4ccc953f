using System.Net;
using System.Text.RegularExpressions;
using Hotline95.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Security;

/// <summary>Every endpoint, enumerated from the running app, refuses an anonymous caller unless it is on the short public list.</summary>
public sealed partial class EndpointSecurityTests
{
    // The only routes an anonymous caller may reach: login (page and API), health, the OpenAPI document.
    private static readonly HashSet<string> Public = new(StringComparer.Ordinal)
    {
        "POST /api/auth/login",
        "GET /login",
        "GET /healthz",
        "GET /readyz",
        "GET /openapi/{documentName}.json",
    };

    // Open to anonymous HTTP because the credential is in the URL (PBX scripts cannot send headers):
    // a wrong token must still get 401.
    private static readonly HashSet<string> TokenChecked = new(StringComparer.Ordinal)
    {
        "POST /api/v1/cti/{token}",
        "GET /api/licence/calendar.ics",
    };

    [Fact]
    public async Task AnyEndpoint_AnonymousCaller_IsRefusedUnlessPublic()
    {
        await using var app = await Hotline95AppFactory.StartAsync();
        var anonymous = app.CreateClient();
        var endpoints = Enumerate(app).ToList();
        Assert.True(endpoints.Count >= 10, $"expected the app's endpoints, found {endpoints.Count}");

        var failures = new List<string>();
        foreach (var (method, pattern, endpoint) in endpoints)
        {
            var key = $"{method} {pattern}";
            var allowsAnonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            if (Public.Contains(key))
            {
                Assert.True(allowsAnonymous, $"{key} is public but not marked AllowAnonymous");
                continue;
            }

            if (allowsAnonymous && !TokenChecked.Contains(key))
            {
                failures.Add($"{key} allows anonymous callers");
            }

            var request = new HttpRequestMessage(new HttpMethod(method), Concrete(pattern));
            if (method is "POST" or "PUT" or "PATCH")
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }

            var response = await anonymous.SendAsync(request);
            var refused = response.StatusCode == HttpStatusCode.Unauthorized
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/login", StringComparison.Ordinal));
            if (!refused)
            {
                failures.Add($"{key} answered an anonymous caller with {(int)response.StatusCode}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task PublicEndpoints_AnonymousCaller_AreAnswered()
    {
        await using var app = await Hotline95AppFactory.StartAsync();
        var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/login")).StatusCode);
    }

    private static IEnumerable<(string Method, string Pattern, RouteEndpoint Endpoint)> Enumerate(Hotline95AppFactory app)
    {
        var sources = app.Services.GetServices<EndpointDataSource>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                yield return (method, "/" + endpoint.RoutePattern.RawText!.TrimStart('/'), endpoint);
            }
        }
    }

    // A value every route constraint accepts, so the request reaches authorization rather than a 404.
    private static string Concrete(string pattern) =>
        RouteParameter().Replace(pattern, m => m.Value.Contains(":guid", StringComparison.Ordinal) ? "0197a4a2-0000-7000-8000-000000000001" : "1");

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
