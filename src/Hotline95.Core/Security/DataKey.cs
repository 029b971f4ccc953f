using Hotline95.Core.Common;

namespace Hotline95.Core.Security;

/// <summary>
/// The key that encrypts one enterprise's personal data for one month of calls, stored only wrapped
/// by the master key. Destroying it (crypto-shredding) makes that month unreadable at once.
/// </summary>
public sealed class DataKey : ITenantScoped
{
    public int Id { get; init; }
    public Guid EnterpriseId { get; init; }
    /// <summary>What the key encrypts (calls, complaints…): records kept for different periods never share a key.</summary>
    public string Purpose { get; init; } = DataKeyPurpose.Calls;
    /// <summary>First day of the month (Asia/Shanghai) whose records this key encrypts.</summary>
    public DateOnly Month { get; init; }
    /// <summary>nonce ‖ ciphertext ‖ tag of the 32-byte key under the master key; null once destroyed.</summary>
    public byte[]? WrappedKey { get; set; }
    public required string MasterKeyId { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RotatedAt { get; set; }
    public DateTimeOffset? DestroyedAt { get; set; }
}

/// <summary>The per-enterprise HMAC key of the phone-number blind index, wrapped like the data keys.</summary>
public sealed class BlindIndexKey : ITenantScoped
{
    public Guid EnterpriseId { get; init; }
    public required byte[] WrappedKey { get; set; }
    public required string MasterKeyId { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// The key of the audit chain's HMAC, wrapped like the data keys: recomputing the chain needs the master key. A new
/// segment of the chain (after a restore) gets a new key; <see cref="FromSequence"/> is the first entry it covers.
/// </summary>
public sealed class AuditKey
{
    public int Id { get; init; }
    public long FromSequence { get; init; }
    public required byte[] WrappedKey { get; set; }
    public required string MasterKeyId { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}

public static class DataKeyPurpose
{
    public const string Calls = "calls";
    public const string Complaints = "complaints";
    /// <summary>Uploaded dossier documents: kept until deleted by hand, so retention never destroys these keys.</summary>
    public const string Documents = "documents";
}
