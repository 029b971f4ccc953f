using System.Text;

namespace Hotline95.Core.Common;

/// <summary>Data shipped inside the program (fonts, schemas, lexicons, policies): a missing one is a build mistake, so it throws.</summary>
public static class EmbeddedResources
{
    private static readonly System.Reflection.Assembly Assembly = typeof(EmbeddedResources).Assembly;

    public static IEnumerable<string> Named(string prefix) =>
        Assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    public static string ReadText(string name)
    {
        using var reader = new StreamReader(Open(name), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public static byte[] ReadBytes(string name)
    {
        using var stream = Open(name);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static Stream Open(string name) =>
        Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"{name} is not embedded in the program");
}
