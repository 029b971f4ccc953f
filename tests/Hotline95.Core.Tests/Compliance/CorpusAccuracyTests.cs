using Hotline95.Core.Compliance;

namespace Hotline95.Core.Tests.Compliance;

/// <summary>
/// The labelled corpus (adlaw-corpus.tsv, written for the project): violations of every category in simplified,
/// traditional and full-width writing and with spaces inside terms, and look-alike ordinary sentences and
/// exemptions. A violation row counts as found when the scanner reports its term; any other hit is a false positive.
/// </summary>
public sealed class CorpusAccuracyTests(ITestOutputHelper output)
{
    private sealed record Row(int Number, string Label, string Category, string Term, string Text);

    private static List<Row> Corpus() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Compliance", "adlaw-corpus.tsv")).Skip(1)
            .Where(l => l.Length > 0)
            .Select((l, i) => l.Split('\t') is [var label, var category, var term, var text] ? new Row(i + 2, label, category, term, text) : throw new FormatException($"line {i + 2}: {l}"))
            .ToList();

    [Fact]
    public void Corpus_HasAtLeast300LabelledSentencesOfEveryKind()
    {
        var rows = Corpus();

        Assert.True(rows.Count >= 300, $"{rows.Count} rows");
        Assert.All(Enum.GetNames<TermCategory>().Select(n => n.ToLowerInvariant()),
            c => Assert.True(rows.Count(r => r.Label == "violation" && r.Category == c) >= 10, c));
        Assert.True(rows.Count(r => r.Label == "clean") >= 100);
    }

    [Fact]
    public void Scan_TheLabelledCorpus_PrecisionAndRecallAreAtLeast95Percent()
    {
        var scanner = new Scanner(Lexicon.Default);
        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        var mistakes = new List<string>();
        foreach (var row in Corpus())
        {
            var found = scanner.Scan(row.Text);
            if (row.Label == "violation")
            {
                var hit = found.Any(f => f.Term == row.Term);
                truePositives += hit ? 1 : 0;
                falseNegatives += hit ? 0 : 1;
                if (!hit)
                {
                    mistakes.Add($"missed  line {row.Number}: {row.Term} in {row.Text} (found {string.Join(",", found.Select(f => f.Term))})");
                }
            }

            foreach (var extra in found.Where(f => row.Label != "violation" || f.Term != row.Term))
            {
                falsePositives++;
                mistakes.Add($"flagged line {row.Number}: {extra.Term} in {row.Text}");
            }
        }

        var precision = truePositives / (double)(truePositives + falsePositives);
        var recall = truePositives / (double)(truePositives + falseNegatives);
        output.WriteLine($"true positives {truePositives}, false positives {falsePositives}, false negatives {falseNegatives}: precision {precision:P1}, recall {recall:P1}");
        foreach (var mistake in mistakes)
        {
            output.WriteLine(mistake);
        }

        Assert.True(precision >= 0.95, $"precision {precision:P1}\n{string.Join("\n", mistakes)}");
        Assert.True(recall >= 0.95, $"recall {recall:P1}\n{string.Join("\n", mistakes)}");
    }
}
