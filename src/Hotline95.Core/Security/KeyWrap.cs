using System.Security.Cryptography;

namespace Hotline95.Core.Security;

/// <summary>AES-256-GCM wrapping of a 32-byte key: nonce(12) ‖ ciphertext(32) ‖ tag(16); by the token when the master key is in one.</summary>
public static class KeyWrap
{
    public static byte[] Wrap(MasterKey master, byte[] key, string context)
    {
        if (master.Token is { } token)
        {
            return token.Wrap(master.Handle!, key, context);
        }

        var output = new byte[12 + key.Length + 16];
        RandomNumberGenerator.Fill(output.AsSpan(0, 12));
        using var aes = new AesGcm(master.Material, 16);
        aes.Encrypt(output.AsSpan(0, 12), key, output.AsSpan(12, key.Length), output.AsSpan(12 + key.Length), System.Text.Encoding.UTF8.GetBytes(context));
        return output;
    }

    public static byte[] Unwrap(MasterKey master, byte[] wrapped, string context)
    {
        if (master.Token is { } token)
        {
            return token.Unwrap(master.Handle!, wrapped, context);
        }

        var key = new byte[wrapped.Length - 28];
        using var aes = new AesGcm(master.Material, 16);
        aes.Decrypt(wrapped.AsSpan(0, 12), wrapped.AsSpan(12, key.Length), wrapped.AsSpan(12 + key.Length), key, System.Text.Encoding.UTF8.GetBytes(context));
        return key;
    }

    public static string DataKeyContext(Guid enterpriseId, string purpose, DateOnly month) => $"h95:data-key:{enterpriseId:N}:{purpose}:{month:yyyy-MM}";

    public static string BlindKeyContext(Guid enterpriseId) => $"h95:blind-key:{enterpriseId:N}";

    public static string AuditKeyContext(int id) => $"h95:audit-key:{id}";
}
