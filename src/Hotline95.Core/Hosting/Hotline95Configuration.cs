using Microsoft.Extensions.Configuration;

namespace Hotline95.Core.Hosting;

/// <summary>
/// Settings beyond --db/--data: appsettings.json beside the executable, then &lt;data&gt;/hotline95.json,
/// then HOTLINE95_-prefixed environment variables (HOTLINE95_Identity__LockoutThreshold=3).
/// </summary>
public static class Hotline95Configuration
{
    public const string EnvironmentPrefix = "HOTLINE95_";

    public static IConfigurationRoot Build(Hotline95Settings settings) =>
        Add(new ConfigurationBuilder(), settings).Build();

    public static IConfigurationBuilder Add(IConfigurationBuilder builder, Hotline95Settings settings) =>
        builder
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(settings.DataDirectory, "hotline95.json"), optional: true)
            .AddEnvironmentVariables(EnvironmentPrefix);
}
