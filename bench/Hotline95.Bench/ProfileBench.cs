using System.Diagnostics;
using System.Text;
using Hotline95.Core.Calls;
using Hotline95.Core.Calls.Import;
using Hotline95.Core.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.Bench;

/// <summary>Where an import's time goes: parsing alone, parsing and sealing, without writing.</summary>
public static class ProfileBench
{
    public static async Task<int> RunAsync(string file)
    {
        var context = new CdrParseContext(new LineSet(["95528"]), null, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), new UTF8Encoding(false), null);
        var sw = Stopwatch.StartNew();
        long rows = 0;
        await using (var stream = File.OpenRead(file))
        {
            foreach (var row in new AsteriskCdrParser().Parse(stream, context))
            {
                rows += row.Call is null ? 0 : 1;
            }
        }

        Console.WriteLine($"parse only: {rows:N0} rows in {sw.Elapsed.TotalSeconds:F2} s = {rows / sw.Elapsed.TotalSeconds:N0} rows/s, {GC.GetTotalAllocatedBytes() / rows:N0} bytes allocated per row");
        var allocated = GC.GetTotalAllocatedBytes();
        await using var env = await BenchEnvironment.CreateAsync();
        using var sealer = new CallSealer(env.Services.GetRequiredService<KeyRing>(), TimeProvider.System);
        sw.Restart();
        rows = 0;
        await using (var stream = File.OpenRead(file))
        {
            foreach (var row in new AsteriskCdrParser().Parse(stream, context))
            {
                await sealer.SealAsync(env.EnterpriseId, row.Call!);
                rows++;
            }
        }

        Console.WriteLine($"parse + seal: {rows:N0} rows in {sw.Elapsed.TotalSeconds:F2} s = {rows / sw.Elapsed.TotalSeconds:N0} rows/s, {(GC.GetTotalAllocatedBytes() - allocated) / rows:N0} bytes allocated per row");
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        Time("blind index (normalise + HMAC)", () => BlindIndex.Compute(key, "+86 138-0013-8000"));
        using var aes = new System.Security.Cryptography.AesGcm(key, 16);
        var aad = FieldCipher.Aad(Guid.NewGuid(), "f");
        var nonces = new NonceSource();
        Time("AES-GCM seal of a number", () => FieldCipher.Seal(aes, 1, aad, "13800138000", nonces));
        Time("month of an instant", () => KeyRing.MonthOf(DateTimeOffset.UtcNow));
        return 0;
    }

    private static void Time(string name, Action action)
    {
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < 1_000_000; i++)
        {
            action();
        }

        Console.WriteLine($"{name}: {sw.Elapsed.TotalMilliseconds * 1000 / 1_000_000:F2} µs each");
    }
}
