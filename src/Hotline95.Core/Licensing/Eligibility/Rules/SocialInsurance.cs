using System.Globalization;
using Hotline95.Core.Licensing.Dossiers;

namespace Hotline95.Core.Licensing.Eligibility.Rules;

/// <summary>An objection to one agent's insurance, before its severity is known (an error only when too few others qualify).</summary>
internal sealed record Objection(string Code, string Field, string Zh, string En, string FixZh, string FixEn, bool Missing = false);

/// <summary>
/// Whether an agent's social insurance counts, read as a reviewer reads the statement: stated as a city and a count of
/// recent months, or month by month (<see cref="DossierAgent.SocialInsuranceHistory"/>, which then decides).
/// </summary>
internal static class SocialInsurance
{
    private enum CityKind { Shanghai, Elsewhere, Several }

    private sealed record PaidMonth(DateOnly Month, string City, CityKind Kind, int Index);

    /// <summary>What stops the agent's insurance from counting; empty when it counts.</summary>
    public static IReadOnlyList<Objection> Objections(CheckContext c, DossierAgent a, string who, string at) =>
        a.SocialInsuranceHistory is { Count: > 0 } history ? History(c, history, who, at) : Declared(c, a, who, at);

    private static List<Objection> Declared(CheckContext c, DossierAgent a, string who, string at)
    {
        var p = c.Policy;
        var objections = new List<Objection>();
        var city = a.SocialInsuranceCity;
        if (string.IsNullOrWhiteSpace(city))
        {
            objections.Add(new("COND4_SOCIAL_INSURANCE_CITY", $"{at}.socialInsuranceCity", $"{who} 未填写社保缴纳地。", $"{who}: where social insurance is paid is missing.",
                "填写社保缴纳城市并附社保缴纳证明。", "Give the city and attach the social-insurance statement.", true));
        }
        else if (Classify(c, city) == CityKind.Several)
        {
            objections.Add(SeveralCities(c, who, $"{at}.socialInsuranceCity", city));
        }
        else if (Classify(c, city) == CityKind.Elsewhere)
        {
            objections.Add(new("COND4_SOCIAL_INSURANCE_CITY", $"{at}.socialInsuranceCity", $"{who} 在{city}缴纳社保，须在{CityZh(c)}缴纳（不计入）。",
                $"{who} is insured in {city}, not in {CityEn(c)} (not counted).", TransferZh(c), TransferEn(c)));
        }

        if (a.SocialInsuranceMonths is not { } months)
        {
            objections.Add(new("COND4_SOCIAL_INSURANCE_MONTHS", $"{at}.socialInsuranceMonths", $"{who} 未填写社保缴纳月数。", $"{who}: months of social insurance are missing.",
                $"填写最近连续缴纳月数（至少 {p.MinSocialInsuranceMonths} 个月）。", $"Give the recent consecutive months paid (at least {p.MinSocialInsuranceMonths}).", true));
        }
        else if (months < p.MinSocialInsuranceMonths)
        {
            objections.Add(new("COND4_SOCIAL_INSURANCE_MONTHS", $"{at}.socialInsuranceMonths", $"{who} 社保仅缴纳 {months} 个月，少于 {p.MinSocialInsuranceMonths} 个月（不计入）。",
                $"{who} has paid social insurance for {months} months, fewer than {p.MinSocialInsuranceMonths} (not counted).",
                $"待其连续缴纳满 {p.MinSocialInsuranceMonths} 个月后申报，或以其他员工替代。", $"Declare once {p.MinSocialInsuranceMonths} months are paid, or count another agent."));
        }

        return objections;
    }

    /// <summary>
    /// The most recent months the policy asks for, ending at the last paid month, which is the check's month or at most the
    /// policy's grace months before it, must each be paid, and paid in Shanghai. A month after the check's month cannot
    /// have been paid; a city naming several cities is an objection of its own inside those months (not before them).
    /// </summary>
    private static List<Objection> History(CheckContext c, IReadOnlyList<SocialInsuranceMonth> history, string who, string at)
    {
        var objections = new List<Objection>();
        var paid = Paid(c, history, who, at, objections);
        var n = c.Policy.MinSocialInsuranceMonths;
        if (paid.Count == 0 || n <= 0)
        {
            return objections;
        }

        var last = paid.Max(m => m.Month);
        var earliestLast = new DateOnly(c.On.Year, c.On.Month, 1).AddMonths(-c.Policy.SocialInsuranceGraceMonths);
        if (last < earliestLast)
        {
            objections.Add(new("COND4_SOCIAL_INSURANCE_MONTHS", $"{at}.socialInsuranceHistory", $"{who} 最后缴纳社保的月份为 {last:yyyy-MM}，早于 {earliestLast:yyyy-MM}：缴纳已中断（不计入）。",
                $"{who}'s last insured month is {last:yyyy-MM}, before {earliestLast:yyyy-MM}: the insurance has stopped (not counted).",
                $"提供截至 {earliestLast:yyyy-MM} 或之后的社保缴纳记录，须最近 {n} 个月在{CityZh(c)}连续缴纳。",
                $"Give the statement up to {earliestLast:yyyy-MM} or later; the last {n} months must be paid in {CityEn(c)} without a gap."));
            return objections;
        }

        var window = Enumerable.Range(0, n).Select(k => last.AddMonths(k - n + 1)).ToList();
        objections.AddRange(paid.Where(x => x.Kind == CityKind.Several && window.Contains(x.Month))
            .Select(x => SeveralCities(c, who, $"{at}.socialInsuranceHistory[{x.Index}].city", x.City)));
        if (Gap(window, paid, who, at) is { } gap)
        {
            objections.Add(gap);
        }
        else if (Split(c, window.Select(m => paid.Where(x => x.Month == m).ToList()).ToList(), who, at) is { } split)
        {
            objections.Add(split);
        }

        return objections;
    }

    /// <summary>The months paid up to the check's month, each with where it sits in the history; a later month is an objection.</summary>
    private static List<PaidMonth> Paid(CheckContext c, IReadOnlyList<SocialInsuranceMonth> history, string who, string at, List<Objection> objections)
    {
        var checkMonth = new DateOnly(c.On.Year, c.On.Month, 1);
        var paid = new List<PaidMonth>();
        for (var j = 0; j < history.Count; j++)
        {
            var entry = history[j];
            if (!DateOnly.TryParseExact(entry.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) || month.Year < 1990)
            {
                objections.Add(new("COND4_SOCIAL_INSURANCE_MONTHS", $"{at}.socialInsuranceHistory[{j}].month", $"{who} 的社保记录月份“{entry.Month}”不是有效的年月（yyyy-MM）。",
                    $"{who}'s insurance history has '{entry.Month}', which is not a valid month (yyyy-MM).",
                    "按社保缴纳证明逐月填写已缴纳的月份。", "List the months paid as the social-insurance statement shows them."));
                continue;
            }

            if (month > checkMonth)
            {
                objections.Add(new("COND4_SOCIAL_INSURANCE_MONTHS", $"{at}.socialInsuranceHistory[{j}].month", $"{who} 的社保记录含 {entry.Month}，晚于检查日 {c.On:yyyy-MM-dd} 所在月份（不计入）。",
                    $"{who}'s insurance history lists {entry.Month}, after the month of the check date {c.On:yyyy-MM-dd} (not counted).",
                    "按社保缴纳证明逐月填写已缴纳的月份。", "List the months paid as the social-insurance statement shows them."));
                continue;
            }

            paid.Add(new PaidMonth(month, entry.City.Trim(), Classify(c, entry.City), j));
        }

        return paid;
    }

    private static Objection? Gap(List<DateOnly> window, List<PaidMonth> paid, string who, string at)
    {
        var gaps = window.Where(m => !paid.Any(x => x.Month == m)).Select(g => g.ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToList();
        if (gaps.Count == 0)
        {
            return null;
        }

        var span = $"{window[0]:yyyy-MM}–{window[^1]:yyyy-MM}";
        return new("COND4_SOCIAL_INSURANCE_MONTHS", $"{at}.socialInsuranceHistory", $"{who} 的社保在 {string.Join("、", gaps)} 中断，最近 {window.Count} 个月（{span}）须连续缴纳（不计入）。",
            $"{who}'s insurance has a gap in {string.Join(", ", gaps)}; the last {window.Count} months ({span}) must be paid without a gap (not counted).",
            $"补缴或待连续缴纳满 {window.Count} 个月后申报，或以其他员工替代。", $"Declare once {window.Count} consecutive months are paid, or count another agent.");
    }

    /// <summary>
    /// The window's months, each with its entries: in Shanghai only when every entry of the month is. None in Shanghai is the
    /// city's objection; some is a split (江苏 1 month → 上海 2), counted by the Shanghai months that end the window.
    /// </summary>
    private static Objection? Split(CheckContext c, List<List<PaidMonth>> window, string who, string at)
    {
        static bool InShanghai(List<PaidMonth> month) => month.All(e => e.Kind == CityKind.Shanghai);
        if (window.All(InShanghai) || window.Any(m => m.Any(e => e.Kind == CityKind.Several)))
        {
            return null; // counts, or already objected to for naming several cities
        }

        var n = window.Count;
        var statement = string.Join("、", window.Select(m => $"{m[0].Month:yyyy-MM} {string.Join("/", m.Select(e => e.City).Distinct())}"));
        var statementEn = statement.Replace("、", ", ", StringComparison.Ordinal);
        if (!window.Any(InShanghai))
        {
            return new("COND4_SOCIAL_INSURANCE_CITY", $"{at}.socialInsuranceHistory", $"{who} 最近 {n} 个月不在{CityZh(c)}缴纳社保（{statement}）（不计入）。",
                $"{who} was not insured in {CityEn(c)} in the last {n} months ({statementEn}) (not counted).", TransferZh(c), TransferEn(c));
        }

        var run = window.AsEnumerable().Reverse().TakeWhile(InShanghai).Count();
        return new("COND4_SOCIAL_INSURANCE_MONTHS", $"{at}.socialInsuranceHistory", $"{who} 最近 {n} 个月的社保跨城市缴纳（{statement}），在{CityZh(c)}连续缴纳仅 {run} 个月，少于 {n} 个月（不计入）。",
            $"{who}'s last {n} months were insured in more than one city ({statementEn}): only {run} consecutive months in {CityEn(c)}, fewer than {n} (not counted).",
            $"待其在{CityZh(c)}连续缴纳满 {n} 个月后申报，或以其他员工替代。", $"Declare once {n} consecutive months are paid in {CityEn(c)}, or count another agent.");
    }

    private static Objection SeveralCities(CheckContext c, string who, string field, string city) =>
        new("COND4_SOCIAL_INSURANCE_CITY", field, $"{who} 的社保缴纳地“{city}”含多个城市：须写明一个缴纳城市，且须为{CityZh(c)}（不计入）。",
            $"{who}'s insurance city '{city}' names more than one city: give the one city paid in, which must be {CityEn(c)} (not counted).",
            $"按社保缴纳证明填写唯一的缴纳城市（{CityZh(c)}）；跨城市缴纳的，逐月填写 socialInsuranceHistory。",
            $"Give the one city on the statement ({CityEn(c)}); for months paid in different cities, list them in socialInsuranceHistory.");

    /// <summary>
    /// Which city a value names: the policy's city under any of its names (上海, 上海市, 上海市浦东新区, 沪, Shanghai), another,
    /// or more than one (上海、江苏; 上海/江苏). Parts that all name the policy's city (上海/上海市) are one city.
    /// </summary>
    private static CityKind Classify(CheckContext c, string value)
    {
        var parts = PolicyText.ListItems(value).Select(part => OfPart(c.Policy, part)).ToList();
        return parts.Count > 0 && parts.All(k => k == CityKind.Shanghai) ? CityKind.Shanghai
            : parts.Count > 1 || parts.Contains(CityKind.Several) ? CityKind.Several
            : CityKind.Elsewhere;
    }

    /// <summary>
    /// One part of a value: the city's name followed by nothing, 市, or 市 and one of its districts (浦东新区, or 浦东 without
    /// 新区) is the city; followed by anything else it names another place too (上海及江苏, 上海 江苏, 沪苏, Shanghai and Jiangsu).
    /// </summary>
    private static CityKind OfPart(EligibilityPolicy p, string part)
    {
        var name = p.SocialInsuranceCities.Where(n => part.StartsWith(n, StringComparison.OrdinalIgnoreCase)).MaxBy(n => n.Length);
        if (name is null)
        {
            return CityKind.Elsewhere;
        }

        var rest = part[name.Length..].Trim();
        rest = rest.StartsWith('市') ? rest[1..].Trim() : rest;
        return rest.Length == 0 || IsDistrict(p, rest) ? CityKind.Shanghai : CityKind.Several;
    }

    private static bool IsDistrict(EligibilityPolicy p, string rest) =>
        p.SocialInsuranceDistricts is { } districts
            ? districts.Any(d => d == rest || DistrictSuffixes.Any(x => d.EndsWith(x, StringComparison.Ordinal) && d[..^x.Length] == rest && rest.Length >= 2))
            : rest.Length >= 2 && DistrictSuffixes.Any(x => rest.EndsWith(x, StringComparison.Ordinal)) && rest.All(ch => ch >= '\u4e00' && ch <= '\u9fff');

    /// <summary>What a district's name ends in, longest first (浦东新区: 浦东).</summary>
    private static readonly string[] DistrictSuffixes = ["新区", "区", "县"];

    private static string CityZh(CheckContext c) => c.Policy.InsuranceCity.Zh;

    private static string CityEn(CheckContext c) => c.Policy.InsuranceCity.En;

    private static string TransferZh(CheckContext c) => $"将社保转入{CityZh(c)}，或聘用在{CityZh(c)}参保的员工。";

    private static string TransferEn(CheckContext c) => $"Transfer the insurance to {CityEn(c)}, or hire staff insured there.";
}
