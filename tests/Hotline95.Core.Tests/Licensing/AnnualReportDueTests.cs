using System.Text.Json;
using Hotline95.Core.Licensing.Eligibility;

namespace Hotline95.Core.Tests.Licensing;

public sealed class AnnualReportDueTests
{
    private static readonly AnnualReportDue Shipped = LicensingFixtures.Policy.AnnualReport!;

    [Fact]
    public void ShippedPolicy_AnnualReport_FallsDueOn31MarchOfTheNextYear()
    {
        Assert.Equal(new DateOnly(2027, 3, 31), Shipped.DueFor(2026));
        Assert.Equal(new DateOnly(2029, 3, 31), Shipped.DueFor(2028)); // a Saturday: the authority's date is not moved
    }

    [Theory]
    [InlineData("2025-12-30", 2025)]
    [InlineData("2026-01-02", 2026)]
    [InlineData("2026-03-31", 2026)]
    public void FirstYear_YearEndedRule_IsTheYearOfTheCertificate(string issued, int year) =>
        Assert.Equal(year, Shipped.FirstYear(DateOnly.Parse(issued, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void FirstYear_SameYearRuleWhoseDateHasPassed_IsTheNextYear()
    {
        var sameYear = new AnnualReportDue(6, 30, ForYearEnded: false);

        Assert.Equal(2026, sameYear.FirstYear(new DateOnly(2026, 6, 30)));
        Assert.Equal(2027, sameYear.FirstYear(new DateOnly(2026, 7, 1)));
    }

    [Theory]
    [InlineData(2, 29)]
    [InlineData(4, 31)]
    [InlineData(13, 1)]
    [InlineData(3, 0)]
    public void Parse_AnnualReportDateNotInEveryYear_IsRefused(int month, int day)
    {
        var json = LicensingFixtures.Policy.ToJson().Replace("\"dueMonth\": 3", $"\"dueMonth\": {month}", StringComparison.Ordinal)
            .Replace("\"dueDay\": 31", $"\"dueDay\": {day}", StringComparison.Ordinal);

        var error = Assert.Throws<JsonException>(() => EligibilityPolicy.Parse(json));
        Assert.Contains("annualReport", error.Message);
    }

    [Fact]
    public void Inherit_VersionPublishedBeforeTheRuleWasData_KeepsTheDateOfTheVersionBefore()
    {
        // A version published by an earlier release: it has the old member and not the new one.
        var old = System.Text.Json.Nodes.JsonNode.Parse(LicensingFixtures.Policy.ToJson())!.AsObject();
        old.Remove("annualReport");
        old["annualReportMonths"] = 12;
        old["id"] = "published-2025";
        old["effectiveFrom"] = "2025-06-01";
        var published = EligibilityPolicy.Parse(old.ToJsonString());
        var changed = LicensingFixtures.Policy with { Id = "published-2026", EffectiveFrom = new DateOnly(2026, 6, 1), AnnualReport = new AnnualReportDue(5, 31, true) };
        var later = published with { Id = "published-2027", EffectiveFrom = new DateOnly(2027, 1, 1) };

        var versions = PolicyCatalogue.Inherit([LicensingFixtures.Policy, published, changed, later]);

        Assert.Null(published.AnnualReport);
        Assert.Equal(Shipped, versions[1].AnnualReport);
        Assert.Equal(new AnnualReportDue(5, 31, true), versions[3].AnnualReport);
    }
}
