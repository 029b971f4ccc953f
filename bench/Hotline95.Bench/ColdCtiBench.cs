using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hotline95.Bench;

/// <summary>
/// Issue 18 point 5: a freshly started process answers CTI events with p99 under 50 ms from the first second after
/// <c>/readyz</c> turns 200. Starts the real product (<c>hotline95.dll serve</c>, a fresh data directory, a line and an
/// API key made through the CLI first), polls <c>/readyz</c> every 10 ms and, the instant it answers 200, offers
/// 500 events/s (newCall → answer → hangup) for 20 s; prints p50/p99/max for each second, the worst second's p99, and for the
/// whole 20 s. Each mode of <c>HOTLINE95_COLD_MODES</c> (default <c>off;on</c>: the start-up warm-up switched off,
/// today's baseline, then on) is a fresh process in the same run; a mode may add environment variables, e.g.
/// <c>on:DOTNET_TieredPGO=0</c>. With a URL (e.g. HAProxy in front of nodes being started), it waits for that URL's
/// <c>/readyz</c> and posts with the key in <c>HOTLINE95_BENCH_KEY</c> to line <c>HOTLINE95_BENCH_LINE</c> (95528).
/// </summary>
public static class ColdCtiBench
{
    private const int Seconds = 20;
    private const string Line = "95528";

    public static async Task<int> RunAsync(string? url)
    {
        var rate = int.TryParse(Environment.GetEnvironmentVariable("HOTLINE95_COLD_RATE"), out var r) ? r : 500;
        BenchEnvironment.Header("CTI from a cold start", $"p99 < 50 ms in every second from the first after /readyz turns 200 ({rate}/s offered for {Seconds} s)");
        if (url is not null)
        {
            var key = Environment.GetEnvironmentVariable("HOTLINE95_BENCH_KEY") ?? throw new InvalidOperationException("HOTLINE95_BENCH_KEY is not set");
            var line = Environment.GetEnvironmentVariable("HOTLINE95_BENCH_LINE") ?? Line;
            await WarmGeneratorAsync(rate);
            var since = Stopwatch.GetTimestamp();
            await WaitReadyAsync(new Uri(url), null);
            Console.WriteLine($"{url}: ready after {Stopwatch.GetElapsedTime(since).TotalSeconds:F2} s of polling, load from {DateTime.UtcNow:HH:mm:ss.fff} UTC");
            Print(await LoadAsync(new Uri(url), key, line, rate));
            return 0;
        }

        var dll = Environment.GetEnvironmentVariable("HOTLINE95_BENCH_APP") is { } app ? Path.Combine(app, "hotline95.dll") : FindProduct();
        Console.WriteLine($"product: {dll}");
        await WarmGeneratorAsync(rate);
        foreach (var mode in (Environment.GetEnvironmentVariable("HOTLINE95_COLD_MODES") ?? "off;on").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            await RunChildAsync(dll, mode, rate);
        }

        return 0;
    }

    private static async Task RunChildAsync(string dll, string mode, int rate)
    {
        var parts = mode.Split(':', 2);
        var env = new Dictionary<string, string>
        {
            ["Hosting__WarmUpSeconds"] = parts[0] == "off" ? "0" : parts[0] == "on" ? "3" : parts[0],
            ["HOTLINE95_MASTER_KEY"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        };
        foreach (var pair in parts.Length > 1 ? parts[1].Split(',') : [])
        {
            var kv = pair.Split('=', 2);
            env[kv[0]] = kv[1];
        }

        var data = Directory.CreateTempSubdirectory("hotline95-cold-").FullName;
        try
        {
            await CliAsync(dll, data, env, "db", "migrate");
            await CliAsync(dll, data, env, "lines", "add", Line, "--name", "bench");
            var created = await CliAsync(dll, data, env, "apikey", "create", "--name", "pbx");
            var key = created.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("key: ", StringComparison.Ordinal))[5..];
            var port = FreePort();
            var start = Start(dll, data, env, "serve", "--urls", $"http://127.0.0.1:{port}");
            var since = Stopwatch.GetTimestamp();
            try
            {
                var baseUrl = new Uri($"http://127.0.0.1:{port}");
                await WaitReadyAsync(baseUrl, start);
                Console.WriteLine();
                Console.WriteLine($"mode {mode}: process start → /readyz 200 in {Stopwatch.GetElapsedTime(since).TotalSeconds:F2} s");
                Print(await LoadAsync(baseUrl, key, Line, rate));
            }
            finally
            {
                start.Kill(entireProcessTree: true);
                await start.WaitForExitAsync();
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>
    /// The load generator's own first requests (its JIT, its JSON, its connections) must not be counted against the
    /// node: it first runs 3 s of the same load against a stub endpoint in this process.
    /// </summary>
    private static async Task WarmGeneratorAsync(int rate)
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var stub = builder.Build();
        stub.MapPost("/api/v1/cti/{token}", () => Results.Ok(new { }));
        stub.MapGet("/readyz", () => Results.Ok());
        await stub.StartAsync();
        var url = new Uri(stub.Urls.First());
        await WaitReadyAsync(url, null);
        var samples = (await LoadAsync(url, "stub", Line, rate, 3)).Samples;
        await stub.StopAsync();
        Console.WriteLine($"load generator warmed against a stub in this process: {samples.Count} requests");
    }

    private static async Task WaitReadyAsync(Uri baseUrl, Process? child)
    {
        using var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(deadline) < TimeSpan.FromMinutes(3))
        {
            if (child is { HasExited: true })
            {
                throw new InvalidOperationException($"the node exited with {child.ExitCode}");
            }

            try
            {
                using var response = await client.GetAsync("/readyz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("/readyz did not turn 200 within 3 minutes");
    }

    private sealed record Sample(double At, double Ms, bool Ok);

    private sealed record Run(List<Sample> Samples, IReadOnlyList<MachineLoad.Second> Machine, int Cores, string? MachineFailure);

    private static async Task<Run> LoadAsync(Uri baseUrl, string key, string line, int rate, int seconds = Seconds)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = baseUrl };
        var url = $"/api/v1/cti/{key}";
        // Connections as a PBX gateway keeps them: opened with /readyz (what a balancer asks anyway), not with the first
        // events, so the first second measures the node's answers and not this generator opening 30 sockets at once.
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            using var response = await client.GetAsync("/readyz");
        }));
        var samples = new ConcurrentBag<Sample>();
        var slots = new SemaphoreSlim(256);
        var clock = Stopwatch.StartNew();
        using var machine = MachineLoad.Start(Stopwatch.GetTimestamp());
        var calls = rate * seconds / 3;
        var prefix = Guid.NewGuid().ToString("N")[..8];

        async Task PostAsync(object body)
        {
            var at = clock.Elapsed.TotalSeconds;
            var t = Stopwatch.GetTimestamp();
            var ok = false;
            try
            {
                using var response = await client.PostAsJsonAsync(url, body);
                ok = response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
            }

            samples.Add(new Sample(at, Stopwatch.GetElapsedTime(t).TotalMilliseconds, ok));
        }

        async Task FlowAsync(int i)
        {
            try
            {
                var id = $"{prefix}-{i}";
                var from = $"139{i % 100_000_000:D8}";
                await PostAsync(new { @event = "newCall", callId = id, from, to = line, direction = "in" });
                await PostAsync(new { @event = "answer", callId = id, from, to = line, direction = "in", user = "1001" });
                await PostAsync(new { @event = "hangup", callId = id, from, to = line, direction = "in", cause = "normalClearing" });
            }
            finally
            {
                slots.Release();
            }
        }

        var flows = new List<Task>(calls);
        var (jit0, gc0, cpu0) = (System.Runtime.JitInfo.GetCompiledMethodCount(), GC.CollectionCount(0), Environment.CpuUsage.TotalTime);
        for (var i = 0; i < calls; i++)
        {
            if (i == rate / 3)
            {
                // The generator's own work in the first second, which shares the machine with the nodes.
                Console.WriteLine($"generator, first second: {System.Runtime.JitInfo.GetCompiledMethodCount() - jit0} methods compiled, {GC.CollectionCount(0) - gc0} GCs, {(Environment.CpuUsage.TotalTime - cpu0).TotalMilliseconds:F0} ms CPU");
            }

            var wait = TimeSpan.FromSeconds(i * 3.0 / rate) - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            await slots.WaitAsync();
            flows.Add(FlowAsync(i));
        }

        await Task.WhenAll(flows);
        return new Run([.. samples], machine?.Seconds ?? [], machine?.Cores ?? 0, machine?.Failure);
    }

    private static string MachineLine(MachineLoad.Second m) =>
        $"{m.BusyPercent,3:F0}% busy, {m.IoWaitPercent,2:F0}% iowait, {m.StealPercent,2:F0}% stolen, {m.Runnable,4:F1} runnable";

    private static void Print(Run run)
    {
        var samples = run.Samples;
        static string Line(IEnumerable<Sample> s)
        {
            var sorted = s.Select(x => x.Ms).Order().ToList();
            return sorted.Count == 0 ? "no events" : $"{sorted.Count,5} events  p50 {sorted[sorted.Count / 2],6:F1} ms  p99 {P99(sorted),6:F1} ms  max {sorted[^1],6:F1} ms";
        }

        const double TargetMs = 50;
        var p99s = new List<(int Second, double P99)>();
        for (var second = 0; second < Seconds; second++)
        {
            var inSecond = samples.Where(x => (int)x.At == second).ToList();
            // The machine beside each second: on one machine shared with the database and the balancer, a slow second is often a busy one.
            var machine = second < run.Machine.Count ? $"  | machine: {MachineLine(run.Machine[second])}" : "";
            Console.WriteLine($"  second {second + 1,2}: {Line(inSecond)}{machine}");
            if (inSecond.Count > 0)
            {
                p99s.Add((second + 1, P99([.. inSecond.Select(x => x.Ms).Order()])));
            }
        }

        Console.WriteLine($"  1–{Seconds} s:   {Line(samples)}; failed: {samples.Count(x => !x.Ok)}");

        // Requests are counted in the second they were sent; the machine's figures are those of each second itself.
        var loaded = run.Machine.Take(Seconds).ToList();
        if (loaded.Count > 0)
        {
            var mean = new MachineLoad.Second(loaded.Average(m => m.BusyPercent), loaded.Average(m => m.IoWaitPercent), loaded.Average(m => m.StealPercent), loaded.Average(m => m.Runnable));
            Console.WriteLine($"  machine, seconds 1–{loaded.Count} ({run.Cores} cores, every process on it; runnable: threads ready to run, besides the sampler): {MachineLine(mean)}");
        }

        if (run.MachineFailure is { } failure)
        {
            Console.WriteLine($"  machine sampling stopped early: {failure}");
        }

        if (p99s.Count > 0)
        {
            var worst = p99s.MaxBy(x => x.P99);
            Console.WriteLine($"  worst second: {worst.Second} (p99 {worst.P99:F1} ms); seconds with p99 ≥ {TargetMs:F0} ms: {p99s.Count(x => x.P99 >= TargetMs)} of {p99s.Count}");
        }
    }

    private static double P99(List<double> sorted) => sorted[(int)(sorted.Count * 0.99)];

    private static async Task<string> CliAsync(string dll, string data, Dictionary<string, string> env, params string[] args)
    {
        using var process = Start(dll, data, env, args);
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"hotline95 {string.Join(' ', args)} exited with {process.ExitCode}: {output}");
    }

    private static Process Start(string dll, string data, Dictionary<string, string> env, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--data");
        info.ArgumentList.Add(data);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env)
        {
            info.Environment[k] = v;
        }

        var process = Process.Start(info)!;
        if (args[0] == "serve")
        {
            _ = process.StandardOutput.ReadToEndAsync(); // drained so the node never blocks on a full pipe
        }

        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindProduct()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hotline95.slnx")))
            {
                foreach (var configuration in new[] { "Release", "Debug" })
                {
                    var dll = Path.Combine(dir.FullName, "src", "Hotline95", "bin", configuration, "net10.0", "hotline95.dll");
                    if (File.Exists(dll))
                    {
                        return dll;
                    }
                }
            }
        }

        throw new FileNotFoundException("hotline95.dll not found: build src/Hotline95 or set HOTLINE95_BENCH_APP");
    }
}
