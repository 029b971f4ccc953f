using Hotline95.Core.Calendar;
using Hotline95.Core.Licensing.Dossiers;

namespace Hotline95.Core.Licensing.Eligibility.Rules;

/// <summary>
/// One check as its rules see it: what they read (the dossier, the policy in force, the check date, the platform's own
/// facts, the expected inspection) and what they write (findings, and the evidence of each condition).
/// </summary>
internal sealed class CheckContext(Dossier dossier, EligibilityPolicy policy, DateOnly on, PlatformFacts? platform, WorkdayCalendar calendar, InspectionDate? inspection)
{
    public Dossier Dossier => dossier;

    public EligibilityPolicy Policy => policy;

    public DateOnly On => on;

    /// <summary>Seats, agents, encryption and limits the platform enforces, replacing the dossier's statements; null for a dossier on its own.</summary>
    public PlatformFacts? Platform => platform;

    public WorkdayCalendar Calendar => calendar;

    /// <summary>When the on-site inspection is expected according to an application's timeline; null: reckoned from the check date.</summary>
    public InspectionDate? Inspection => inspection;

    /// <summary>Where the facts the platform may replace came from.</summary>
    public Source FactsFrom => platform is null ? Source.Dossier : Source.Platform;

    public List<Finding> Findings { get; } = [];

    public Dictionary<int, List<string>> Evidence { get; } = Enumerable.Range(1, 6).ToDictionary(i => i, _ => new List<string>());

    public void Add(string code, int? condition, string? field, string zh, string en, string fixZh, string fixEn,
        FindingSeverity severity = FindingSeverity.Error, bool missing = false) =>
        Findings.Add(new Finding(code, condition, severity, field, zh, en, fixZh, fixEn) { Missing = missing });

    public void Note(int condition, string zh, string en) => Evidence[condition].Add($"{zh} / {en}");

    public static bool ContainsAny(string text, IEnumerable<string> words)
    {
        var folded = PolicyText.Fold(text);
        return words.Any(w => folded.Contains(w, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>Where a fact came from, said in each language (appended to messages and evidence).</summary>
internal sealed record Source(string Zh, string En)
{
    public static readonly Source Platform = new("（取自本平台的花名册与配置）", " (taken from this platform's roster and configuration)");
    public static readonly Source Dossier = new("", "");
    public static readonly Source PolicyText = new("（从制度正文读取）", " (read from the policy text)");
}
