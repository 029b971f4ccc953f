using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Hotline95.Core.Documents;

/// <summary>Renders a <see cref="DocumentModel"/> to DOCX (Office Open XML) for editing in Word or WPS before stamping.</summary>
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
            body.Append(Para(model.Title, 36, bold: true, W.JustificationValues.Center, HeadingFont));
            if (model.Subtitle is { } subtitle)
            {
                body.Append(Para(subtitle, 21, bold: false, W.JustificationValues.Center));
            }

            foreach (var block in model.Blocks)
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

            body.Append(new W.SectionProperties(
                new W.PageSize { Width = 11906U, Height = 16838U },
                new W.PageMargin { Top = 1440, Bottom = 1440, Left = 1800U, Right = 1800U }));
            main.Document = new W.Document(body);
            package.PackageProperties.Title = model.Title;
            package.PackageProperties.Creator = "Hotline95";
        }

        return output.ToArray();
    }

    private static W.Paragraph Para(string text, int halfPoints, bool bold, W.JustificationValues justification, string font = EastAsianFont, int indentTwips = 0)
    {
        var properties = new W.ParagraphProperties(
            new W.SpacingBetweenLines { After = "120", Line = "360", LineRule = W.LineSpacingRuleValues.Auto },
            new W.Justification { Val = justification });
        if (indentTwips > 0)
        {
            properties.Append(new W.Indentation { Left = indentTwips.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        return new W.Paragraph(properties, Run(text, halfPoints, bold, font));
    }

    private static W.Run Run(string text, int halfPoints, bool bold, string font)
    {
        var properties = new W.RunProperties(new W.RunFonts { EastAsia = font, Ascii = "Times New Roman", HighAnsi = "Times New Roman" });
        if (bold)
        {
            properties.Append(new W.Bold());
        }

        properties.Append(new W.FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return new W.Run(properties, new W.Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    private static W.Table Grid(Table table)
    {
        var border = new W.TableBorders(
            new W.TopBorder { Val = W.BorderValues.Single, Size = 4 },
            new W.BottomBorder { Val = W.BorderValues.Single, Size = 4 },
            new W.LeftBorder { Val = W.BorderValues.Single, Size = 4 },
            new W.RightBorder { Val = W.BorderValues.Single, Size = 4 },
            new W.InsideHorizontalBorder { Val = W.BorderValues.Single, Size = 4 },
            new W.InsideVerticalBorder { Val = W.BorderValues.Single, Size = 4 });
        var grid = new W.Table(new W.TableProperties(border, new W.TableWidth { Type = W.TableWidthUnitValues.Pct, Width = "5000" }));
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
