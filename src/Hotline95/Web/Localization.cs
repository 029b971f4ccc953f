using Microsoft.Net.Http.Headers;

namespace Hotline95.Web;

/// <summary>Which language a person reading the answer wants: the UI sends its language as Accept-Language.</summary>
public static class Localization
{
    /// <summary>True when the request's preferred language (highest quality first) is English; Chinese otherwise.</summary>
    public static bool PrefersEnglish(this HttpContext http)
    {
        var languages = http.Request.GetTypedHeaders().AcceptLanguage;
        var first = languages.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault();
        return first is not null && first.Value.StartsWith("en", StringComparison.OrdinalIgnoreCase);
    }
}
