using Hotline95.Core.Calendar;
using Hotline95.Core.Licensing;
using Hotline95.Core.Licensing.Dossiers;
using Hotline95.Core.Licensing.Eligibility;

namespace Hotline95.Core.Tests.Licensing;

/// <summary>The documented example dossiers and a checker on the real working-day calendar.</summary>
internal static class LicensingFixtures
{
    public static readonly DateOnly Today = new(2026, 11, 20);

    public static readonly WorkdayCalendar Calendar = Tests.Calendar.TestCalendars.Through2026(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));

    public static readonly EligibilityChecker Checker = new(Calendar);

    public static EligibilityPolicy Policy => PolicyCatalogue.Shipped.Single(p => p.Id == "shanghai-95-2024");

    public static Dossier Load(string name) =>
        DossierJson.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name))).Value;

    /// <summary>docs/examples/dossier-pudong-bank.json: passes every condition.</summary>
    public static Dossier Good => Load("dossier-pudong-bank.json");

    public static EligibilityReport Check(Dossier dossier, PlatformFacts? platform = null, EligibilityPolicy? policy = null) =>
        Checker.Check(dossier, policy ?? Policy, Today, platform);
}
