using System.Security.Cryptography;
using Hotline95.Core.Monitoring;
using Hotline95.Core.Reports;

namespace Hotline95.Core.Tests.Monitoring;

public sealed class CallerSketchTests
{
    private static byte[] Caller(int n) => SHA256.HashData(BitConverter.GetBytes(n));

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(1_000)]
    [InlineData(100_000)]
    public void Estimate_DistinctCallers_IsWithinThreePercent(int callers)
    {
        var sketch = CallerSketch.Empty();
        for (var i = 0; i < callers; i++)
        {
            CallerSketch.Add(sketch, Caller(i));
        }

        Assert.InRange(CallerSketch.Estimate(sketch), callers * 0.97, callers * 1.03);
    }

    [Fact]
    public void Add_RepeatsAndOrder_ChangeNothing()
    {
        var once = CallerSketch.Empty();
        var shuffled = CallerSketch.Empty();
        for (var i = 0; i < 5_000; i++)
        {
            CallerSketch.Add(once, Caller(i));
        }

        foreach (var i in Enumerable.Range(0, 5_000).Reverse().Concat(Enumerable.Range(0, 5_000)))
        {
            CallerSketch.Add(shuffled, Caller(i));
        }

        Assert.Equal(once, shuffled);
    }

    [Fact]
    public void MergeInto_TwoDays_EqualsOneSketchOfBoth()
    {
        var monday = CallerSketch.Empty();
        var tuesday = CallerSketch.Empty();
        var both = CallerSketch.Empty();
        for (var i = 0; i < 3_000; i++)
        {
            CallerSketch.Add(monday, Caller(i));
            CallerSketch.Add(tuesday, Caller(i + 2_000)); // 1,000 callers on both days
            CallerSketch.Add(both, Caller(i));
            CallerSketch.Add(both, Caller(i + 2_000));
        }

        CallerSketch.MergeInto(monday, tuesday);

        Assert.Equal(both, monday);
        Assert.InRange(CallerSketch.Estimate(monday), 5_000 * 0.97, 5_000 * 1.03);
    }

    [Fact]
    public void Sum_MoreCallersEstimatedThanCalls_IsCappedAtTheCalls()
    {
        var sketch = CallerSketch.Empty();
        for (var i = 0; i < 10_000; i++)
        {
            CallerSketch.Add(sketch, Caller(i));
        }

        var day = new DailyLineFigures { Line = "95528", Day = new DateOnly(2026, 3, 2), CallsIn = 9_000, Callers = sketch };

        Assert.Equal(9_000, PeriodFigures.Sum("2026-03", [day]).DistinctCallers);
    }

    [Theory]
    [InlineData("2026-01-01", "2026-12-31", null, null, 12)]
    [InlineData("2026-01-01", "2026-12-31", "2026-03-15", null, 10)]
    [InlineData("2026-01-01", "2026-12-31", "2026-05-20", "2026-04-02", 9)]
    [InlineData("2026-01-01", "2026-12-31", "2024-05-20", "2025-04-02", 12)]
    [InlineData("2026-01-01", "2026-11-29", "2025-12-31", null, 11)]
    [InlineData("2026-01-01", "2026-11-29", "2026-11-29", null, 1)]
    [InlineData("2026-01-01", "2026-11-29", "2026-12-03", null, 0)]
    public void Average_FromTheLinesStartToThePeriodsEnd_CountsPartialMonthsWhole(string from, string to, string? firstCall, string? certificate, int months)
    {
        static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

        var average = BuildAnnualReportHandler.Average(D(from), D(to), firstCall is null ? null : D(firstCall), certificate is null ? null : D(certificate), 1_200);

        Assert.Equal(months, average.Months);
        Assert.Equal(months == 0 ? null : Math.Round(1_200.0 / months, 1), average.Calls);
        Assert.True(average.From >= D(from));
    }
}
