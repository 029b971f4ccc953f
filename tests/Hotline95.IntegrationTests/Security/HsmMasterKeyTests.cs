using System.Diagnostics;
using Hotline95.Core.Security;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Hotline95.IntegrationTests.Security;

/// <summary>
/// Issue 14, point 2: the master key in a PKCS#11 token (SoftHSM2, set up by test.sh). It is created there, cannot be
/// read out, wraps and unwraps the data keys through the token, cannot be exported as shares, and a key swapped under
/// its label stops every start as a wrong key file does.
/// </summary>
public sealed class HsmMasterKeyTests
{
    private static readonly Pkcs11InteropFactories Factories = new();

    private sealed record Installation(TestDatabase Database, Dictionary<string, string?> Pin, string Label) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Database.DisposeAsync();
    }

    /// <summary>A new installation whose settings put the master key in the test token under a label of its own, with calls in March 2026.</summary>
    private static async Task<Installation> InstallAsync()
    {
        var library = TestEnvironment.RequirePkcs11();
        var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var label = $"h95-test-{Guid.NewGuid():N}"[..24];
        await File.WriteAllTextAsync(Path.Combine(database.DataDirectory, "hotline95.json"), System.Text.Json.JsonSerializer.Serialize(new
        {
            Keys = new { Pkcs11 = new { Library = library, Token = TestEnvironment.Pkcs11Token, KeyLabel = label } },
        }));
        var pin = new Dictionary<string, string?> { [Pkcs11Settings.PinVariable] = TestEnvironment.Pkcs11Pin };
        Assert.Equal(0, (await CliRunner.RunAsync(pin, CliRunner.On(database, "lines", "add", "95528", "--name", "信用卡客服热线"))).ExitCode);
        var file = Path.Combine(database.DataDirectory, "c.csv");
        await File.WriteAllTextAsync(file, "call_id,direction,from,to,caller_name,start,end\n" +
            "t1,in,13800138000,95528,王小明,2026-03-02T09:00:00+08:00,2026-03-02T09:05:00+08:00\n");
        var imported = await CliRunner.RunAsync(pin, CliRunner.On(database, "calls", "import", "--format", "csv", file));
        Assert.True(imported.ExitCode == 0, imported.Error);
        return new Installation(database, pin, label);
    }

    /// <summary>The test's own view of the token, as an auditor with the PIN would look at it.</summary>
    private static T WithToken<T>(Func<ISession, T> body)
    {
        var library = TestEnvironment.RequirePkcs11();
        var slot = Pkcs11Libraries.Get(library).GetSlotList(SlotsType.WithTokenPresent).Single(s => s.GetTokenInfo().Label.Trim() == TestEnvironment.Pkcs11Token);
        using var session = slot.OpenSession(SessionType.ReadWrite);
        try
        {
            session.Login(CKU.CKU_USER, TestEnvironment.Pkcs11Pin);
        }
        catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
        }

        return body(session);
    }

    private static List<IObjectHandle> KeysLabelled(ISession session, string label) =>
        session.FindAllObjects([Factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY), Factories.ObjectAttributeFactory.Create(CKA.CKA_LABEL, label)]);

    [Fact]
    public async Task NewInstallation_MasterKeyCreatedInTheTokenUnreadableAndNoKeyFile()
    {
        await using var install = await InstallAsync();

        var status = await CliRunner.RunAsync(install.Pin, CliRunner.On(install.Database, "keys", "status"));
        var (count, extractable, sensitive, valueReadable) = WithToken(session =>
        {
            var keys = KeysLabelled(session, install.Label);
            var attributes = session.GetAttributeValue(keys[0], [CKA.CKA_EXTRACTABLE, CKA.CKA_SENSITIVE, CKA.CKA_VALUE]);
            return (keys.Count, attributes[0].GetValueAsBool(), attributes[1].GetValueAsBool(), !attributes[2].CannotBeRead);
        });

        Assert.Equal(1, count);
        Assert.False(extractable);
        Assert.True(sensitive);
        Assert.False(valueReadable); // the token refuses to give the key's value out
        Assert.False(File.Exists(Path.Combine(install.Database.DataDirectory, "keys", MasterKeyStore.FileName)));
        Assert.Contains("p11-", status.Out);
        await using var db = install.Database.OpenContext();
        Assert.All(await db.DataKeys.AsNoTracking().ToListAsync(), k => Assert.StartsWith("p11-", k.MasterKeyId));
    }

    [Fact]
    public async Task ImportFindReveal_DataKeysUnwrappedByTheToken()
    {
        await using var install = await InstallAsync();
        var id = (await CliRunner.RunAsync(install.Pin, CliRunner.On(install.Database, "calls", "find", "--phone", "13800138000"))).Out.Trim().Split(' ')[0];

        var find = await CliRunner.RunAsync(install.Pin, CliRunner.On(install.Database, "calls", "find", "--phone", "+86 138-0013-8000"));
        var reveal = await CliRunner.RunAsync(install.Pin, CliRunner.On(install.Database, "calls", "reveal", id, "--reason", "客户来电核实"));

        Assert.Contains("138****8000", find.Out);
        Assert.Equal(0, reveal.ExitCode);
        Assert.Contains("13800138000", reveal.Out);
        Assert.Contains("王小明", reveal.Out);
    }

    [Fact]
    public async Task ExportSharesRecoverRotate_RefusedWithThePointerToTheTokensBackup()
    {
        await using var install = await InstallAsync();
        var folder = Path.Combine(install.Database.DataDirectory, "shares");

        var export = await CliRunner.RunAsync(install.Pin, CliRunner.On(install.Database, "keys", "export-shares", "--out", folder));
        var rotate = await CliRunner.RunAsync(install.Pin, CliRunner.On(install.Database, "keys", "rotate"));

        Assert.Equal(2, export.ExitCode);
        Assert.Contains("cannot leave it", export.Error);
        Assert.Contains("token's own procedure", export.Error);
        Assert.False(Directory.Exists(folder) && Directory.EnumerateFiles(folder).Any());
        Assert.Equal(2, rotate.ExitCode);
        Assert.Contains("cannot leave it", rotate.Error);
    }

    [Fact]
    public async Task AnotherKeyUnderTheLabel_EveryStartRefusedAndNothingWritten()
    {
        await using var install = await InstallAsync();
        await using (var db = install.Database.OpenContext())
        {
            Assert.NotEmpty(await db.DataKeys.ToListAsync());
        }

        // The attack: the key is destroyed and another generated under the same label (a swapped or re-initialised token).
        WithToken(session =>
        {
            foreach (var key in KeysLabelled(session, install.Label))
            {
                session.DestroyObject(key);
            }

            // As good a key as the product's own (sensitive, never extractable, same CKA_ID): only its value differs.
            return GenerateKey(session, install.Label, extractable: false);
        });
        string Snapshot()
        {
            using var db = install.Database.OpenContext();
            return string.Join('\n', db.DataKeys.AsNoTracking().OrderBy(k => k.Id).AsEnumerable().Select(k => $"{k.Id}|{k.MasterKeyId}|{Convert.ToHexString(k.WrappedKey ?? [])}"))
                + $"|audit={db.AuditEntries.Count()}";
        }

        var before = Snapshot();
        var find = await CliRunner.RunAsync(install.Pin, CliRunner.On(install.Database, "calls", "find", "--phone", "13800138000"));

        Assert.Equal(2, find.ExitCode);
        Assert.Contains("nothing was started or written", find.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task KeyRemovedFromTheToken_StartStopsAndNoNewKeyIsCreated()
    {
        await using var install = await InstallAsync();
        WithToken(session =>
        {
            KeysLabelled(session, install.Label).ForEach(session.DestroyObject);
            return 0;
        });

        var find = await CliRunner.RunAsync(install.Pin, CliRunner.On(install.Database, "calls", "find", "--phone", "13800138000"));

        Assert.Equal(2, find.ExitCode);
        Assert.Contains($"holds no key labelled '{install.Label}'", find.Error);
        Assert.Empty(WithToken(session => KeysLabelled(session, install.Label))); // never replaced by a new one
    }

    [Fact]
    public async Task ExtractableKeyPlantedUnderTheLabel_NotAdoptedAndNothingCreated()
    {
        var library = TestEnvironment.RequirePkcs11();
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var label = $"h95-plant-{Guid.NewGuid():N}"[..24];
        await File.WriteAllTextAsync(Path.Combine(database.DataDirectory, "hotline95.json"), System.Text.Json.JsonSerializer.Serialize(new
        {
            Keys = new { Pkcs11 = new { Library = library, Token = TestEnvironment.Pkcs11Token, KeyLabel = label } },
        }));
        // Someone with the user PIN plants a key whose value they can read, before the first start.
        WithToken(session => GenerateKey(session, label, extractable: true));

        var first = await CliRunner.RunAsync(new Dictionary<string, string?> { [Pkcs11Settings.PinVariable] = TestEnvironment.Pkcs11Pin },
            CliRunner.On(database, "lines", "add", "95528", "--name", "热线"));

        Assert.Equal(2, first.ExitCode);
        Assert.Contains("extractable", first.Error);
        Assert.Contains("Nothing was done", first.Error);
        Assert.Single(WithToken(session => KeysLabelled(session, label))); // no key of the product's beside it
        Assert.Equal(0, new FileInfo(database.DbArgument).Length); // not even migrated
    }

    private static IObjectHandle GenerateKey(ISession session, string label, bool extractable) =>
        session.GenerateKey(Factories.MechanismFactory.Create(CKM.CKM_AES_KEY_GEN),
        [
            Factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY), Factories.ObjectAttributeFactory.Create(CKA.CKA_KEY_TYPE, CKK.CKK_AES),
            Factories.ObjectAttributeFactory.Create(CKA.CKA_VALUE_LEN, 32), Factories.ObjectAttributeFactory.Create(CKA.CKA_TOKEN, true),
            Factories.ObjectAttributeFactory.Create(CKA.CKA_PRIVATE, true), Factories.ObjectAttributeFactory.Create(CKA.CKA_SENSITIVE, !extractable),
            Factories.ObjectAttributeFactory.Create(CKA.CKA_EXTRACTABLE, extractable),
            Factories.ObjectAttributeFactory.Create(CKA.CKA_ENCRYPT, true), Factories.ObjectAttributeFactory.Create(CKA.CKA_DECRYPT, true),
            Factories.ObjectAttributeFactory.Create(CKA.CKA_LABEL, label), Factories.ObjectAttributeFactory.Create(CKA.CKA_ID, new byte[16]),
        ]);

    [Fact]
    public async Task WrongPin_RefusedWithOneMessageNamingThePin()
    {
        await using var install = await InstallAsync();
        // In its own process: a PKCS#11 login is per process and token, and this test process is logged in already.
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "hotline95.dll"), "calls", "find", "--phone", "13800138000",
            "--db", install.Database.DbArgument, "--data", install.Database.DataDirectory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { [Pkcs11Settings.PinVariable] = "000000" },
        };
        using var process = Process.Start(info)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("refused the PIN", error);
        Assert.Contains(Pkcs11Settings.PinVariable, error);
    }
}
