using Hotline95.Core.Calls.Import;
using Hotline95.Core.Common;
using Hotline95.Core.Enterprises;

namespace Hotline95.Core.Demo;

public sealed record SeedDemoCallsResult(string Line, DateOnly From, DateOnly To, long Rows, int Imported, int Duplicates, int Rejected);

/// <summary>
/// A load-test data set for the benchmarks: any number of days up to yesterday of calls on the demo bank's main line,
/// exactly N a day spread over the day by the demo's hour profile, through the same parse-seal-write pipeline as an import,
/// so everything (encryption, blind index, roll-ups) is as in production. The same arguments again add nothing. It pays
/// no heed to retention (a year of calls is what the report benchmark needs); the demo itself is
/// <see cref="SeedDemoActivityHandler"/>.
/// </summary>
public sealed class SeedDemoCallsHandler(ImportCallsHandler import, EnterpriseDirectory enterprises, TimeProvider clock)
{
    public const string Line = "95528";

    private static readonly double[] HourWeights = DemoProfile.HourWeights;

    /// <summary>Bytes of one generated row, for the progress bar.</summary>
    private const int RowBytes = 300;

    public async Task<Result<SeedDemoCallsResult>> HandleAsync(int callsPerDay, int days, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        if (callsPerDay is < 1 or > 1_000_000 || days is < 1 or > 3_660)
        {
            return Error.Validation(callsPerDay is < 1 or > 1_000_000 ? "--calls-per-day" : "--days", "SEED_RANGE", ("maxDays", 3660));
        }

        var enterprise = await enterprises.FindAsync(SeedDemoHandler.Slug, ct);
        if (!enterprise.IsSuccess)
        {
            return enterprise.Error;
        }

        var last = ChinaTime.DateOf(clock.GetUtcNow()).AddDays(-1);
        var first = last.AddDays(1 - days);
        var total = (long)callsPerDay * days;
        await using var rows = new SyntheticCdrStream(Rows(first, days, callsPerDay));
        var result = await import.ImportGeneratedAsync(enterprise.Value.Id, $"demo {first:yyyy-MM-dd}..{last:yyyy-MM-dd}", rows, total * RowBytes, CdrFormat.Asterisk, progress, ct);
        return new SeedDemoCallsResult(Line, first, last, total, result.Imported, result.Duplicates, result.Rejected);
    }

    private static IEnumerable<string> Rows(DateOnly first, int days, int perDay)
    {
        var cumulative = new double[25];
        for (var h = 0; h < 24; h++)
        {
            cumulative[h + 1] = cumulative[h] + HourWeights[h];
        }

        for (var d = 0; d < days; d++)
        {
            var day = first.AddDays(d).ToDateTime(TimeOnly.MinValue);
            for (var i = 0; i < perDay; i++)
            {
                // Inverse of the day's distribution: the i-th call of N falls where the cumulative share reaches (i + ½)/N.
                var target = (i + 0.5) / perDay * cumulative[24];
                var hour = 23;
                while (cumulative[hour] > target)
                {
                    hour--;
                }

                var within = (target - cumulative[hour]) / HourWeights[hour];
                var start = day.AddHours(hour).AddSeconds(Math.Floor(within * 3600));
                yield return SyntheticCalls.AsteriskRow((long)d * perDay + i, Line, start);
            }
        }
    }
}
