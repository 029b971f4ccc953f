using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hotline95.Testing;

namespace Hotline95.IntegrationTests.Licensing;

internal static class LicenceScenario
{
    public static string Example(string name = "dossier-pudong-bank.json") =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "dossiers", name));

    /// <summary>The passing example with one member replaced, e.g. ("premises.seats", 12).</summary>
    public static string ExampleWith(string path, JsonNode? value)
    {
        var root = JsonNode.Parse(Example())!;
        var keys = path.Split('.');
        var node = keys[..^1].Aggregate(root, (n, k) => n[k]!);
        node[keys[^1]] = value;
        return root.ToJsonString();
    }

    public static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<Guid> SaveAsync(HttpClient client, string json, string query = "number=95123")
    {
        var saved = await (await client.PostAsync($"/api/dossiers?{query}", JsonBody(json))).ReadAsync();
        return saved.GetProperty("id").GetGuid();
    }

    /// <summary>Records steps of an application on the days given (ISO dates), returning the last view.</summary>
    public static async Task<JsonElement> StepsAsync(HttpClient client, Guid application, params (string Step, string On)[] steps)
    {
        JsonElement view = default;
        foreach (var (step, on) in steps)
        {
            view = await (await client.PostAsJsonAsync($"/api/licence/applications/{application}/steps",
                new { step, on, certificateNumber = step == "certificate-issued" ? "沪码证2026-0042" : null })).ReadAsync();
        }

        return view;
    }

    public static JsonElement Step(JsonElement application, string key) =>
        application.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("key").GetString() == key);
}
