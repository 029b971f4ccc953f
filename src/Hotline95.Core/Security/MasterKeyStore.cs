using System.Security.Cryptography;
using Hotline95.Core.Common;

namespace Hotline95.Core.Security;

/// <summary>
/// A master key and its fingerprint (the id stored beside everything it wraps): its bytes, or, for a key in a PKCS#11
/// token, the token and the key's handle (its bytes never leave the token; <see cref="Material"/> is empty).
/// </summary>
public sealed record MasterKey(string Id, byte[] Material)
{
    public Pkcs11Token? Token { get; init; }
    public Net.Pkcs11Interop.HighLevelAPI.IObjectHandle? Handle { get; init; }

    public bool InToken => Token is not null;

    public static MasterKey From(byte[] material) =>
        new(Convert.ToHexStringLower(SHA256.HashData(material))[..16], material);

    public static MasterKey InHsm(Pkcs11Token token, Net.Pkcs11Interop.HighLevelAPI.IObjectHandle handle) =>
        new(token.KeyId(handle), []) { Token = token, Handle = handle };
}

/// <summary>
/// Where the master key lives: <c>HOTLINE95_MASTER_KEY</c> (base64 of 32 bytes), or the file
/// <c>&lt;data&gt;/keys/master.key</c> (mode 0600). It is never created on a whim: only <see cref="Create"/> writes a
/// new one, and <see cref="MasterKeyGuard"/> calls it only for an installation that holds no wrapped key. During a
/// rotation the new key is written beside it as <c>master.key.next</c> first, so a crash never loses a key.
/// </summary>
public sealed class MasterKeyStore(string keyDirectory, Func<string, string?> environment, Pkcs11Settings? pkcs11 = null) : IDisposable
{
    private Pkcs11Token? _token;

    /// <summary>The master key is kept in a PKCS#11 token (Keys:Pkcs11:Library set), not in a file or the environment.</summary>
    public bool InToken => pkcs11 is not null;

    /// <summary>Where the key is, for messages: the token and label, the variable, or the file.</summary>
    public string Location => pkcs11 is { } p ? $"PKCS#11 token '{p.Token}', key '{p.KeyLabel}'" : FromEnvironment ? KeyOptions.MasterKeyVariable : KeyFile;

    private readonly Lock _tokenLock = new();
    private Error? _tokenFailure;

    /// <summary>
    /// The token, opened once. A failure is kept for the life of the process: a wrong PIN is tried once per start, never
    /// again and again (tokens lock their PIN after a few failures).
    /// </summary>
    private Result<Pkcs11Token> Token()
    {
        lock (_tokenLock)
        {
            if (_token is not null)
            {
                return _token;
            }

            if (_tokenFailure is not null)
            {
                return _tokenFailure;
            }

            var opened = Pkcs11Token.Open(pkcs11!);
            if (opened.IsSuccess)
            {
                _token = opened.Value;
            }
            else
            {
                _tokenFailure = opened.Error;
            }

            return opened;
        }
    }

    /// <summary>The key under the label, checked fit to be the master key; one message for every way it is not.</summary>
    private Result<MasterKey?> TokenKey()
    {
        var token = Token();
        if (!token.IsSuccess)
        {
            return token.Error;
        }

        var p = pkcs11!;
        try
        {
            var keys = token.Value.FindKeys();
            if (keys.Count == 0)
            {
                return (MasterKey?)null;
            }

            if (keys.Count > 1)
            {
                return Error.Validation("Keys:Pkcs11:KeyLabel", "MASTER_KEY_AMBIGUOUS", ("token", p.Token), ("count", keys.Count), ("label", p.KeyLabel));
            }

            if (token.Value.Unfit(keys[0]) is { } unfit)
            {
                return Error.Validation("Keys:Pkcs11:KeyLabel", "MASTER_KEY_UNFIT", ("label", p.KeyLabel), ("token", p.Token), ("cause", unfit));
            }

            return MasterKey.InHsm(token.Value, keys[0]);
        }
        catch (Net.Pkcs11Interop.Common.Pkcs11Exception ex)
        {
            return Error.Validation("Keys:Pkcs11", "PKCS11_FAILED", ("token", p.Token), ("cause", ex.RV.ToString()));
        }
    }

    /// <summary>Refused for a key in a token: its bytes cannot leave it, by design.</summary>
    public Error? RefuseInToken(string what) => pkcs11 is { } p
        ? Error.Validation("Keys:Pkcs11", "MASTER_KEY_IN_HSM", ("what", what), ("token", p.Token))
        : null;

    public const string FileName = "master.key";
    private const string NextFileName = "master.key.next";
    private const string PreviousFileName = "master.key.previous";

    public string KeyFile => Path.Combine(keyDirectory, FileName);

    public bool FromEnvironment => pkcs11 is null && !string.IsNullOrWhiteSpace(environment(KeyOptions.MasterKeyVariable));

    /// <summary>True when a master key is configured (the variable, or the key file).</summary>
    public bool Exists => pkcs11 is not null ? TokenKey() is not { IsSuccess: true, Value: null } : FromEnvironment || File.Exists(KeyFile);

    /// <summary>Creates a new master key file (0600, directory 0700). Refused when a key is configured already.</summary>
    public Result<MasterKey> Create()
    {
        if (Exists)
        {
            return Error.Conflict("MASTER_KEY_EXISTS", ("reason", Phrase.Of("masterKey.configuredAt", ("where", FromEnvironment ? KeyOptions.MasterKeyVariable : KeyFile))));
        }

        if (pkcs11 is { } p)
        {
            var token = Token();
            if (!token.IsSuccess)
            {
                return token.Error;
            }

            var created = token.Value.GenerateKey();
            if (token.Value.FindKeys().Count > 1)
            {
                // Another first start generated one at the same moment: keep one key under the label, theirs.
                token.Value.Destroy(created);
                return Error.Conflict("MASTER_KEY_EXISTS", ("reason", Phrase.Of("masterKey.createdMeanwhile", ("token", p.Token))));
            }

            return MasterKey.InHsm(token.Value, created);
        }

        return Write(RandomNumberGenerator.GetBytes(32));
    }

    /// <summary>Writes <paramref name="material"/> as the key file (a key recovered from shares). Refused when a key is configured already.</summary>
    public Result<MasterKey> Install(byte[] material)
    {
        if (RefuseInToken("keys recover") is { } inToken)
        {
            return inToken;
        }

        if (Exists)
        {
            return Error.Conflict("MASTER_KEY_EXISTS", ("reason", Phrase.Of("masterKey.configuredAt", ("where", FromEnvironment ? KeyOptions.MasterKeyVariable : KeyFile))));
        }

        return Write(material);
    }

    private Result<MasterKey> Write(byte[] material)
    {
        try
        {
            CreatePrivateDirectory(keyDirectory);
            WriteKeyFile(KeyFile, material);
            return MasterKey.From(material);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Error.Validation("--data", "MASTER_KEY_UNWRITABLE", ("directory", keyDirectory), ("cause", ex.Message));
        }
    }

    /// <summary>A directory only the owner can enter (0700).</summary>
    public static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>
    /// The current master key, and during an interrupted rotation the next one too; after a rotation whose last pass
    /// failed, the previous one too (<see cref="KeepPrevious"/>).
    /// </summary>
    public Result<IReadOnlyList<MasterKey>> Load()
    {
        if (pkcs11 is { } p)
        {
            var key = TokenKey();
            if (!key.IsSuccess)
            {
                return key.Error;
            }

            return key.Value is { } found
                ? new List<MasterKey> { found }
                : Error.Validation("Keys:Pkcs11:KeyLabel", "MASTER_KEY_MISSING", ("reason", Phrase.Of("masterKey.notInToken", ("token", p.Token), ("label", p.KeyLabel))));
        }

        var env = environment(KeyOptions.MasterKeyVariable);
        if (!string.IsNullOrWhiteSpace(env))
        {
            var material = Decode(env.Trim());
            if (material is null)
            {
                return Error.Validation(KeyOptions.MasterKeyVariable, "MASTER_KEY_INVALID", ("source", KeyOptions.MasterKeyVariable));
            }

            var fromEnvironment = new List<MasterKey> { MasterKey.From(material) };
            if (environment(KeyOptions.PreviousMasterKeyVariable) is { } previousText && !string.IsNullOrWhiteSpace(previousText))
            {
                if (Decode(previousText.Trim()) is not { } previous)
                {
                    return Error.Validation(KeyOptions.PreviousMasterKeyVariable, "MASTER_KEY_INVALID", ("source", KeyOptions.PreviousMasterKeyVariable));
                }

                fromEnvironment.Add(MasterKey.From(previous));
            }

            return fromEnvironment;
        }

        try
        {
            if (!File.Exists(KeyFile))
            {
                return Error.Validation("--data", "MASTER_KEY_MISSING", ("reason", Phrase.Of("masterKey.noFile", ("file", KeyFile), ("variable", KeyOptions.MasterKeyVariable))));
            }

            var keys = new List<MasterKey>();
            foreach (var file in new[] { KeyFile, Path.Combine(keyDirectory, NextFileName), PreviousFile }.Where(File.Exists))
            {
                var material = Decode(File.ReadAllText(file).Trim());
                if (material is null)
                {
                    return Error.Validation("--data", "MASTER_KEY_INVALID", ("source", file));
                }

                keys.Add(MasterKey.From(material));
            }

            return keys;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Error.Validation("--data", "MASTER_KEY_UNREADABLE", ("directory", keyDirectory), ("cause", ex.Message));
        }
    }

    /// <summary>Step 1 of a rotation: the next key is on disk before anything is wrapped with it.</summary>
    public MasterKey PrepareNext()
    {
        if (RefuseInToken("keys rotate") is { } inToken)
        {
            throw new InvalidOperationException(inToken.Message);
        }

        var key = MasterKey.From(RandomNumberGenerator.GetBytes(32));
        if (!FromEnvironment)
        {
            WriteKeyFile(Path.Combine(keyDirectory, NextFileName), key.Material);
        }

        return key;
    }

    /// <summary>
    /// Held for the whole of a rotation in file mode: an exclusive lock on <c>keys/rotation.lock</c>, so that two rotations
    /// (two shells, two nodes sharing the key directory) never write one <c>master.key.next</c> over the other's. Refused,
    /// not waited for, while another holds it. From the environment nothing is written here and nothing is locked (the
    /// database's lock orders the rotations there).
    /// </summary>
    public Result<IDisposable> LockRotation()
    {
        if (FromEnvironment || InToken)
        {
            return Result<IDisposable>.Success(new NoLock());
        }

        var path = Path.Combine(keyDirectory, RotationLockFileName);
        try
        {
            CreatePrivateDirectory(keyDirectory);
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            return Result<IDisposable>.Success(new FileStream(path, options));
        }
        catch (IOException ex) when (File.Exists(path))
        {
            return Error.Conflict("KEYS_ROTATION_RUNNING", ("lock", path), ("cause", ex.Message));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Error.Validation("--data", "MASTER_KEY_UNWRITABLE", ("directory", keyDirectory), ("cause", ex.Message));
        }
    }

    private const string RotationLockFileName = "rotation.lock";

    private sealed class NoLock : IDisposable
    {
        public void Dispose()
        {
        }
    }

    /// <summary>
    /// The key a rotation left in <c>master.key.next</c> without making it current (it stopped between its commit and the
    /// rename, or while committing); null when there is none (always from the environment).
    /// </summary>
    public Result<MasterKey?> PendingNext()
    {
        var path = Path.Combine(keyDirectory, NextFileName);
        if (FromEnvironment || InToken || !File.Exists(path))
        {
            return (MasterKey?)null;
        }

        return Decode(File.ReadAllText(path).Trim()) is { } material
            ? MasterKey.From(material)
            : Error.Validation("--data", "MASTER_KEY_INVALID", ("source", path));
    }

    /// <summary>
    /// Removes <c>master.key.next</c> when it holds <paramref name="next"/>, a key nothing stored is wrapped by (the rotation
    /// that wrote it did not commit). Any other key there is left alone.
    /// </summary>
    public void DiscardNext(MasterKey next)
    {
        if (PendingNext() is { IsSuccess: true, Value: { } pending } && pending.Id == next.Id)
        {
            File.Delete(Path.Combine(keyDirectory, NextFileName));
        }
    }

    /// <summary>Step 3: once every wrapped key uses the next key, it becomes the current one and the old key is gone.</summary>
    public void CommitNext()
    {
        if (!FromEnvironment)
        {
            File.Move(Path.Combine(keyDirectory, NextFileName), KeyFile, overwrite: true);
        }
    }

    /// <summary>Where <see cref="KeepPrevious"/> keeps the previous master key in file mode.</summary>
    public string PreviousFile => Path.Combine(keyDirectory, PreviousFileName);

    /// <summary>
    /// After a rotation has committed but keys made while it ran could not be re-wrapped: the previous master key is kept
    /// (file mode: <see cref="PreviousFile"/>, 0600, read by every process beside the current key) so that those keys still
    /// open until the next rotation re-wraps them. Returns where it is; null from the environment, where the operator
    /// still holds it and gives it as <see cref="KeyOptions.PreviousMasterKeyVariable"/>.
    /// </summary>
    public string? KeepPrevious(MasterKey previous)
    {
        if (FromEnvironment || InToken)
        {
            return null;
        }

        WriteKeyFile(PreviousFile, previous.Material);
        return PreviousFile;
    }

    /// <summary>Once no stored key needs it (a rotation re-wrapped everything): the previous master key is removed.</summary>
    public void ForgetPrevious()
    {
        if (!FromEnvironment && !InToken)
        {
            File.Delete(PreviousFile);
        }
    }

    public static string Encode(byte[] material) => Convert.ToBase64String(material);

    private static byte[]? Decode(string text)
    {
        try
        {
            var bytes = Convert.FromBase64String(text);
            return bytes.Length == 32 ? bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static void WriteKeyFile(string path, byte[] material)
    {
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // 0600 from the first byte
        }

        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Encode(material));
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        try
        {
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp); // no copy of a key left under another name
            throw;
        }
    }

    public void Dispose() => _token?.Dispose();
}
