namespace Hotline95.Core.Compliance;

/// <summary>One hit: the term as the lexicon has it, the text as written, where, why, and what to write instead.</summary>
public sealed record ScanFinding(
    string Term,
    string Matched,
    TermCategory Category,
    TermSeverity Severity,
    int Line,
    int Column,
    string LegalBasis,
    string Rewrite);

/// <summary>
/// Finds Advertising Law art. 9 absolute terms and marketing language in copy (IVR prompts, scripts, SMS,
/// promotional text). Line by line: normalised (<see cref="TextNormalizer"/>), every lexicon term located,
/// longer terms winning over the shorter ones inside them, and a hit dropped when it lies inside an
/// exception phrase (第一次, 最好先, 最佳赏味期, 第一财经…). A hit is a prompt for review with its legal
/// basis, not a verdict: the regulator judges the whole advertisement in context.
/// </summary>
public sealed class Scanner(Lexicon lexicon)
{
    public IReadOnlyList<ScanFinding> Scan(string text)
    {
        var findings = new List<ScanFinding>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var l = 0; l < lines.Length; l++)
        {
            findings.AddRange(ScanLine(lines[l], l + 1));
        }

        return findings;
    }

    private List<ScanFinding> ScanLine(string line, int number)
    {
        var found = new List<ScanFinding>();
        if (line.Length == 0)
        {
            return found;
        }

        var (text, origins) = TextNormalizer.Map(line);
        var excused = new bool[text.Length];
        foreach (var exception in lexicon.Exceptions)
        {
            for (var at = text.IndexOf(exception, StringComparison.Ordinal); at >= 0; at = text.IndexOf(exception, at + 1, StringComparison.Ordinal))
            {
                Array.Fill(excused, true, at, exception.Length);
            }
        }

        var candidates = new List<(int Start, LexiconTerm Term)>();
        foreach (var term in lexicon.Terms)
        {
            for (var at = text.IndexOf(term.Term, StringComparison.Ordinal); at >= 0; at = text.IndexOf(term.Term, at + 1, StringComparison.Ordinal))
            {
                candidates.Add((at, term));
            }
        }

        var taken = new bool[text.Length];
        foreach (var (start, term) in candidates.OrderByDescending(c => c.Term.Term.Length).ThenBy(c => c.Start))
        {
            var end = start + term.Term.Length;
            if (Enumerable.Range(start, term.Term.Length).Any(i => taken[i]))
            {
                continue;
            }

            // Claim the span even when excused: 第一次 must not leave a shorter 第一 to be found inside it.
            Array.Fill(taken, true, start, term.Term.Length);
            if (Enumerable.Range(start, term.Term.Length).All(i => excused[i]))
            {
                continue;
            }

            var from = origins[start];
            var to = origins[end - 1];
            found.Add(new ScanFinding(term.Term, line[from..(to + 1)], term.Category, term.Severity, number, from + 1, term.LegalBasis, term.Rewrite));
        }

        return found.OrderBy(f => f.Column).ToList();
    }
}
