using Hotline95.Core.Licensing.Dossiers;

namespace Hotline95.Core.Licensing.Eligibility.Rules;

/// <summary>Condition 4: the agents (人员): enough of them full-time and insured in Shanghai, and trained on the policy's topics.</summary>
internal static class StaffRules
{
    /// <summary>The agents the check reads (the platform's roster when it has one), with how findings name each and where it sits.</summary>
    private static IEnumerable<(DossierAgent Agent, string Who, string At)> AgentsOf(CheckContext c) =>
        (c.Platform?.Agents ?? c.Dossier.Agents ?? []).Select((a, i) =>
        {
            var who = string.IsNullOrWhiteSpace(a.Name) ? $"#{i + 1}" : a.Name;
            return (a, who, c.Platform is null ? $"$.agents[{i}]" : $"roster:{who}");
        });

    /// <summary>
    /// At least the policy's number of full-time agents whose insurance counts. An agent who does not count is a warning
    /// while enough others do, and an error when the count falls short.
    /// </summary>
    public static void Agents(CheckContext c)
    {
        var p = c.Policy;
        var source = c.FactsFrom;
        var agents = AgentsOf(c).Select(x => (x.Agent, x.Who, x.At, Insurance: SocialInsurance.Objections(c, x.Agent, x.Who, x.At))).ToList();
        var qualifying = agents.Count(x => x.Agent.FullTime == true && x.Insurance.Count == 0);
        var shortfall = qualifying < p.MinFullTimeAgents;
        if (shortfall)
        {
            c.Add("COND4_AGENTS", 4, "$.agents", $"符合条件的全职坐席人员 {qualifying} 名（全职、{p.SocialInsuranceCities[0]}社保满 {p.MinSocialInsuranceMonths} 个月），少于 {p.MinFullTimeAgents} 名{source.Zh}。",
                $"{qualifying} qualifying agents (full-time, insured in {p.SocialInsuranceCities[^1]} for {p.MinSocialInsuranceMonths}+ months), fewer than {p.MinFullTimeAgents}{source.En}.",
                $"配备至少 {p.MinFullTimeAgents} 名在{p.SocialInsuranceCities[0]}连续缴纳社保满 {p.MinSocialInsuranceMonths} 个月的全职客服。",
                $"Employ at least {p.MinFullTimeAgents} full-time agents insured in {p.SocialInsuranceCities[^1]} for the last {p.MinSocialInsuranceMonths} months.",
                missing: agents.Count == 0);
        }
        else
        {
            c.Note(4, $"符合条件的全职坐席人员 {qualifying} 名{source.Zh}", $"{qualifying} qualifying full-time agents{source.En}");
        }

        var severity = shortfall ? FindingSeverity.Error : FindingSeverity.Warning;
        foreach (var (agent, who, at, insurance) in agents)
        {
            if (agent.FullTime != true)
            {
                c.Add("COND4_AGENTS", 4, $"{at}.fullTime", $"{who} 非全职（不计入）。", $"{who} is not full-time (not counted).",
                    "由全职员工担任客服坐席。", "Staff the seats with full-time employees.", FindingSeverity.Warning);
            }

            foreach (var o in insurance)
            {
                c.Add(o.Code, 4, o.Field, o.Zh, o.En, o.FixZh, o.FixEn, severity, o.Missing);
            }
        }
    }

    /// <summary>
    /// Every agent's training covers each topic the policy names, with a date (not after the check) and an evidence file;
    /// one complete record per topic is enough. Without topics in the policy, any training record will do.
    /// </summary>
    public static void Training(CheckContext c)
    {
        var topics = c.Policy.TrainingTopics ?? [];
        foreach (var (agent, who, at) in AgentsOf(c))
        {
            if (agent.Training is not { Count: > 0 } records)
            {
                c.Add("COND4_TRAINING", 4, $"{at}.training", $"{who} 没有培训记录。", $"{who} has no training records.",
                    $"补充{string.Join("与", topics.Select(t => t.Zh))}培训的签到表和课件。",
                    topics.Count > 0 ? $"Add sign-in sheets and courseware for {string.Join(" and ", topics.Select(t => t.En))} training." : "Add training sign-in sheets and courseware.");
                continue;
            }

            foreach (var topic in topics)
            {
                TopicCheck(c, topic, records, who, at);
            }
        }
    }

    private static void TopicCheck(CheckContext c, TrainingTopic topic, IReadOnlyList<TrainingRecord> records, string who, string at)
    {
        var covering = records.Select((r, j) => (Record: r, Index: j)).Where(x => CheckContext.ContainsAny(x.Record.Topic, topic.Words)).ToList();
        if (covering.Count == 0)
        {
            c.Add("COND4_TRAINING", 4, $"{at}.training", $"{who} 没有{topic.Zh}培训记录（如{string.Join("、", topic.Words.Take(2))}）。",
                $"{who} has no {topic.En} training record.",
                $"补充{topic.Zh}培训的日期、签到表和课件。", $"Add the {topic.En} training with its date, sign-in sheet and courseware.");
            return;
        }

        // The record with the fewest gaps speaks for the topic.
        var (record, index) = covering.MinBy(x => Gaps(x.Record, c.On).Count());
        foreach (var (member, zh, en) in Gaps(record, c.On))
        {
            c.Add("COND4_TRAINING", 4, $"{at}.training[{index}].{member}", $"{who} 的{topic.Zh}培训“{record.Topic}”{zh}。", $"{who}'s {topic.En} training '{record.Topic}' {en}.",
                "补充培训日期与签到表或课件文件。", "Add the training's date and its sign-in sheet or courseware.");
        }
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
