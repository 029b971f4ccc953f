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

    /// <summary>Starts an application for the dossier and records every step up to the certificate of 2026-03-02 (the fake clock's today).</summary>
    public static async Task<Guid> CertifyAsync(HttpClient client, Guid dossier)
    {
        var application = (await (await client.PostAsJsonAsync("/api/licence/applications", new { dossierId = dossier, targetGoLive = "2026-12-31" })).ReadAsync()).GetProperty("id").GetGuid();
        await StepsAsync(client, application, ("materials-ready", "2026-01-05"), ("declared", "2026-01-12"), ("formal-review-passed", "2026-01-16"),
            ("substantive-review-passed", "2026-02-13"), ("inspection-passed", "2026-02-27"), ("certificate-issued", "2026-03-02"));
        return application;
    }

    /// <summary>
    /// Publishes the policy in force, changed by <paramref name="change"/> (a new id and effective date at least), as the operator
    /// does: <c>policy show</c>, edit, <c>policy publish FILE</c> on the server. The file is DATA/policy.json.
    /// </summary>
    public static async Task<CliResult> PublishPolicyAsync(Hotline95AppFactory app, HttpClient client, Action<JsonNode> change)
    {
        var current = await (await client.GetAsync("/api/licence/policies")).ReadAsync();
        var policy = JsonNode.Parse(current[0].GetRawText())!;
        change(policy);
        var file = Path.Combine(app.Database.DataDirectory, "policy.json");
        await File.WriteAllTextAsync(file, policy.ToJsonString());
        return await CliRunner.RunAsync(CliRunner.On(app.Database, "policy", "publish", file));
    }

    public static JsonElement Step(JsonElement application, string key) =>
        application.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("key").GetString() == key);
}
