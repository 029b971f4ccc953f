using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Hotline95.Core.Documents;

/// <summary>
/// Renders a <see cref="DocumentModel"/> to DOCX (Office Open XML) for editing in Word or WPS before stamping: tables
/// with grid lines, a running header (the model's header or title, and its watermark) and 第 N 页 共 M 页 in the footer
/// as PAGE / NUMPAGES fields, so the numbers stay right after editing.
/// </summary>
public static class DocxRenderer
{
    // Fonts every Chinese office machine has; the document does not embed fonts, Word substitutes if missing.
    private const string EastAsianFont = "宋体";
    private const string HeadingFont = "黑体";

    public static byte[] Render(DocumentModel model)
    {
        using var output = new MemoryStream();
        using (var package = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document))
        {
            var main = package.AddMainDocumentPart();
            var body = new W.Body();
            if (model.Cover.Count > 0)
            {
                Blocks(body, model.Cover);
                body.Append(new W.Paragraph(new W.Run(new W.Break { Type = W.BreakValues.Page })));
            }

            body.Append(Para(model.Title, 36, bold: true, W.JustificationValues.Center, HeadingFont));
            if (model.Subtitle is { } subtitle)
            {
                body.Append(Para(subtitle, 21, bold: false, W.JustificationValues.Center));
            }

            Blocks(body, model.Blocks);
            var header = main.AddNewPart<HeaderPart>();
            header.Header = Header(model);
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = PageNumbers();
            body.Append(new W.SectionProperties(
                new W.HeaderReference { Type = W.HeaderFooterValues.Default, Id = main.GetIdOfPart(header) },
                new W.FooterReference { Type = W.HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
                new W.PageSize { Width = 11906U, Height = 16838U },
                new W.PageMargin { Top = 1440, Bottom = 1440, Left = 1800U, Right = 1800U, Header = 720U, Footer = 720U }));
            main.Document = new W.Document(body);
            package.PackageProperties.Title = model.Title;
            package.PackageProperties.Creator = "Hotline95";
        }

        return output.ToArray();
    }

    /// <summary>The header of every page: the document's name, and the watermark in red when the model has one.</summary>
    private static W.Header Header(DocumentModel model)
    {
        var header = new W.Header(Para(model.Header ?? model.Title, 18, bold: false, W.JustificationValues.Center));
        if (model.Watermark is { } watermark)
        {
            header.Append(new W.Paragraph(new W.ParagraphProperties(new W.Justification { Val = W.JustificationValues.Center }),
                Run(watermark, 28, bold: true, HeadingFont, color: "C00000")));
        }

        return header;
    }

    /// <summary>第 {PAGE} 页 共 {NUMPAGES} 页, centred.</summary>
    private static W.Footer PageNumbers()
    {
        var paragraph = new W.Paragraph(new W.ParagraphProperties(new W.Justification { Val = W.JustificationValues.Center }));
        paragraph.Append(Run("第 ", 18, bold: false, EastAsianFont));
        paragraph.Append(Field("PAGE"));
        paragraph.Append(Run(" 页 共 ", 18, bold: false, EastAsianFont));
        paragraph.Append(Field("NUMPAGES"));
        paragraph.Append(Run(" 页", 18, bold: false, EastAsianFont));
        return new W.Footer(paragraph);
    }

    /// <summary>A complex field (begin, instruction, separate, shown value, end), which Word and WPS both update.</summary>
    private static IEnumerable<W.Run> Field(string instruction) =>
    [
        new W.Run(new W.FieldChar { FieldCharType = W.FieldCharValues.Begin }),
        new W.Run(new W.FieldCode($" {instruction} ") { Space = SpaceProcessingModeValues.Preserve }),
        new W.Run(new W.FieldChar { FieldCharType = W.FieldCharValues.Separate }),
        Run("1", 18, bold: false, EastAsianFont),
        new W.Run(new W.FieldChar { FieldCharType = W.FieldCharValues.End }),
    ];

    private static void Blocks(W.Body body, IReadOnlyList<Block> blocks)
    {
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Heading h:
                    body.Append(Para(h.Text, h.Level == 1 ? 28 : 24, bold: true, W.JustificationValues.Left, HeadingFont));
                    break;
                case Paragraph p:
                    body.Append(Para(p.Text, 24, p.Bold, W.JustificationValues.Both));
                    break;
                case BulletList list:
                    for (var i = 0; i < list.Items.Count; i++)
                    {
                        body.Append(Para((list.Numbered ? $"{i + 1}. " : "• ") + list.Items[i], 24, bold: false, W.JustificationValues.Left, indentTwips: 420));
                    }

                    break;
                case Table table:
                    body.Append(Grid(table));
                    body.Append(Para("", 12, bold: false, W.JustificationValues.Left));
                    break;
                case SignatureBlock signature:
                    if (signature.Lead is { } lead)
                    {
                        body.Append(Para(lead, 24, bold: false, W.JustificationValues.Left));
                    }

                    body.Append(Para("", 24, bold: false, W.JustificationValues.Left));
                    foreach (var line in signature.Lines)
                    {
                        body.Append(Para(line, 24, bold: false, W.JustificationValues.Right));
                    }

                    break;
                case BarChart chart:
                    // Word charts need an embedded workbook; the figures go in as a table instead.
                    body.Append(Para(chart.Caption, 24, bold: true, W.JustificationValues.Left));
                    body.Append(Grid(new Table(["项目 Item", "数值 Value"], chart.Bars.Select(b => (IReadOnlyList<string>)[b.Label, b.Value.ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture)]).ToList())));
                    break;
            }
        }
    }

    private static W.Paragraph Para(string text, int halfPoints, bool bold, W.JustificationValues justification, string font = EastAsianFont, int indentTwips = 0)
    {
        // The schema's order: spacing, indentation, justification.
        var properties = new W.ParagraphProperties(new W.SpacingBetweenLines { After = "120", Line = "360", LineRule = W.LineSpacingRuleValues.Auto });
        if (indentTwips > 0)
        {
            properties.Append(new W.Indentation { Left = indentTwips.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        properties.Append(new W.Justification { Val = justification });
        return new W.Paragraph(properties, Run(text, halfPoints, bold, font));
    }

    private static W.Run Run(string text, int halfPoints, bool bold, string font, string? color = null)
    {
        var properties = new W.RunProperties(new W.RunFonts { EastAsia = font, Ascii = "Times New Roman", HighAnsi = "Times New Roman" });
        if (bold)
        {
            properties.Append(new W.Bold());
        }

        if (color is not null)
        {
            properties.Append(new W.Color { Val = color });
        }

        properties.Append(new W.FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return new W.Run(properties, new W.Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    private static W.Table Grid(Table table)
    {
        var border = new W.TableBorders(
            new W.TopBorder { Val = W.BorderValues.Single, Size = 4 },
            new W.LeftBorder { Val = W.BorderValues.Single, Size = 4 },
            new W.BottomBorder { Val = W.BorderValues.Single, Size = 4 },
            new W.RightBorder { Val = W.BorderValues.Single, Size = 4 },
            new W.InsideHorizontalBorder { Val = W.BorderValues.Single, Size = 4 },
            new W.InsideVerticalBorder { Val = W.BorderValues.Single, Size = 4 });
        var grid = new W.Table(new W.TableProperties(new W.TableWidth { Type = W.TableWidthUnitValues.Pct, Width = "5000" }, border));
        // 8306 twips of text width (A4 less the margins), shared equally.
        var columns = Math.Max(1, table.Header.Count);
        grid.Append(new W.TableGrid(Enumerable.Range(0, columns).Select(_ => new W.GridColumn { Width = (8306 / columns).ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        grid.Append(Row(table.Header, bold: true));
        foreach (var row in table.Rows)
        {
            grid.Append(Row(row, bold: false));
        }

        return grid;
    }

    private static W.TableRow Row(IReadOnlyList<string> cells, bool bold) =>
        new(cells.Select(c => new W.TableCell(new W.Paragraph(Run(c, 21, bold, EastAsianFont)))));
}
