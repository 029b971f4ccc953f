using System.Net.Http.Json;
using Hotline95.Core.Data;
using Hotline95.Core.Enterprises;
using Hotline95.Core.Hosting;
using Hotline95.Core.Identity;
using Hotline95.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Hotline95.Testing;

/// <summary>
/// The real application on a throwaway database and a fake clock, either in memory (TestServer) or on a
/// loopback port (for the browser). Helpers sign in as each role.
/// </summary>
public sealed class Hotline95AppFactory : IAsyncDisposable
{
    /// <summary>Where the fake clock starts: a Monday morning in Shanghai (2026-03-02 10:00 +08:00).</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;
    private readonly bool _inMemory;
    private bool _ownsDatabase = true;

    private Hotline95AppFactory(WebApplication app, TestDatabase database, FakeTimeProvider clock, string adminPassword, bool inMemory)
    {
        _app = app;
        Database = database;
        Clock = clock;
        AdminPassword = adminPassword;
        _inMemory = inMemory;
    }

    public TestDatabase Database { get; }
    public FakeTimeProvider Clock { get; }
    public string AdminPassword { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>The base address on loopback when started with <c>realServer: true</c>.</summary>
    public Uri BaseAddress => _inMemory
        ? new Uri("http://localhost/")
        : new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static Task<Hotline95AppFactory> StartAsync(DatabaseKind kind = DatabaseKind.Sqlite, bool realServer = false, Action<WebApplicationBuilder>? configure = null, bool backgroundJobs = false) =>
        StartAsync(kind, realServer, configure, backgroundJobs, null);

    /// <summary>
    /// A second node of <paramref name="first"/>'s installation: the same database and master key (and shared directory),
    /// a data directory of its own. It does not own the database (the first node's disposal drops it).
    /// </summary>
    public static async Task<Hotline95AppFactory> StartNodeAsync(Hotline95AppFactory first, bool realServer = false, Action<WebApplicationBuilder>? configure = null)
    {
        var node = await StartAsync(first.Database.Kind, realServer, configure, false, first);
        node._ownsDatabase = false;
        return node;
    }

    private static async Task<Hotline95AppFactory> StartAsync(DatabaseKind kind, bool realServer, Action<WebApplicationBuilder>? configure, bool backgroundJobs, Hotline95AppFactory? first)
    {
        var database = first?.Database ?? await TestDatabase.CreateAsync(kind, migrated: true);
        var clock = new FakeTimeProvider(first?.Clock.GetUtcNow() ?? DefaultStart);
        var ownData = first is null ? database.DataDirectory : Directory.CreateTempSubdirectory("hotline95-node-").FullName;
        if (first is not null)
        {
            // The installation's master key, as an HSM or a secret store gives it to every node.
            var keys = Path.Combine(ownData, "keys");
            Directory.CreateDirectory(keys);
            File.Copy(Path.Combine(database.DataDirectory, "keys", "master.key"), Path.Combine(keys, "master.key"));
        }

        var settings = new Hotline95Settings(ownData, database.Target) { SharedDirectory = database.DataDirectory };
        var app = Hotline95WebApp.Build(settings, builder =>
        {
            if (realServer)
            {
                builder.WebHost.UseUrls("http://127.0.0.1:0");
            }
            else
            {
                builder.WebHost.UseTestServer();
            }

            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddSingleton<TimeProvider>(clock);
            // Background jobs (nightly purge, escalation check) run on the fake clock only in the tests that ask;
            // the others run the handlers explicitly.
            if (!backgroundJobs)
            {
                builder.Services.RemoveAll<Microsoft.Extensions.Hosting.IHostedService>();
            }

            // The start-up warm-up costs seconds: only the tests of it turn it on.
            builder.Configuration[StartupWarmUp.SecondsSetting] = "0";
            configure?.Invoke(builder);
        });

        string adminPassword;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var init = await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            if (!init.IsSuccess)
            {
                throw new InvalidOperationException(init.Error.Message);
            }

            adminPassword = await scope.ServiceProvider.GetRequiredService<BootstrapAdminHandler>().HandleAsync()
                ?? first?.AdminPassword
                ?? throw new InvalidOperationException("admin was not created on a fresh database");
        }

        await app.StartAsync();
        return new Hotline95AppFactory(app, database, clock, adminPassword, !realServer);
    }

    /// <summary>A client with no session (an anonymous caller).</summary>
    public HttpClient CreateClient()
    {
        HttpMessageHandler inner = _inMemory ? _app.GetTestServer().CreateHandler() : new SocketsHttpHandler { AllowAutoRedirect = false };
        var client = new HttpClient(new SessionCookieHandler(inner)) { BaseAddress = BaseAddress };
        SessionCookieHandler.AcceptJson(client);
        return client;
    }

    public async Task<HttpClient> LoginAsync(string userName, string password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"login as {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return client;
    }

    public Task<HttpClient> LoginAsAdminAsync() => LoginAsync(BootstrapAdminHandler.AdminUserName, AdminPassword);

    public Task<HttpClient> LoginAsAgentAsync() => LoginAsRoleAsync(Role.Agent);

    public Task<HttpClient> LoginAsSupervisorAsync() => LoginAsRoleAsync(Role.Supervisor);

    public Task<HttpClient> LoginAsComplianceOfficerAsync() => LoginAsRoleAsync(Role.ComplianceOfficer);

    public async Task<HttpClient> LoginAsRoleAsync(Role role)
    {
        var (userName, password) = await CreateUserAsync(role);
        return await LoginAsync(userName, password);
    }

    /// <summary>Creates a user of <paramref name="role"/> in the default enterprise, returning its name and password.</summary>
    public async Task<(string UserName, string Password)> CreateUserAsync(Role role, string? userName = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var enterprise = await scope.ServiceProvider.GetRequiredService<EnterpriseDirectory>().FindAsync(null);
        var name = userName ?? $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}"[..24];
        var added = await scope.ServiceProvider.GetRequiredService<AddUserHandler>()
            .HandleAsync(new AddUserRequest(enterprise.Value.Id, name, null, role.ToString(), "test"));
        return (name, added.Value.Password);
    }

    /// <summary>A client that authenticates with a fresh API key of <paramref name="role"/>.</summary>
    public async Task<HttpClient> CreateApiKeyClientAsync(Role role = Role.Integration)
    {
        await using var scope = Services.CreateAsyncScope();
        var enterprise = await scope.ServiceProvider.GetRequiredService<EnterpriseDirectory>().FindAsync(null);
        var key = await scope.ServiceProvider.GetRequiredService<CreateApiKeyHandler>()
            .HandleAsync(new CreateApiKeyRequest(enterprise.Value.Id, $"test-{role}", role.ToString(), "test"));
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key.Value.Key);
        return client;
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> body)
    {
        await using var scope = Services.CreateAsyncScope();
        return await body(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }
}
