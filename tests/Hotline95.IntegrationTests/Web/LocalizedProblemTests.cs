using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Testing;

namespace Hotline95.IntegrationTests.Web;

/// <summary>The server's answers are written in the UI's language (Accept-Language; Chinese by default), their codes unchanged.</summary>
public abstract class LocalizedProblemTests(DatabaseKind kind)
{
    private static HttpRequestMessage Request(HttpMethod method, string url, string? language, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (language is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", language);
        }

        return request;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        var response = await client.SendAsync(request);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Theory]
    [InlineData(null, "请求无效。", "“12345”不是95号码：须以 95 开头。")]
    [InlineData("zh-CN", "请求无效。", "“12345”不是95号码：须以 95 开头。")]
    [InlineData("en", "The request is not valid.", "'12345' is not a 95 number: it must begin with 95.")]
    [InlineData("en-US,en;q=0.9,zh;q=0.5", "The request is not valid.", "'12345' is not a 95 number: it must begin with 95.")]
    public async Task AddLine_NotA95Number_Is422InTheRequestsLanguage(string? language, string title, string detail)
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var admin = await app.LoginAsAdminAsync();

        var (status, problem) = await SendAsync(admin, Request(HttpMethod.Post, "/api/lines", language, new { number = "12345", name = "x" }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("LINE_NUMBER_PREFIX", problem.GetProperty("code").GetString());
        Assert.Equal("number", problem.GetProperty("field").GetString());
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
        Assert.Equal(detail, problem.GetProperty("errors").GetProperty("number")[0].GetString());
    }

    [Theory]
    [InlineData("zh-CN", "未找到。", "本企业没有投诉 424242。")]
    [InlineData("en", "Not found.", "No complaint 424242 in this enterprise.")]
    public async Task GetComplaint_Unknown_Is404InTheRequestsLanguage(string language, string title, string detail)
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var admin = await app.LoginAsAdminAsync();

        var (status, problem) = await SendAsync(admin, Request(HttpMethod.Get, "/api/complaints/424242", language));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("COMPLAINT_NOT_FOUND", problem.GetProperty("code").GetString());
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("zh-CN", "尚未登录。", "请先登录")]
    [InlineData("en", "Not signed in.", "Sign in first")]
    public async Task AnyApi_Anonymous_Is401ProblemInTheRequestsLanguage(string language, string title, string detail)
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);

        var (status, problem) = await SendAsync(app.CreateClient(), Request(HttpMethod.Get, "/api/lines", language));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.StartsWith(detail, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("zh-CN", "无权执行此操作。")]
    [InlineData("en", "Forbidden.")]
    public async Task AdminApi_AgentCaller_Is403ProblemInTheRequestsLanguage(string language, string title)
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();

        var (status, problem) = await SendAsync(agent, Request(HttpMethod.Post, "/api/lines", language, new { number = "95528", name = "x" }));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(title, problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("zh-CN", "name：201 个字符，最多 200 个字符。")]
    [InlineData("en", "name: 201 characters; at most 200.")]
    public async Task InputGuard_TooLongName_Is422InTheRequestsLanguage(string language, string detail)
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var admin = await app.LoginAsAdminAsync();

        var (status, problem) = await SendAsync(admin, Request(HttpMethod.Post, "/api/lines", language, new { number = "95528", name = new string('x', 201) }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("TEXT_TOO_LONG", problem.GetProperty("code").GetString());
        Assert.Equal("name", problem.GetProperty("field").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("zh-CN", "请求无法读取。")]
    [InlineData("en", "The request could not be read.")]
    public async Task AddLine_BodyNotJson_Is400ProblemInTheRequestsLanguage(string language, string title)
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var admin = await app.LoginAsAdminAsync();
        var request = Request(HttpMethod.Post, "/api/lines", language);
        request.Content = new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json");

        var (status, problem) = await SendAsync(admin, request);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(title, problem.GetProperty("title").GetString());
    }
}

public sealed class LocalizedProblemTestsOnSqlite() : LocalizedProblemTests(DatabaseKind.Sqlite);

public sealed class LocalizedProblemTestsOnPostgres() : LocalizedProblemTests(DatabaseKind.Postgres);
