using Hotline95.Testing;

namespace Hotline95.IntegrationTests.Calls;

/// <summary>The inspection's question, asked as an attacker: do the database files hold any customer's number or name in clear?</summary>
public abstract class EncryptionAtRestTests(DatabaseKind kind)
{
    private static readonly string[] Mobiles = ["13800138000", "13900139000", "13500135000"];
    private static readonly string[] Names = ["王小明", "Wang Wu"];

    [Fact]
    public async Task StoredCalls_RawDatabaseBytes_HoldNoNumberOrNameInAnyCommonForm()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        foreach (var (format, fixture) in new[] { ("asterisk", "asterisk-18.csv"), ("freeswitch-json", "freeswitch.cdr.json"), ("csv", "generic.csv") })
        {
            await CallStoreScenario.ImportAsync(app.Database, format, CallStoreScenario.CopyOf(fixture, app.Database));
        }

        var found = await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "find", "--phone", "13800138000"));
        Assert.Contains("138****8000", found.Out); // the calls are there and searchable…

        var raw = await RawStorage.ReadAllAsync(app.Database);
        Assert.True(raw.Length > 10_000, "expected the database's bytes");
        var leaks = Mobiles.SelectMany(RawStorage.FormsOf).Concat(Names.SelectMany(RawStorage.FormsOfName))
            .Where(f => RawStorage.Contains(raw, f.Bytes)).Select(f => f.Form).ToList();
        Assert.Empty(leaks); // …and yet nowhere in clear
    }

    [Fact]
    public async Task KeyFile_OnFirstUse_IsReadableByItsOwnerOnly()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);

        var keyFile = Path.Combine(app.Database.DataDirectory, "keys", "master.key");

        Assert.True(File.Exists(keyFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
    }
}

public sealed class EncryptionAtRestTestsOnSqlite() : EncryptionAtRestTests(DatabaseKind.Sqlite);

public sealed class EncryptionAtRestTestsOnPostgres() : EncryptionAtRestTests(DatabaseKind.Postgres);
