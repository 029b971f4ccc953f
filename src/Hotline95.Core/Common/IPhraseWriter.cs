namespace Hotline95.Core.Common;

/// <summary>
/// Writes a phrase for people in both languages, from the host's catalog (src/Hotline95/Text/ServerText.json). Core asks it
/// only where it sends text out of the product itself (the escalation webhook); everything else returns codes and arguments
/// and the edge writes them.
/// </summary>
public interface IPhraseWriter
{
    /// <summary>Chinese, then English: "中文 / English".</summary>
    string Both(Phrase phrase);
}

/// <summary>Where no host supplied a catalog (a restore's own services): the phrase's code and values, untranslated.</summary>
internal sealed class UntranslatedPhraseWriter : IPhraseWriter
{
    public string Both(Phrase phrase) => phrase.ToString();
}
