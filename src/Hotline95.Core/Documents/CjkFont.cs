using Hotline95.Core.Common;
using PdfSharp.Fonts;

namespace Hotline95.Core.Documents;

/// <summary>
/// The one font PDFs are set in: WenQuanYi Micro Hei (Apache-2.0), embedded in the program so Chinese renders on
/// any machine, offline. PDFsharp asks a process-wide resolver for fonts; every family name resolves to it.
/// </summary>
public sealed class CjkFont : IFontResolver
{
    public const string Family = "WenQuanYi Micro Hei";
    private const string FaceName = "wqy-microhei";
    private static readonly Lazy<byte[]> Bytes = new(() => EmbeddedResources.ReadBytes("Hotline95.Documents.wqy-microhei.ttf"));

    private static readonly Lock Gate = new();

    /// <summary>Installs the resolver once per process (PDFsharp allows one).</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not CjkFont)
            {
                GlobalFontSettings.FontResolver = new CjkFont();
            }
        }
    }

    // Bold and italic are simulated: the font has one weight.
    public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) => new(FaceName, isBold, isItalic);

    public byte[] GetFont(string faceName) => Bytes.Value;
}
