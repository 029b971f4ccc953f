using System.Diagnostics;
using Hotline95.Core.Data;
using Hotline95.Core.Enterprises;
using Hotline95.Core.Hosting;
using Hotline95.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hotline95.Bench;

/// <summary>A throwaway data directory and SQLite database (or --db), with the product's own services.</summary>
public sealed class BenchEnvironment : IAsyncDisposable
{
    private BenchEnvironment(string dataDirectory, Hotline95Settings settings, ServiceProvider services, Guid enterpriseId)
    {
        DataDirectory = dataDirectory;
        Settings = settings;
        Services = services;
        EnterpriseId = enterpriseId;
    }

    public string DataDirectory { get; }
    public Hotline95Settings Settings { get; }
    public ServiceProvider Services { get; }
    public Guid EnterpriseId { get; }

    public static async Task<BenchEnvironment> CreateAsync(string? db = null, string line = "95528")
    {
        var data = Directory.CreateTempSubdirectory("hotline95-bench-").FullName;
        var settings = Hotline95Settings.Resolve(db, data, _ => null).Value;
        var services = new ServiceCollection();
        var configuration = Hotline95Configuration.Build(settings);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddHotline95Core(configuration, settings);
        var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var init = await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        if (!init.IsSuccess)
        {
            throw new InvalidOperationException(init.Error.Message);
        }

        var enterprise = (await scope.ServiceProvider.GetRequiredService<EnterpriseDirectory>().FindAsync(null)).Value;
        await scope.ServiceProvider.GetRequiredService<AddLineHandler>().HandleAsync(new AddLineRequest(enterprise.Id, line, "bench", "bench"));
        return new BenchEnvironment(data, settings, provider, enterprise.Id);
    }

    public static void Header(string name, string target)
    {
        Console.WriteLine($"== {name} ==");
        Console.WriteLine($"target: {target}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    }

    public static long PeakMemoryMb()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64 / (1024 * 1024);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
