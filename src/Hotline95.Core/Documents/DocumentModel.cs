namespace Hotline95.Core.Documents;

/// <summary>
/// A document as content only (headings, paragraphs, lists, tables), so one template renders the same words to
/// DOCX for editing and to PDF for stamping and filing.
/// </summary>
public sealed record DocumentModel(string Title, string? Subtitle, IReadOnlyList<Block> Blocks)
{
    /// <summary>The document's language: page numbers read 第 N 页 共 M 页 in Chinese, Page N of M in English.</summary>
    public bool English { get; init; }

    /// <summary>A line printed at the top of every page (e.g. 截至 2026-11-29 for a period that has not ended).</summary>
    public string? PageNote { get; init; }

    /// <summary>Printed across every page (PDF) and in every page header (DOCX), e.g. 草稿——尚未满足申请条件.</summary>
    public string? Watermark { get; init; }

    /// <summary>A page before the title (e.g. the findings that keep a draft from being filed); none when empty.</summary>
    public IReadOnlyList<Block> Cover { get; init; } = [];

    /// <summary>The running header of the DOCX pages; the title when not given.</summary>
    public string? Header { get; init; }
}

public abstract record Block;

public sealed record Heading(string Text, int Level = 1) : Block;

public sealed record Paragraph(string Text, bool Bold = false) : Block;

public sealed record BulletList(IReadOnlyList<string> Items, bool Numbered = false) : Block;

public sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : Block;

/// <summary>
/// The signature block at the end: right-aligned lines (公司（盖章）, date), after an optional <paramref name="Lead"/>
/// (a declaration) kept on the same page, so the declaration, the signature and the seal are on the last content page.
/// </summary>
public sealed record SignatureBlock(IReadOnlyList<string> Lines, string? Lead = null) : Block;

/// <summary>A simple bar chart: one bar per label.</summary>
public sealed record BarChart(string Caption, IReadOnlyList<(string Label, double Value)> Bars) : Block;
