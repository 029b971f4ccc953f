using Hotline95.Core.Hosting;
using Hotline95.Text;
using Hotline95.Web.Auth;
using Hotline95.Web.Endpoints;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.FileProviders;

namespace Hotline95.Web;

/// <summary>Builds the web platform; <c>serve</c>, the integration tests and the browser tests all start it through here.</summary>
public static class Hotline95WebApp
{
    public static WebApplication Build(Hotline95Settings settings, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(Hotline95WebApp).Assembly.GetName().Name,
        });
        Hotline95Configuration.Add(builder.Configuration, settings);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true);

        builder.Services.AddServerText().AddHotline95Core(builder.Configuration, settings);
        builder.Services.AddHotline95Auth();
        builder.Services.AddHotline95Hardening(builder.Configuration);
        // Session cookies stay valid across restarts and on every node: the signing keys live in the database,
        // sealed under the master key (reading the database does not let anyone forge a cookie).
        builder.Services.AddDataProtection().SetApplicationName("hotline95");
        builder.Services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<Core.Security.SessionKeyStore>((o, store) => o.XmlRepository = new Auth.DatabaseXmlRepository(store));
        builder.Services.AddOptions<HostingOptions>().Bind(builder.Configuration.GetSection(HostingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        // The host's stop covers the drain too: without room for it, a drain near .NET's 30-s default would leave the
        // requests in flight no time, and a longer one would be cut short and the requests aborted. A longer stop
        // configured for the host stands.
        builder.Services.AddOptions<HostOptions>().Configure<Microsoft.Extensions.Options.IOptions<HostingOptions>>((host, hosting) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(Math.Max(host.ShutdownTimeout.TotalSeconds, hosting.Value.DrainSeconds + HostingOptions.FinishSeconds)));
        builder.Services.AddSingleton<StartupWarmUp>();
        builder.Services.AddSingleton<NodeReadiness>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<NodeReadiness>());
        // Every ProblemDetails (errors, status-code pages, 401/403) is written in the request's language.
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context => ErrorResults.Localize(context.ProblemDetails, context.HttpContext));
        builder.Services.AddHotline95OpenApi();
        builder.Services.AddSingleton<IFileProvider>(new EmbeddedFileProvider(typeof(Hotline95WebApp).Assembly, "Hotline95.UI.wwwroot"));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>().Configure<IHttpContextAccessor>((o, http) =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new PhraseJsonConverter(http));
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseHotline95Hardening();
        app.UseStatusCodePages();
        app.UseStaticFiles(new StaticFileOptions { FileProvider = app.Services.GetRequiredService<IFileProvider>() });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseInputGuard();

        app.MapOpenApi().AllowAnonymous();
        app.MapHealthEndpoints()
            .MapAuthEndpoints()
            .MapLineEndpoints()
            .MapUserEndpoints()
            .MapCalendarEndpoints()
            .MapAuditEndpoints()
            .MapCtiEndpoints()
            .MapCallEndpoints()
            .MapCallbackEndpoints()
            .MapDeskEndpoints()
            .MapKeysEndpoints()
            .MapServiceEndpoints()
            .MapLicenceEndpoints()
            .MapRosterEndpoints()
            .MapMonitoringEndpoints()
            .MapReportEndpoints()
            .MapEnterpriseEndpoints()
            .MapComplianceEndpoints()
            .MapDashboardEndpoints()
            .MapUiEndpoints()
            .MapApiDocsEndpoints();
        return app;
    }
}
