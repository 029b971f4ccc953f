using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;

namespace Hotline95.Core.Tests.Licensing;

/// <summary>
/// A generated document read back as its reader would: a PDF through poppler's pdftotext, page by page; a DOCX as the
/// text of its main part, headers and footers. <see cref="Flat"/> drops whitespace so a phrase wrapped over two lines still matches.
/// </summary>
internal static partial class RenderedText
{
    private static string PdfToText()
    {
        var path = new[] { "/usr/bin/pdftotext", "/usr/local/bin/pdftotext" }.FirstOrDefault(File.Exists);
        if (path is null)
        {
            Assert.Skip("pdftotext not installed: apt-get install poppler-utils (./test.sh installs it).");
        }

        return path!;
    }

    /// <summary>The text of each page, in order.</summary>
    public static IReadOnlyList<string> PdfPages(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"h95-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo(PdfToText(), ["-layout", file, "-"]) { RedirectStandardOutput = true })!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            // pdftotext ends every page with a form feed.
            return text.Split('\f')[..^1];
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static readonly XNamespace W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// <summary>A DOCX read back; <see cref="Cover"/> is what comes before the first page break, if there is one.</summary>
    public sealed record Docx(string Cover, string Body, IReadOnlyList<string> Headers, IReadOnlyList<string> Footers, string BodyXml, IReadOnlyList<string> FooterXml)
    {
        public string All => string.Concat(Headers) + Cover + Body + string.Concat(Footers);
    }

    public static Docx ReadDocx(byte[] content)
    {
        using var stream = new MemoryStream(content);
        using var document = WordprocessingDocument.Open(stream, false);
        var main = document.MainDocumentPart!;
        var blocks = XDocument.Parse(Xml(main)).Descendants(W + "body").Single().Elements().ToList();
        var pageBreak = blocks.FindIndex(b => b.Descendants(W + "br").Any(br => (string?)br.Attribute(W + "type") == "page"));
        return new Docx(
            Text(blocks.Take(pageBreak + 1)),
            Text(blocks.Skip(pageBreak + 1)),
            main.HeaderParts.Select(h => Text(XDocument.Parse(Xml(h)).Root!.Elements())).ToList(),
            main.FooterParts.Select(f => Text(XDocument.Parse(Xml(f)).Root!.Elements())).ToList(),
            Xml(main),
            main.FooterParts.Select(Xml).ToList());
    }

    /// <summary>The text of every w:t, each paragraph on its own line.</summary>
    private static string Text(IEnumerable<XElement> blocks) =>
        string.Join("\n", blocks.SelectMany(b => b.DescendantsAndSelf(W + "p")).Select(p => string.Concat(p.Descendants(W + "t").Select(t => t.Value))));

    private static string Xml(OpenXmlPart part)
    {
        using var reader = new StreamReader(part.GetStream());
        return reader.ReadToEnd();
    }

    public static string Flat(string text) => Whitespace().Replace(text, "");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
