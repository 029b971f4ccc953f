using System.Collections.Concurrent;
using System.Security.Cryptography;
using Hotline95.Core.Common;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Hotline95.Core.Security;

/// <summary>Where the master key lives when it is kept in a hardware security module: <c>Keys:Pkcs11:*</c>, the PIN from the environment.</summary>
public sealed record Pkcs11Settings(string Library, string Token, string KeyLabel, string? Pin)
{
    public const string PinVariable = "HOTLINE95_PKCS11_PIN";
    public const string DefaultKeyLabel = "hotline95-master";

    /// <summary>Never the PIN.</summary>
    public override string ToString() => $"PKCS#11 {Library}, token '{Token}', key '{KeyLabel}'";
}

/// <summary>A PKCS#11 library is initialised once per process (a second C_Initialize fails): one instance per path, for the process's life.</summary>
public static class Pkcs11Libraries
{
    private static readonly ConcurrentDictionary<string, Lazy<IPkcs11Library>> Loaded = new(StringComparer.Ordinal);

    /// <summary>
    /// Pkcs11Interop opens the vendor library through dlopen from "libdl"; since glibc 2.34 only "libdl.so.2" exists (the
    /// functions live in libc), so the name is resolved here, once for the process.
    /// </summary>
    static Pkcs11Libraries()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            System.Runtime.InteropServices.NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, (name, assembly, path) =>
                name == "libdl" && (System.Runtime.InteropServices.NativeLibrary.TryLoad("libdl.so.2", assembly, path, out var handle)
                    || System.Runtime.InteropServices.NativeLibrary.TryLoad("libc.so.6", assembly, path, out handle)) ? handle : IntPtr.Zero);
        }
        catch (InvalidOperationException)
        {
            // A resolver is set already (by the host): it decides.
        }
    }

    public static Pkcs11InteropFactories Factories { get; } = new();

    /// <summary>Loaded (and C_Initialize'd) once per path, whoever asks first; never finalised.</summary>
    public static IPkcs11Library Get(string path) =>
        Loaded.GetOrAdd(path, p => new Lazy<IPkcs11Library>(() => Factories.Pkcs11LibraryFactory.LoadPkcs11Library(Factories, p, AppType.MultiThreaded))).Value;
}

/// <summary>
/// The master key inside a PKCS#11 token (an HSM; SoftHSM2 in the tests): generated there as a sensitive, non-extractable
/// AES-256 key, it never leaves it. Data keys are wrapped and unwrapped by the token with AES-256-GCM (the same layout as a
/// file key's: nonce ‖ ciphertext ‖ tag, the context as associated data), and then used in process memory, so bulk sealing
/// keeps its speed. One session, used under a lock: wraps are rare (a data key per enterprise, purpose and month).
/// </summary>
public sealed class Pkcs11Token : IDisposable
{
    private static readonly Pkcs11InteropFactories Factories = Pkcs11Libraries.Factories;

    private readonly Lock _lock = new();
    private readonly ISession _session;
    private readonly string _serial;

    public Pkcs11Settings Settings { get; }

    private Pkcs11Token(Pkcs11Settings settings, ISession session, string serial)
    {
        Settings = settings;
        _session = session;
        _serial = serial;
    }

    /// <summary>Opens a session on the token and logs in; a wrong library, token or PIN is an error naming it.</summary>
    public static Result<Pkcs11Token> Open(Pkcs11Settings settings)
    {
        if (string.IsNullOrEmpty(settings.Pin))
        {
            return Error.Validation(Pkcs11Settings.PinVariable, "PKCS11_PIN_MISSING", ("token", settings.Token), ("variable", Pkcs11Settings.PinVariable));
        }

        try
        {
            var library = Pkcs11Libraries.Get(settings.Library);
            var slot = library.GetSlotList(SlotsType.WithTokenPresent).FirstOrDefault(s => s.GetTokenInfo().Label.Trim() == settings.Token);
            if (slot is null)
            {
                return Error.Validation("Keys:Pkcs11:Token", "PKCS11_TOKEN_MISSING", ("token", settings.Token), ("library", settings.Library));
            }

            var session = slot.OpenSession(SessionType.ReadWrite);
            try
            {
                session.Login(CKU.CKU_USER, settings.Pin);
            }
            catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
            {
                // Another session of this process logged the token in: the login is per token, not per session.
            }
            catch
            {
                session.Dispose();
                throw;
            }

            return new Pkcs11Token(settings, session, slot.GetTokenInfo().SerialNumber.Trim());
        }
        catch (Pkcs11Exception ex) when (ex.RV is CKR.CKR_PIN_INCORRECT or CKR.CKR_PIN_LOCKED)
        {
            return Error.Validation(Pkcs11Settings.PinVariable, "PKCS11_PIN_WRONG", ("token", settings.Token), ("variable", Pkcs11Settings.PinVariable), ("cause", ex.RV.ToString()));
        }
        catch (Exception ex) when (ex is Pkcs11Exception or UnmanagedException or DllNotFoundException or LibraryArchitectureException)
        {
            return Error.Validation("Keys:Pkcs11:Library", "PKCS11_UNAVAILABLE", ("library", settings.Library), ("cause", ex.Message));
        }
    }

    /// <summary>
    /// The master key's id, from a check value the token computes (AES-GCM of zeros under a nonce and associated data used
    /// for nothing else): the same key has the same id in any token, after a restore or a relabelling, and another key under
    /// the label has another id. Never the key's value, which cannot be read.
    /// </summary>
    public string KeyId(IObjectHandle key)
    {
        lock (_lock)
        {
            var check = _session.Encrypt(Mechanism(new byte[12], "h95:master-key-check"), key, new byte[32]);
            return "p11-" + Convert.ToHexStringLower(SHA256.HashData(check))[..12];
        }
    }

    /// <summary>Every secret key under the label (more than one is refused by the store).</summary>
    public List<IObjectHandle> FindKeys()
    {
        lock (_lock)
        {
            return _session.FindAllObjects(
            [
                Factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
                Factories.ObjectAttributeFactory.Create(CKA.CKA_LABEL, Settings.KeyLabel),
            ]);
        }
    }

    /// <summary>Why this key must not be the master key (not AES-256, readable, or ever extractable), or null.</summary>
    public string? Unfit(IObjectHandle key)
    {
        lock (_lock)
        {
            var a = _session.GetAttributeValue(key, [CKA.CKA_KEY_TYPE, CKA.CKA_VALUE_LEN, CKA.CKA_SENSITIVE, CKA.CKA_EXTRACTABLE, CKA.CKA_NEVER_EXTRACTABLE]);
            return a[0].GetValueAsUlong() != (ulong)CKK.CKK_AES || a[1].GetValueAsUlong() != 32 ? "it is not an AES-256 key"
                : !a[2].GetValueAsBool() || a[3].GetValueAsBool() || !a[4].GetValueAsBool() ? "it is (or once was) extractable or not sensitive: its value may exist outside the token"
                : null;
        }
    }

    /// <summary>A new AES-256 key in the token: sensitive and non-extractable, for encrypting and decrypting only.</summary>
    public IObjectHandle GenerateKey()
    {
        lock (_lock)
        {
            var id = _session.GenerateRandom(16);
            return _session.GenerateKey(Factories.MechanismFactory.Create(CKM.CKM_AES_KEY_GEN),
            [
                Factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
                Factories.ObjectAttributeFactory.Create(CKA.CKA_KEY_TYPE, CKK.CKK_AES),
                Factories.ObjectAttributeFactory.Create(CKA.CKA_VALUE_LEN, 32),
                Factories.ObjectAttributeFactory.Create(CKA.CKA_TOKEN, true),
                Factories.ObjectAttributeFactory.Create(CKA.CKA_PRIVATE, true),
                Factories.ObjectAttributeFactory.Create(CKA.CKA_SENSITIVE, true),
                Factories.ObjectAttributeFactory.Create(CKA.CKA_EXTRACTABLE, false),
                Factories.ObjectAttributeFactory.Create(CKA.CKA_ENCRYPT, true),
                Factories.ObjectAttributeFactory.Create(CKA.CKA_DECRYPT, true),
                Factories.ObjectAttributeFactory.Create(CKA.CKA_WRAP, false),
                Factories.ObjectAttributeFactory.Create(CKA.CKA_UNWRAP, false),
                Factories.ObjectAttributeFactory.Create(CKA.CKA_MODIFIABLE, false),
                Factories.ObjectAttributeFactory.Create(CKA.CKA_LABEL, Settings.KeyLabel),
                Factories.ObjectAttributeFactory.Create(CKA.CKA_ID, id),
            ]);
        }
    }

    public void Destroy(IObjectHandle key)
    {
        lock (_lock)
        {
            _session.DestroyObject(key);
        }
    }

    /// <summary>AES-256-GCM by the token: nonce(12) ‖ ciphertext ‖ tag(16).</summary>
    public byte[] Wrap(IObjectHandle master, byte[] key, string context)
    {
        var nonce = RandomNumberGenerator.GetBytes(12);
        lock (_lock)
        {
            var sealedKey = _session.Encrypt(Mechanism(nonce, context), master, key);
            return [.. nonce, .. sealedKey];
        }
    }

    /// <summary>The key in clear, in process memory; a wrong key or a changed context fails as with a file key.</summary>
    public byte[] Unwrap(IObjectHandle master, byte[] wrapped, string context)
    {
        lock (_lock)
        {
            try
            {
                return _session.Decrypt(Mechanism(wrapped[..12], context), master, wrapped[12..]);
            }
            catch (Pkcs11Exception ex) when (ex.RV is CKR.CKR_ENCRYPTED_DATA_INVALID or CKR.CKR_ENCRYPTED_DATA_LEN_RANGE)
            {
                throw new AuthenticationTagMismatchException($"the token's master key does not open this key ({ex.RV}).");
            }
        }
    }

    private static IMechanism Mechanism(byte[] nonce, string context) =>
        Factories.MechanismFactory.Create(CKM.CKM_AES_GCM,
            Factories.MechanismParamsFactory.CreateCkGcmParams(nonce, 96, System.Text.Encoding.UTF8.GetBytes(context), 128));

    public void Dispose()
    {
        lock (_lock)
        {
            _session.Dispose();
        }
    }
}
