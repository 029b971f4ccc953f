using System.Security.Cryptography;
using System.Text;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Logging;

namespace Hotline95.Core.Security;

/// <summary>
/// A key that signs sign-in cookies (an ASP.NET data-protection key, as its XML), kept in the database so that every
/// node accepts every node's cookies. The XML is encrypted (AES-256-GCM) under a key of its own, and that key is
/// stored only wrapped by the master key: reading the database does not let anyone forge a cookie.
/// </summary>
public sealed class SessionKey
{
    /// <summary>The data-protection key's own name ("key-&lt;guid&gt;").</summary>
    public required string Name { get; init; }
    /// <summary>nonce ‖ ciphertext ‖ tag of this row's 32-byte key under the master key.</summary>
    public required byte[] WrappedKey { get; set; }
    public required string MasterKeyId { get; set; }
    /// <summary>nonce ‖ ciphertext ‖ tag of the key's XML under this row's key.</summary>
    public required byte[] Sealed { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public static string Context(string name) => $"h95:session-key:{name}";
}

internal sealed class SessionKeyConfiguration : IEntityTypeConfiguration<SessionKey>
{
    public void Configure(EntityTypeBuilder<SessionKey> e)
    {
        e.ToTable("session_keys");
        e.HasKey(x => x.Name);
        e.Property(x => x.Name).HasMaxLength(64);
        e.Property(x => x.MasterKeyId).HasMaxLength(16);
    }
}

/// <summary>Reads and writes <see cref="SessionKey"/> rows (the data-protection key repository calls it, synchronously).</summary>
public sealed class SessionKeyStore(IDbContextFactory<Hotline95DbContext> dbFactory, KeyRing keys, TimeProvider clock, ILogger<SessionKeyStore> log)
{
    /// <summary>The XML of every key this installation's master key opens; a row it cannot open is skipped and logged.</summary>
    public IReadOnlyList<string> ReadAll()
    {
        using var db = dbFactory.CreateDbContext();
        var result = new List<string>();
        foreach (var row in db.SessionKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToList())
        {
            try
            {
                var key = KeyWrap.Unwrap(keys.MasterFor(row.MasterKeyId), row.WrappedKey, SessionKey.Context(row.Name));
                result.Add(Encoding.UTF8.GetString(Open(key, row.Sealed, row.Name)));
            }
            catch (Exception ex) when (ex is CryptographicException or MasterKeyMismatchException or InvalidOperationException)
            {
                log.LogWarning("Sign-in key {Name} cannot be opened with the configured master key ({Error}); sessions it signed are not accepted", row.Name, ex.Message);
            }
        }

        return result;
    }

    /// <summary>Stores a new key's XML (a name already stored is kept as it is: keys never change once written).</summary>
    public void Store(string name, string xml)
    {
        var master = keys.Master();
        if (!master.IsSuccess)
        {
            throw new InvalidOperationException(master.Error.Message);
        }

        var key = RandomNumberGenerator.GetBytes(32);
        using var db = dbFactory.CreateDbContext();
        if (db.SessionKeys.Any(k => k.Name == name))
        {
            return;
        }

        db.SessionKeys.Add(new SessionKey
        {
            Name = name,
            WrappedKey = KeyWrap.Wrap(master.Value, key, SessionKey.Context(name)),
            MasterKeyId = master.Value.Id,
            Sealed = Seal(key, Encoding.UTF8.GetBytes(xml), name),
            CreatedAt = clock.GetUtcNow(),
        });
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateException) when (db.SessionKeys.AsNoTracking().Any(k => k.Name == name))
        {
            // Another node stored the same key first.
        }
    }

    private static byte[] Seal(byte[] key, byte[] plain, string name)
    {
        var output = new byte[12 + plain.Length + 16];
        RandomNumberGenerator.Fill(output.AsSpan(0, 12));
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(output.AsSpan(0, 12), plain, output.AsSpan(12, plain.Length), output.AsSpan(12 + plain.Length), Encoding.UTF8.GetBytes(SessionKey.Context(name)));
        return output;
    }

    private static byte[] Open(byte[] key, byte[] sealedBytes, string name)
    {
        var plain = new byte[sealedBytes.Length - 28];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(12, plain.Length), sealedBytes.AsSpan(12 + plain.Length), plain, Encoding.UTF8.GetBytes(SessionKey.Context(name)));
        return plain;
    }
}
