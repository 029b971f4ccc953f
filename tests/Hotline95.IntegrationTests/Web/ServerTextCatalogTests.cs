using System.Text.RegularExpressions;
using Hotline95.Text;

namespace Hotline95.IntegrationTests.Web;

/// <summary>
/// The server's catalog (src/Hotline95/Text/ServerText.json) against the source: every error code and phrase key a
/// site creates has both languages, and every {placeholder} of its texts is supplied by every site that creates it.
/// </summary>
public sealed partial class ServerTextCatalogTests
{
    /// <summary>Keys looked up by pattern rather than named at a site: titles by error kind, status pages, enum values, units.</summary>
    private static readonly string[] DynamicPrefixes = ["title.", "status.", "enum.", "unit."];

    [Fact]
    public void Catalog_EveryCodeAndPhraseCreated_HasBothLanguagesAndTheSameArguments()
    {
        var sites = Sites().ToList();
        Assert.True(sites.Count > 200, $"expected the source's error sites, found {sites.Count}");

        var failures = new List<string>();
        foreach (var site in sites)
        {
            if (!ServerText.Entries.TryGetValue(site.Key, out var entry))
            {
                failures.Add($"{site.Where}: {site.Key} has no entry in ServerText.json (add \"{site.Key}\": [\"中文\", \"English\"])");
                continue;
            }

            foreach (var missing in ServerText.Placeholders(entry.Zh).Union(ServerText.Placeholders(entry.En)).Except(site.Args))
            {
                failures.Add($"{site.Where}: {site.Key} names {{{missing}}}, which this site does not supply");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Catalog_EveryEntry_IsWrittenInBothLanguagesWithTheSamePlaceholders()
    {
        var failures = new List<string>();
        foreach (var (key, (zh, en)) in ServerText.Entries)
        {
            if (string.IsNullOrWhiteSpace(zh) || string.IsNullOrWhiteSpace(en))
            {
                failures.Add($"{key}: a language is empty");
            }

            if (!ServerText.Placeholders(zh).SetEquals(ServerText.Placeholders(en)))
            {
                failures.Add($"{key}: the Chinese and English texts name different placeholders");
            }

            // Chinese text has Chinese in it (beyond placeholders and codes) unless it is only a placeholder or a code word.
            if (!Han().IsMatch(zh) && Placeholder().Replace(zh, "").Any(char.IsLetter) && !key.StartsWith("enum.", StringComparison.Ordinal))
            {
                failures.Add($"{key}: the Chinese text \"{zh}\" is not Chinese");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Catalog_NoEntry_IsUnused()
    {
        var used = Sites().Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var unused = ServerText.Entries.Keys.Where(k => !used.Contains(k) && !DynamicPrefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal))).Order().ToList();

        Assert.True(unused.Count == 0, $"entries no site creates (remove them): {string.Join(", ", unused)}");
    }

    [Fact]
    public void Render_Arguments_AreFormattedForTheReader()
    {
        var error = Core.Common.Error.Validation("on", "DATE_IN_FUTURE", ("field", "on"), ("date", new DateOnly(2026, 3, 9)), ("today", new DateOnly(2026, 3, 2)));
        var steps = Core.Common.Error.Conflict("STEP_OUT_OF_ORDER", "step", ("step", Core.Service.TicketStep.Closed),
            ("reason", Core.Common.Phrase.Of("step.ticketNext", ("id", 7L), ("at", Core.Service.TicketStep.Recorded),
                ("next", new[] { Core.Service.TicketStep.Transferred, Core.Service.TicketStep.FedBack }))));

        Assert.Equal("on 2026-03-09 晚于今天（2026-03-02）：请在事项发生后再登记。", ServerText.Render(error, english: false));
        Assert.Equal("on 2026-03-09 is after today (2026-03-02): record it once it has happened.", ServerText.Render(error, english: true));
        Assert.Equal("现在不能记录“已办结”：工单 7 当前为“问题记录”，下一步只能是 转办处理、反馈结果。", ServerText.Render(steps, english: false));
        Assert.Equal("'Closed' cannot be recorded now: ticket 7 is at Recorded; next can be Transferred, FedBack.", ServerText.Render(steps, english: true));
    }

    /// <summary>One place in the source that creates an error or a phrase: its catalog key and the argument names it gives.</summary>
    private sealed record Site(string Where, string Key, IReadOnlySet<string> Args);

    private static IEnumerable<Site> Sites()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var files = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains("Migrations", StringComparison.Ordinal))
            .ToList();
        var constants = files.SelectMany(f => CodeConstant().Matches(File.ReadAllText(f)))
            .GroupBy(m => m.Groups["name"].Value).ToDictionary(g => g.Key, g => g.Select(m => m.Groups["value"].Value).Distinct().ToList());

        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (Match call in Creation().Matches(text))
            {
                var arguments = SplitArguments(text, call.Index + call.Length - 1);
                var where = $"{Path.GetRelativePath(src, file)}:{text[..call.Index].Count(c => c == '\n') + 1}";
                var codeIndex = call.Groups["kind"].Value switch
                {
                    "Validation" or "Of" => 1,
                    "Phrase" => 0,
                    _ => 0,
                };
                if (arguments.Count <= codeIndex)
                {
                    continue;
                }

                var names = arguments.Skip(codeIndex + 1).Select(a => ArgumentName().Match(a)).Where(m => m.Success).Select(m => m.Groups["name"].Value)
                    .ToHashSet(StringComparer.Ordinal);
                foreach (var key in Keys(arguments[codeIndex].Trim(), constants))
                {
                    yield return new Site(where, key, names);
                }
            }

            // Notices: notify.Role(enterprise, role, NoticeKinds.X, link, at, ("name", value)…), written from "notice.{kind}".
            foreach (Match call in NoticeCreation().Matches(text))
            {
                var arguments = SplitArguments(text, call.Index + call.Length - 1);
                var where = $"{Path.GetRelativePath(src, file)}:{text[..call.Index].Count(c => c == '\n') + 1}";
                var kind = typeof(Core.Notifications.NoticeKinds).GetField(arguments[2].Trim().Split('.').Last())?.GetValue(null) as string
                    ?? $"<not a NoticeKinds constant: '{arguments[2].Trim()}'>";
                var names = arguments.Skip(5).Select(a => ArgumentName().Match(a)).Where(m => m.Success).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
                yield return new Site(where, Core.Notifications.NoticeKinds.CatalogKey(kind), names);
            }
        }
    }

    [Fact]
    public void Notices_EveryKind_IsSentSomewhereAndWrittenInBothLanguages()
    {
        var sent = Sites().Select(s => s.Key).ToHashSet(StringComparer.Ordinal);

        Assert.All(Core.Notifications.NoticeKinds.All, kind =>
        {
            Assert.Contains(Core.Notifications.NoticeKinds.CatalogKey(kind), sent);
            Assert.True(ServerText.Entries.ContainsKey(Core.Notifications.NoticeKinds.CatalogKey(kind)), kind);
        });
    }

    [Theory]
    [InlineData(typeof(Core.Compliance.RedLine))]
    [InlineData(typeof(Core.Monitoring.AlertKind))]
    [InlineData(typeof(Core.Compliance.TermCategory))]
    public void Notices_EnumArgument_EveryValueHasItsText(Type type)
    {
        Assert.All(Enum.GetNames(type), name => Assert.True(ServerText.Entries.ContainsKey($"enum.{type.Name}.{name}"), $"enum.{type.Name}.{name} has no entry"));
    }

    [Fact]
    public void Notice_StoredAndReadBack_IsWrittenInEachLanguageWithItsDatesAndPhrases()
    {
        var notice = new Core.Notifications.Notification
        {
            Role = "Supervisor", Kind = Core.Notifications.NoticeKinds.ComplaintEscalated,
            Arguments = Core.Common.PhraseJson.WriteArgs(new Dictionary<string, object?>
            {
                ["id"] = 42L, ["line"] = "95528",
                ["reason"] = Core.Common.Phrase.Of("notice.reason.overdue", ("which", Core.Common.Phrase.Of("notice.which.resolution")), ("due", new DateTimeOffset(2026, 3, 9, 15, 59, 59, TimeSpan.Zero))),
            }),
        };
        var alert = new Core.Notifications.Notification
        {
            Role = "Supervisor", Kind = Core.Notifications.NoticeKinds.MonitoringAlert,
            Arguments = Core.Common.PhraseJson.WriteArgs(new Dictionary<string, object?>
            {
                ["alert"] = Core.Monitoring.AlertKind.CallerFlood, ["line"] = "95528",
                ["evidence"] = Core.Common.Phrase.Of("evidence.callerFlood", ("caller", "138****0000"), ("calls", 31), ("minutes", 60.0), ("limit", 30)),
            }),
        };
        var legacy = new Core.Notifications.Notification { Role = "Supervisor", Kind = "red-line", Message = "合规红线 red line DataLeak: 导出超限 / export over the limit" };

        Assert.Equal("投诉 #42（95528）办结时限 2026-03-09 23:59 已超时", NoticeText.Render(notice, english: false));
        Assert.Equal("Complaint #42 (95528): resolution overdue since 2026-03-09 23:59", NoticeText.Render(notice, english: true));
        Assert.Equal("频繁呼入（95528）：138****0000：60 分钟内呼入 31 通（上限 30 通）。", NoticeText.Render(alert, english: false));
        Assert.Equal("Caller flood (95528): 138****0000: 31 calls in 60 minutes (limit 30).", NoticeText.Render(alert, english: true));
        Assert.Equal(legacy.Message, NoticeText.Render(legacy, english: true));
        Assert.True(NoticeText.IsBilingual(legacy));
        Assert.False(NoticeText.IsBilingual(notice));
        Assert.Throws<ArgumentException>(() => Core.Common.PhraseJson.WriteArgs(new Dictionary<string, object?> { ["x"] = Guid.Empty }));
    }

    [Fact]
    public void PhraseJson_StoredAndReadBack_KeepsFractionsListsAndNestedPhrases()
    {
        var surge = Core.Common.Phrase.Of("evidence.volumeSurge", ("day", new DateOnly(2026, 3, 2)), ("from", 9), ("to", 10),
            ("dayKind", Core.Common.Phrase.Of("evidence.days.weekday")), ("calls", 120), ("median", 41.5), ("samples", 5), ("spread", 3.25), ("score", 23.84));
        var script = Core.Common.Phrase.Of("evidence.campaignScript", ("name", "春季回访"), ("line", "95528"),
            ("terms", new[] { Core.Common.Phrase.Of("evidence.term", ("term", "最好"), ("category", Core.Compliance.TermCategory.Superlative)),
                Core.Common.Phrase.Of("evidence.term", ("term", "优惠"), ("category", Core.Compliance.TermCategory.Marketing)) }));

        var surgeBack = Core.Common.PhraseJson.ReadPhrase(Core.Common.PhraseJson.Write(surge));
        var scriptBack = Core.Common.PhraseJson.ReadPhrase(Core.Common.PhraseJson.Write(script));

        Assert.Equal("2026-03-02 09:00–10:00 (working day): 120 calls against a median of 41.5 on the 5 previous working days at this hour (spread 3.3, score 23.8).",
            ServerText.Render(surgeBack, english: true));
        Assert.Equal("2026-03-02 09:00–10:00（工作日）：呼入 120 通，此前 5 个工作日同一时段的中位数为 41.5 通（离散度 3.3，偏离分数 23.8）。",
            ServerText.Render(surgeBack, english: false));
        Assert.Equal("Outbound campaign '春季回访' on 95528 held: its script contains '最好' (superlative), '优惠' (marketing).", ServerText.Render(scriptBack, english: true));
        Assert.Equal("95528 的外呼活动“春季回访”已暂停：话术含有 “最好”（最高级用语）、“优惠”（营销用语）。", ServerText.Render(scriptBack, english: false));
        Assert.Equal(ServerText.Render(surge, english: true), ServerText.Render(surgeBack, english: true));
        // The version before reads every plain number as a whole one: a fraction is tagged, which it shows as nothing.
        using var stored = System.Text.Json.JsonDocument.Parse(Core.Common.PhraseJson.Write(surge));
        Assert.All(Numbers(stored.RootElement), n => Assert.True(n.TryGetInt64(out _), n.ToString()));
        Assert.Contains("\"fraction\":41.5", Core.Common.PhraseJson.Write(surge), StringComparison.Ordinal);
        Assert.Contains("春季回访", Core.Common.PhraseJson.Write(script), StringComparison.Ordinal); // not \uXXXX
    }

    [Fact]
    public void PhraseJson_BilingualDataStoredAndReadBack_WritesTheReadersSide()
    {
        var warning = Core.Common.Phrase.Of("licence.warning.dateNotWorkday", ("date", new DateOnly(2026, 10, 1)), ("day", new Core.Common.Bilingual("国庆节", "National Day")));

        var back = Core.Common.PhraseJson.ReadPhrase(Core.Common.PhraseJson.Write(warning));

        Assert.Equal("2026-10-01 是非工作日（国庆节），请核对日期。", ServerText.Render(back, english: false));
        Assert.Equal("2026-10-01 is not a working day (National Day); check the date.", ServerText.Render(back, english: true));
        Assert.Equal("National Day", Assert.IsType<Core.Common.Bilingual>(back.ClipText(12).Args["day"]).En);
    }

    private static IEnumerable<System.Text.Json.JsonElement> Numbers(System.Text.Json.JsonElement element) => element.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Number => [element],
        System.Text.Json.JsonValueKind.Object => element.EnumerateObject().Where(p => p.Name != "fraction").SelectMany(p => Numbers(p.Value)),
        System.Text.Json.JsonValueKind.Array => element.EnumerateArray().SelectMany(Numbers),
        _ => [],
    };

    [Fact]
    public void ReadOrVerbatim_TextRewrittenByAnOlderNode_ShowsTheTextNotThePhrase()
    {
        var reason = Core.Common.Phrase.Of("notice.reason.atRisk", ("which", Core.Common.Phrase.Of("notice.which.response")), ("due", new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero)));
        var (text, json) = Core.Common.PhraseJson.Store(reason, 200);
        const string Older = "resolution due 2026-03-09 23:59 / 办结时限 2026-03-09 23:59，即将超时";

        var (kept, keptBilingual) = Core.Common.PhraseJson.ReadOrVerbatim(json, text, 200);
        var (rewritten, rewrittenBilingual) = Core.Common.PhraseJson.ReadOrVerbatim(json, Older, 200);

        Assert.Equal("response due 2026-03-02 16:00", ServerText.Render(kept, english: true));
        Assert.False(keptBilingual);
        Assert.Equal(Older, ServerText.Render(rewritten, english: true));
        Assert.True(rewrittenBilingual);
        Assert.Contains("2026-03-02 16:00:00 +08:00", text, StringComparison.Ordinal); // untranslated, in China time
    }

    [Fact]
    public void Phrase_ClipText_ClipsNestedTextAndLists()
    {
        var phrase = Core.Common.Phrase.Of("evidence.exportLimit", ("actor", new string('a', 300)), ("number", 4), ("allowance", 3),
            ("reason", Core.Common.Phrase.Of("text.verbatim", ("text", new string('b', 300)))), ("list", new[] { new string('c', 300) }));

        var clipped = phrase.ClipText(200);

        Assert.Equal(200, ((string)clipped.Args["actor"]!).Length);
        Assert.Equal(200, ((string)((Core.Common.Phrase)clipped.Args["reason"]!).Args["text"]!).Length);
        Assert.Equal(200, ((string)((IEnumerable<object?>)clipped.Args["list"]!).Single()!).Length);
        Assert.Equal(4, clipped.Args["number"]);
    }

    /// <summary>The catalog key an argument names: a string literal, or a constant declared with one (LineErrors.UnknownCode).</summary>
    private static IEnumerable<string> Keys(string argument, Dictionary<string, List<string>> constants)
    {
        if (Literal().Match(argument) is { Success: true } literal)
        {
            return [literal.Groups["value"].Value];
        }

        var name = argument.Split('.').Last();
        return constants.TryGetValue(name, out var values) ? values : [$"<unresolved code expression '{argument}'>"];
    }

    /// <summary>The top-level arguments of the call whose opening parenthesis is at <paramref name="open"/>.</summary>
    private static List<string> SplitArguments(string text, int open)
    {
        var arguments = new List<string>();
        var depth = 0;
        var start = open + 1;
        var inString = false;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"' && text[i - 1] != '\\')
            {
                inString = !inString;
            }
            else if (!inString && c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (!inString && c is ')' or ']' or '}')
            {
                depth--;
                if (depth == 0)
                {
                    arguments.Add(text[start..i]);
                    break;
                }
            }
            else if (!inString && c == ',' && depth == 1)
            {
                arguments.Add(text[start..i]);
                start = i + 1;
            }
        }

        return arguments;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hotline95.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Hotline95.slnx not found above the test binaries.");
    }

    [GeneratedRegex(@"\b(?:Error\.(?<kind>Validation|NotFound|Conflict|Of)|(?<kind>Phrase)\.Of)\(")]
    private static partial Regex Creation();

    [GeneratedRegex(@"\bnotify\.Role\(")]
    private static partial Regex NoticeCreation();

    [GeneratedRegex(@"^\s*\(\s*""(?<name>[A-Za-z][A-Za-z0-9]*)""\s*,")]
    private static partial Regex ArgumentName();

    [GeneratedRegex(@"^""(?<value>[^""]+)""$")]
    private static partial Regex Literal();

    [GeneratedRegex(@"const string (?<name>\w*Code) = ""(?<value>[A-Z][A-Z0-9_]+)""")]
    private static partial Regex CodeConstant();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Placeholder();
}
