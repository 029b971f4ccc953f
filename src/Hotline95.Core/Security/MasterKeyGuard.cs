using System.Security.Cryptography;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Security;

public enum MasterKeyState
{
    /// <summary>The configured key opens every stored key.</summary>
    Verified,
    /// <summary>A brand-new installation (no wrapped key): a master key was created.</summary>
    Created,
    /// <summary>A brand-new installation with no key yet, and this command may not create one.</summary>
    NoneYet,
}

/// <summary>
/// Runs before a command or the server writes anything: a master key is created only for an installation that holds no
/// wrapped key; otherwise the configured key must open every stored data and blind-index key, or the start stops with
/// one message saying what is wrong and how to recover. (A wrong or missing key used to be replaced silently, and the
/// keys written under the stand-in then blocked their month once the right key was back.)
/// </summary>
public sealed class MasterKeyGuard(MasterKeyStore store, KeyRing ring)
{
    public const string MismatchCode = "MASTER_KEY_MISMATCH";

    /// <param name="db">The installation's database; <paramref name="migrated"/> false when it has no tables yet.</param>
    /// <param name="mayCreate">Whether this command may create the key of a brand-new installation.</param>
    public async Task<Result<MasterKeyState>> EnsureAsync(Hotline95DbContext db, bool migrated, bool mayCreate, CancellationToken ct)
    {
        var wrapped = migrated ? await WrappedKeysAsync(db, ct) : [];
        if (wrapped.Count == 0 && !store.Exists)
        {
            if (!mayCreate)
            {
                return MasterKeyState.NoneYet;
            }

            var created = store.Create();
            ring.Forget();
            if (created.IsSuccess)
            {
                ring.Trust(created.Value.Id);
            }

            return created.IsSuccess ? MasterKeyState.Created : created.Error;
        }

        var loaded = store.Load();
        if (!loaded.IsSuccess)
        {
            return wrapped.Count == 0 ? loaded.Error : loaded.Error with
            {
                Addendum = Phrase.Of("masterKey.heldKeys", ("count", wrapped.Count), ("masterKey", Describe(wrapped))),
            };
        }

        var configured = loaded.Value;
        var foreign = wrapped.Where(w => configured.All(m => m.Id != w.MasterKeyId)).ToList();
        if (foreign.Count > 0)
        {
            var opened = wrapped.Count - foreign.Count;
            return Error.Validation(KeyOptions.MasterKeyVariable, MismatchCode, ("reason", Phrase.Of("masterKey.doesNotOpen",
                ("masterKey", configured[0].Id), ("source", store.FromEnvironment ? KeyOptions.MasterKeyVariable : store.KeyFile), ("count", foreign.Count),
                ("total", wrapped.Count), ("keys", Describe(foreign)),
                ("advice", opened == 0 ? Phrase.Of("masterKey.adviceRestore", ("variable", KeyOptions.MasterKeyVariable)) : Phrase.Of("masterKey.adviceDoctor")))));
        }

        // The ids are fingerprints of the key material, so a match means the same key; opening one proves the stored bytes too.
        foreach (var sample in wrapped.GroupBy(w => w.MasterKeyId).Select(g => g.First()))
        {
            try
            {
                KeyWrap.Unwrap(configured.First(m => m.Id == sample.MasterKeyId), sample.Wrapped, sample.Context);
            }
            catch (CryptographicException)
            {
                return Error.Validation(KeyOptions.MasterKeyVariable, MismatchCode, ("reason", Phrase.Of("masterKey.tableAltered", ("key", sample.What), ("masterKey", sample.MasterKeyId))));
            }
        }

        ring.Trust(configured[0].Id);
        return MasterKeyState.Verified;
    }

    /// <summary>Every stored wrapped key (data keys not destroyed, and blind-index keys).</summary>
    public static async Task<List<WrappedKey>> WrappedKeysAsync(Hotline95DbContext db, CancellationToken ct)
    {
        var data = await db.DataKeys.AsNoTracking().Where(k => k.WrappedKey != null).ToListAsync(ct);
        var blind = await db.BlindIndexKeys.AsNoTracking().ToListAsync(ct);
        // The guard runs before pending migrations: a database from before the audit key has no audit_keys table yet.
        List<AuditKey> audit;
        try
        {
            audit = await db.AuditKeys.AsNoTracking().ToListAsync(ct);
        }
        catch (System.Data.Common.DbException)
        {
            audit = [];
        }
        return
        [
            .. audit.Select(k => new WrappedKey($"audit-key:{k.Id}", k.MasterKeyId, k.WrappedKey, KeyWrap.AuditKeyContext(k.Id), null)),
            .. data.Select(k => new WrappedKey($"data-key:{k.Id} ({k.Purpose} {k.Month:yyyy-MM})", k.MasterKeyId, k.WrappedKey!, KeyWrap.DataKeyContext(k.EnterpriseId, k.Purpose, k.Month), k.Id)),
            .. blind.Select(k => new WrappedKey($"blind-index-key:{k.EnterpriseId:N}", k.MasterKeyId, k.WrappedKey, KeyWrap.BlindKeyContext(k.EnterpriseId), null)),
        ];
    }

    private static string Describe(IReadOnlyList<WrappedKey> keys) =>
        string.Join("; ", keys.GroupBy(k => k.MasterKeyId).Select(g => $"{g.Count()} wrapped by {g.Key} (e.g. {g.First().What})"));
}

/// <summary>One stored wrapped key: what it is, the master key that wrapped it, and its bytes and context.</summary>
public sealed record WrappedKey(string What, string MasterKeyId, byte[] Wrapped, string Context, int? DataKeyId);
