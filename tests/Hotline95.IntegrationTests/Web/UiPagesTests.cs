using System.Net;
using System.Net.Http.Headers;
using Hotline95.Core.Identity;
using Hotline95.Testing;

namespace Hotline95.IntegrationTests.Web;

/// <summary>What the pages answer outside their own content: a page the role may not see, the icon.</summary>
public sealed class UiPagesTests
{
    private static HttpRequestMessage PageRequest(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return request;
    }

    [Theory]
    [InlineData("/security")]
    [InlineData("/licence")]
    [InlineData("/monitoring")]
    public async Task Page_RoleMayNotSeeIt_Answers403WithTheAccessDeniedPage(string path)
    {
        await using var app = await Hotline95AppFactory.StartAsync();
        var agent = await app.LoginAsAgentAsync();

        var response = await agent.SendAsync(PageRequest(path));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("""<main class="content" id="denied">""", html, StringComparison.Ordinal);
        Assert.Contains("""<a href="/" id="denied-home" """, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_RoleMaySeeIt_AnswersThePage()
    {
        await using var app = await Hotline95AppFactory.StartAsync();
        var officer = await app.LoginAsComplianceOfficerAsync();

        var response = await officer.SendAsync(PageRequest("/security"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("id=\"denied\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_RoleMayNotUseIt_StillAnswers403ProblemDetails()
    {
        await using var app = await Hotline95AppFactory.StartAsync();
        var agent = await app.LoginAsAgentAsync();

        var response = await agent.GetAsync("/api/keys");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Page_SignedOut_StillGoesToTheSignIn()
    {
        await using var app = await Hotline95AppFactory.StartAsync();

        var response = await app.CreateClient().SendAsync(PageRequest("/security"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Favicon_IsServedToAnyone()
    {
        await using var app = await Hotline95AppFactory.StartAsync();

        var response = await app.CreateClient().GetAsync("/favicon.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<svg", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
