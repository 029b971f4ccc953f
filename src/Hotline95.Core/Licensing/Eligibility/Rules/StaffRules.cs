using Hotline95.Core.Licensing.Dossiers;

namespace Hotline95.Core.Licensing.Eligibility.Rules;

/// <summary>
/// Condition 4: the agents (人员): enough of them full-time, insured in Shanghai and trained on the policy's topics. An agent
/// who does not count is a warning while enough others do, and an error when the count falls short.
/// </summary>
internal static class StaffRules
{
    /// <summary>The agents the check reads (the platform's roster when it has one), with how findings name each and where it sits.</summary>
    private static IEnumerable<(DossierAgent Agent, string Who, string At)> AgentsOf(CheckContext c) =>
        (c.Platform?.Agents ?? c.Dossier.Agents ?? []).Select((a, i) =>
        {
            var who = string.IsNullOrWhiteSpace(a.Name) ? $"#{i + 1}" : a.Name;
            return (a, who, c.Platform is null ? $"$.agents[{i}]" : $"roster:{who}");
        });

    /// <summary>One agent as the check sees it: what stops its insurance and its training from counting.</summary>
    private sealed record Assessed(DossierAgent Agent, string Who, string At, IReadOnlyList<Objection> Insurance, IReadOnlyList<Objection> Training)
    {
        public bool Counts => Agent.FullTime == true && Insurance.Count == 0 && Training.Count == 0;
    }

    /// <summary>
    /// Every agent, how many count (full-time, insured and trained), and the severity of the objections to those who do
    /// not: a warning while enough others count, an error when the count falls short.
    /// </summary>
    private static (List<Assessed> Agents, int Qualifying, FindingSeverity Severity) Assess(CheckContext c)
    {
        var agents = AgentsOf(c).Select(x => new Assessed(x.Agent, x.Who, x.At, SocialInsurance.Objections(c, x.Agent, x.Who, x.At), TrainingObjections(c, x.Agent, x.Who, x.At))).ToList();
        var qualifying = agents.Count(a => a.Counts);
        return (agents, qualifying, qualifying < c.Policy.MinFullTimeAgents ? FindingSeverity.Error : FindingSeverity.Warning);
    }

    /// <summary>At least the policy's number of full-time agents whose insurance and training count.</summary>
    public static void Agents(CheckContext c)
    {
        var p = c.Policy;
        var city = p.InsuranceCity;
        var source = c.FactsFrom;
        var (agents, qualifying, severity) = Assess(c);
        if (severity == FindingSeverity.Error)
        {
            c.Add("COND4_AGENTS", 4, "$.agents", $"符合条件的全职坐席人员 {qualifying} 名（全职、{city.Zh}社保满 {p.MinSocialInsuranceMonths} 个月、培训齐全），少于 {p.MinFullTimeAgents} 名{source.Zh}。",
                $"{qualifying} qualifying agents (full-time, insured in {city.En} for {p.MinSocialInsuranceMonths}+ months, trained), fewer than {p.MinFullTimeAgents}{source.En}.",
                $"配备至少 {p.MinFullTimeAgents} 名在{city.Zh}连续缴纳社保满 {p.MinSocialInsuranceMonths} 个月、培训齐全的全职客服。",
                $"Employ at least {p.MinFullTimeAgents} full-time agents insured in {city.En} for the last {p.MinSocialInsuranceMonths} months and trained.",
                missing: agents.Count == 0);
        }
        else
        {
            c.Note(4, $"符合条件的全职坐席人员 {qualifying} 名{source.Zh}", $"{qualifying} qualifying full-time agents{source.En}");
        }

        foreach (var a in agents)
        {
            if (a.Agent.FullTime != true)
            {
                c.Add("COND4_AGENTS", 4, $"{a.At}.fullTime", $"{a.Who} 非全职（不计入）。", $"{a.Who} is not full-time (not counted).",
                    "由全职员工担任客服坐席。", "Staff the seats with full-time employees.", FindingSeverity.Warning);
            }

            Raise(c, a.Insurance, severity);
        }
    }

    /// <summary>Each agent's training objections, as severe as the count makes them (an agent beyond the minimum only warns).</summary>
    public static void Training(CheckContext c)
    {
        var (agents, _, severity) = Assess(c);
        foreach (var a in agents)
        {
            Raise(c, a.Training, severity);
        }
    }

    private static void Raise(CheckContext c, IEnumerable<Objection> objections, FindingSeverity severity)
    {
        foreach (var o in objections)
        {
            c.Add(o.Code, 4, o.Field, o.Zh, o.En, o.FixZh, o.FixEn, severity, o.Missing);
        }
    }

    /// <summary>
    /// The agent's training covers each topic the policy names, with a date (not after the check) and an evidence file;
    /// one complete record per topic is enough. Without topics in the policy, any training record will do.
    /// </summary>
    private static List<Objection> TrainingObjections(CheckContext c, DossierAgent agent, string who, string at)
    {
        var topics = c.Policy.TrainingTopics ?? [];
        if (agent.Training is not { Count: > 0 } records)
        {
            return [new("COND4_TRAINING", $"{at}.training", $"{who} 没有培训记录。", $"{who} has no training records.",
                $"补充{string.Join("与", topics.Select(t => t.Zh))}培训的签到表和课件。",
                topics.Count > 0 ? $"Add sign-in sheets and courseware for {string.Join(" and ", topics.Select(t => t.En))} training." : "Add training sign-in sheets and courseware.")];
        }

        return [.. topics.SelectMany(topic => TopicObjections(c, topic, records, who, at))];
    }

    private static IEnumerable<Objection> TopicObjections(CheckContext c, TrainingTopic topic, IReadOnlyList<TrainingRecord> records, string who, string at)
    {
        var covering = records.Select((r, j) => (Record: r, Index: j)).Where(x => CheckContext.ContainsAny(x.Record.Topic, topic.Words)).ToList();
        if (covering.Count == 0)
        {
            return [new("COND4_TRAINING", $"{at}.training", $"{who} 没有{topic.Zh}培训记录（如{string.Join("、", topic.Words.Take(2))}）。",
                $"{who} has no {topic.En} training record.",
                $"补充{topic.Zh}培训的日期、签到表和课件。", $"Add the {topic.En} training with its date, sign-in sheet and courseware.")];
        }

        // The record with the fewest gaps speaks for the topic.
        var (record, index) = covering.MinBy(x => Gaps(x.Record, c.On).Count());
        return Gaps(record, c.On).Select(g => new Objection("COND4_TRAINING", $"{at}.training[{index}].{g.Member}",
            $"{who} 的{topic.Zh}培训“{record.Topic}”{g.Zh}。", $"{who}'s {topic.En} training '{record.Topic}' {g.En}.",
            "补充培训日期与签到表或课件文件。", "Add the training's date and its sign-in sheet or courseware."));
    }

    private static IEnumerable<(string Member, string Zh, string En)> Gaps(TrainingRecord r, DateOnly on)
    {
        if (r.Date is not { } date)
        {
            yield return ("date", "未写明培训日期", "has no date");
        }
        else if (date > on)
        {
            yield return ("date", $"日期 {date:yyyy-MM-dd} 晚于检查日 {on:yyyy-MM-dd}", $"is dated {date:yyyy-MM-dd}, after the check date {on:yyyy-MM-dd}");
        }

        if (string.IsNullOrWhiteSpace(r.File))
        {
            yield return ("file", "没有证明文件（签到表或课件）", "has no evidence file (sign-in sheet or courseware)");
        }
    }
}
