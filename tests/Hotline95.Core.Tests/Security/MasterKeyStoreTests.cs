using System.Security.Cryptography;
using Hotline95.Core.Security;

namespace Hotline95.Core.Tests.Security;

public sealed class MasterKeyStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("h95-keys-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_PreviousKeyInTheEnvironment_LoadedAfterTheCurrentOne()
    {
        var (current, previous) = (Key(), Key());
        var store = new MasterKeyStore(_directory, Environment(current, previous));

        var loaded = store.Load();

        Assert.True(loaded.IsSuccess);
        Assert.Equal([MasterKey.From(current).Id, MasterKey.From(previous).Id], loaded.Value.Select(k => k.Id));
    }

    [Fact]
    public void Load_PreviousKeyInTheEnvironmentMalformed_RefusedNamingTheVariable()
    {
        var store = new MasterKeyStore(_directory, Environment(Key(), "not a key"));

        var loaded = store.Load();

        Assert.False(loaded.IsSuccess);
        Assert.Equal("MASTER_KEY_INVALID", loaded.Error.Code);
        Assert.Equal(KeyOptions.PreviousMasterKeyVariable, loaded.Error.Field);
    }

    [Fact]
    public void KeepPrevious_FileMode_ReadBesideTheCurrentKeyUntilForgotten()
    {
        var store = new MasterKeyStore(_directory, _ => null);
        var current = store.Create().Value;
        var previous = MasterKey.From(RandomNumberGenerator.GetBytes(32));

        var kept = store.KeepPrevious(previous);
        var withPrevious = store.Load().Value.Select(k => k.Id).ToList();
        store.ForgetPrevious();

        Assert.Equal(store.PreviousFile, kept);
        Assert.Equal([current.Id, previous.Id], withPrevious);
        Assert.Equal([current.Id], store.Load().Value.Select(k => k.Id));
        Assert.False(File.Exists(store.PreviousFile));
    }

    [Fact]
    public void KeepPrevious_FromTheEnvironment_WritesNothing()
    {
        var store = new MasterKeyStore(_directory, Environment(Key(), (string?)null));

        Assert.Null(store.KeepPrevious(MasterKey.From(RandomNumberGenerator.GetBytes(32))));
        Assert.Empty(Directory.GetFiles(_directory));
    }

    private static byte[] Key() => RandomNumberGenerator.GetBytes(32);

    private static Func<string, string?> Environment(byte[] current, byte[] previous) => Environment(current, Convert.ToBase64String(previous));

    private static Func<string, string?> Environment(byte[] current, string? previous) => name => name switch
    {
        KeyOptions.MasterKeyVariable => Convert.ToBase64String(current),
        KeyOptions.PreviousMasterKeyVariable => previous,
        _ => null,
    };
}
