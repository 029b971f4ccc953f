using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Audit;
using Hotline95.Core.Data;
using Hotline95.Core.Identity;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Calls;

public abstract class RecordingTests(DatabaseKind kind)
{
    /// <summary>200 KiB of WAV audio: spans several 64 KiB chunks.</summary>
    private static byte[] Audio() => TestAudio.Wav();

    private static async Task<(Hotline95AppFactory App, long CallId)> WithCallAsync(DatabaseKind kind)
    {
        var app = await CallStoreScenario.StartAsync(kind);
        await CallStoreScenario.ImportAsync(app.Database, "asterisk", CallStoreScenario.CopyOf("asterisk-18.csv", app.Database));
        var id = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Calls.OrderBy(c => c.StartedAt).Select(c => c.Id).FirstAsync());
        return (app, id);
    }

    private static MultipartFormDataContent Upload(byte[] audio)
    {
        var content = new ByteArrayContent(audio);
        content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        return new MultipartFormDataContent { { content, "file", "call.wav" } };
    }

    [Fact]
    public async Task Attach_ThenPlay_ReturnsTheSameBytesAndStoresNoneInClear()
    {
        var (app, callId) = await WithCallAsync(kind);
        await using var _ = app;
        var supervisor = await app.LoginAsSupervisorAsync();
        var audio = Audio();

        var attached = await supervisor.PostAsync($"/api/calls/{callId}/recording", Upload(audio));
        var played = await (await app.LoginAsRoleAsync(Role.Specialist)).GetAsync($"/api/calls/{callId}/recording");

        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
        Assert.Equal(HttpStatusCode.OK, played.StatusCode);
        Assert.Equal(audio, await played.Content.ReadAsByteArrayAsync());
        var stored = Directory.GetFiles(Path.Combine(app.Database.DataDirectory, "recordings"), "*.h95rec", SearchOption.AllDirectories);
        var bytes = await File.ReadAllBytesAsync(Assert.Single(stored));
        Assert.False(RawStorage.Contains(bytes, "hotline95-audio"u8.ToArray()));
    }

    [Fact]
    public async Task Play_AgentWithoutPermission_Gets403()
    {
        var (app, callId) = await WithCallAsync(kind);
        await using var _ = app;
        await (await app.LoginAsSupervisorAsync()).PostAsync($"/api/calls/{callId}/recording", Upload(Audio()));

        var response = await (await app.LoginAsAgentAsync()).GetAsync($"/api/calls/{callId}/recording");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task PlayAndDownload_EachAccess_IsAudited()
    {
        var (app, callId) = await WithCallAsync(kind);
        await using var _ = app;
        var supervisor = await app.LoginAsSupervisorAsync();
        await supervisor.PostAsync($"/api/calls/{callId}/recording", Upload(Audio()));

        await supervisor.GetAsync($"/api/calls/{callId}/recording");
        var download = await supervisor.GetAsync($"/api/calls/{callId}/recording?download=true");

        Assert.Equal("call.wav", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var actions = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().AuditEntries
            .Where(e => e.Target == $"call:{callId}").Select(e => e.Action).ToListAsync());
        Assert.Contains(AuditActions.RecordingPlayed, actions);
        Assert.Contains(AuditActions.RecordingDownloaded, actions);
    }

    [Fact]
    public async Task AttachFromCli_IsPlayableThroughTheApi()
    {
        var (app, callId) = await WithCallAsync(kind);
        await using var _ = app;
        var file = Path.Combine(app.Database.DataDirectory, "in.wav");
        await File.WriteAllBytesAsync(file, Audio());

        var attached = await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "attach", callId.ToString(System.Globalization.CultureInfo.InvariantCulture), file));
        var played = await (await app.LoginAsSupervisorAsync()).GetByteArrayAsync($"/api/calls/{callId}/recording");

        Assert.Equal(0, attached.ExitCode);
        Assert.Equal(Audio(), played);
    }
}

public sealed class RecordingTestsOnSqlite() : RecordingTests(DatabaseKind.Sqlite);

public sealed class RecordingTestsOnPostgres() : RecordingTests(DatabaseKind.Postgres);
