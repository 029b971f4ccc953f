using System.Security.Cryptography;
using Hotline95.Core.Calls;
using Hotline95.Core.Security;

namespace Hotline95.Core.Tests.Security;

public sealed class CipherTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly Guid Enterprise = Guid.NewGuid();

    [Fact]
    public void Seal_ThenOpen_RoundTripsAndCarriesTheKeyId()
    {
        using var aes = new AesGcm(Key, 16);
        var aad = FieldCipher.Aad(Enterprise, "call.customer_number");

        var envelope = FieldCipher.Seal(aes, 42, aad, "13800138000");

        Assert.Equal(FieldCipher.Version, envelope[0]);
        Assert.Equal(42, FieldCipher.KeyIdOf(envelope));
        Assert.Equal("13800138000", FieldCipher.Open(aes, aad, envelope));
    }

    [Fact]
    public void Seal_SameValueTwice_GivesDifferentCiphertexts()
    {
        using var aes = new AesGcm(Key, 16);
        var aad = FieldCipher.Aad(Enterprise, "f");

        Assert.NotEqual(FieldCipher.Seal(aes, 1, aad, "x"), FieldCipher.Seal(aes, 1, aad, "x"));
    }

    [Fact]
    public void Open_TamperedCiphertext_Throws()
    {
        using var aes = new AesGcm(Key, 16);
        var aad = FieldCipher.Aad(Enterprise, "f");
        var envelope = FieldCipher.Seal(aes, 1, aad, "13800138000");
        envelope[20] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => FieldCipher.Open(aes, aad, envelope));
    }

    [Fact]
    public void Open_ValueMovedToAnotherField_Throws()
    {
        using var aes = new AesGcm(Key, 16);
        var envelope = FieldCipher.Seal(aes, 1, FieldCipher.Aad(Enterprise, "call.customer_name"), "王小明");

        Assert.ThrowsAny<CryptographicException>(() => FieldCipher.Open(aes, FieldCipher.Aad(Enterprise, "call.customer_number"), envelope));
    }

    [Fact]
    public void BlindIndex_SameNumberAnyWriting_SameIndex_OtherKeyOtherIndex()
    {
        var a = BlindIndex.Compute(Key, "+86 138-0013-8000");
        var b = BlindIndex.Compute(Key, "13800138000");
        var other = BlindIndex.Compute(RandomNumberGenerator.GetBytes(32), "13800138000");

        Assert.Equal(a, b);
        Assert.Equal(BlindIndex.Size, a.Length);
        Assert.NotEqual(a, other);
    }

    [Fact]
    public void KeyWrap_WrongContext_CannotUnwrap()
    {
        var master = MasterKey.From(RandomNumberGenerator.GetBytes(32));
        var wrapped = KeyWrap.Wrap(master, Key, KeyWrap.DataKeyContext(Enterprise, DataKeyPurpose.Calls, new DateOnly(2026, 3, 1)));

        Assert.Equal(Key, KeyWrap.Unwrap(master, wrapped, KeyWrap.DataKeyContext(Enterprise, DataKeyPurpose.Calls, new DateOnly(2026, 3, 1))));
        Assert.ThrowsAny<CryptographicException>(() => KeyWrap.Unwrap(master, wrapped, KeyWrap.DataKeyContext(Enterprise, DataKeyPurpose.Calls, new DateOnly(2026, 4, 1))));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(RecordingCipher.ChunkSize)]
    [InlineData(3 * RecordingCipher.ChunkSize + 17)]
    public async Task Recording_EncryptThenDecrypt_RoundTrips(int size)
    {
        var audio = RandomNumberGenerator.GetBytes(size);
        using var encrypted = new MemoryStream();
        await RecordingCipher.EncryptAsync(new MemoryStream(audio), encrypted, 7, Key, "ctx");
        encrypted.Position = 0;
        using var decrypted = new MemoryStream();

        Assert.Equal(7, RecordingCipher.KeyIdOf(encrypted));
        await RecordingCipher.DecryptAsync(encrypted, decrypted, Key, "ctx");

        Assert.Equal(audio, decrypted.ToArray());
    }

    [Fact]
    public async Task Recording_LastChunkCutOff_IsDetected()
    {
        using var encrypted = new MemoryStream();
        await RecordingCipher.EncryptAsync(new MemoryStream(new byte[3 * RecordingCipher.ChunkSize]), encrypted, 7, Key, "ctx");
        var truncated = encrypted.ToArray()[..^(RecordingCipher.ChunkSize + 20)];

        await Assert.ThrowsAnyAsync<CryptographicException>(() =>
            RecordingCipher.DecryptAsync(new MemoryStream(truncated), new MemoryStream(), Key, "ctx"));
    }

    [Fact]
    public async Task Recording_OtherCallsContext_CannotDecrypt()
    {
        using var encrypted = new MemoryStream();
        await RecordingCipher.EncryptAsync(new MemoryStream(new byte[100]), encrypted, 7, Key, "call-1");
        encrypted.Position = 0;

        await Assert.ThrowsAnyAsync<CryptographicException>(() => RecordingCipher.DecryptAsync(encrypted, new MemoryStream(), Key, "call-2"));
    }
}

public sealed class BlindIndexerTests
{
    [Theory]
    [InlineData(32, "13800138000")]
    [InlineData(64, "+86 138-0013-8000")]
    [InlineData(100, "2168888888")]
    public void Compute_AnyKeyLength_EqualsTheStandardHmacSha256(int keyLength, string phone)
    {
        var key = RandomNumberGenerator.GetBytes(keyLength);

        var expected = HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes(PhoneNumber.Normalize(phone)))[..BlindIndex.Size];

        Assert.Equal(expected, new BlindIndexer(key).Compute(phone));
    }
}
