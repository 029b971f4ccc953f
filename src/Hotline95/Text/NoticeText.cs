using Hotline95.Core.Common;
using Hotline95.Core.Notifications;

namespace Hotline95.Text;

/// <summary>A notice written for its reader: its kind's catalog entry with its arguments, in one language.</summary>
public static class NoticeText
{
    /// <summary>
    /// The notice's text in one language; a notice written before notices were codes has its stored text, in both
    /// languages (<see cref="IsBilingual"/>).
    /// </summary>
    public static string Render(Notification notice, bool english) => notice.Arguments is { } arguments
        ? ServerText.Render(new Phrase(NoticeKinds.CatalogKey(notice.Kind), PhraseJson.ReadArgs(arguments)), english)
        : notice.Message;

    /// <summary>Whether <see cref="Render"/> gives both languages in one string ("中文 / English"), for the page to pick its side.</summary>
    public static bool IsBilingual(Notification notice) => notice.Arguments is null;
}
