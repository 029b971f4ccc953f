using System.Net.Http.Headers;

namespace Hotline95.Testing;

/// <summary>
/// Keeps the session cookie like a browser would, but ignores expiry attributes: the app runs on a fake
/// clock, so a real cookie jar would discard cookies "expired" in real time.
/// </summary>
public sealed class SessionCookieHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                var pair = header.Split(';', 2)[0].Split('=', 2);
                if (pair.Length == 2 && pair[1].Length > 0 && !header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    _cookies[pair[0]] = pair[1];
                }
                else
                {
                    _cookies.Remove(pair[0]);
                }
            }
        }

        return response;
    }

    public static void AcceptJson(HttpClient client) => client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
}
