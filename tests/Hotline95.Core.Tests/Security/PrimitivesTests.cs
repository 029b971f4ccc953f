using System.Security.Cryptography;
using Hotline95.Core.Security.Primitives;

namespace Hotline95.Core.Tests.Security;

/// <summary>The bulk path's own AES-GCM and HMAC must give exactly what the platform's implementations give.</summary>
public sealed class PrimitivesTests
{
    [Fact]
    public void AesGcmEncryptor_GcmSpecTestCase16_GivesTheSpecCiphertextAndTag()
    {
        SkipUnlessSupported();
        // McGrew and Viega, "The Galois/Counter Mode of Operation", test case 16 (AES-256, 60-byte text, 20-byte AAD).
        var key = Convert.FromHexString("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
        var plaintext = Convert.FromHexString("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        var aad = Convert.FromHexString("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        var nonce = Convert.FromHexString("cafebabefacedbaddecaf888");
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[16];

        new AesGcmEncryptor(key, aad).Encrypt(nonce, plaintext, ciphertext, tag);

        Assert.Equal("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662", Convert.ToHexString(ciphertext).ToLowerInvariant());
        Assert.Equal("76fc6ece0f4e1768cddf8853bb2d551b", Convert.ToHexString(tag).ToLowerInvariant());
    }

    [Fact]
    public void AesGcmEncryptor_RandomKeysTextsAndAad_MatchesPlatformAesGcmByteForByte()
    {
        SkipUnlessSupported();
        var random = new Random(95);
        for (var trial = 0; trial < 500; trial++)
        {
            var key = RandomNumberGenerator.GetBytes(32);
            var aad = RandomNumberGenerator.GetBytes(random.Next(0, 80));
            var plaintext = RandomNumberGenerator.GetBytes(trial < 70 ? trial : random.Next(0, 300)); // every length up to 4 blocks, then any
            var nonce = RandomNumberGenerator.GetBytes(12);
            var ours = (Text: new byte[plaintext.Length], Tag: new byte[16]);
            var platform = (Text: new byte[plaintext.Length], Tag: new byte[16]);

            new AesGcmEncryptor(key, aad).Encrypt(nonce, plaintext, ours.Text, ours.Tag);
            using var aes = new AesGcm(key, 16);
            aes.Encrypt(nonce, plaintext, platform.Text, platform.Tag, aad);

            Assert.Equal(platform.Text, ours.Text);
            Assert.Equal(platform.Tag, ours.Tag);
        }
    }

    [Fact]
    public void HmacSha256Midstate_RandomKeysAndMessages_MatchesHmacSha256()
    {
        var random = new Random(95);
        int[] edges = [0, 1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 128];
        for (var trial = 0; trial < 500; trial++)
        {
            var key = RandomNumberGenerator.GetBytes(trial % 5 == 0 ? 100 : random.Next(1, 65)); // some keys longer than a block
            var message = RandomNumberGenerator.GetBytes(trial < edges.Length ? edges[trial] : random.Next(0, 200));
            var mac = new byte[32];

            new HmacSha256Midstate(key).Compute(message, mac);

            Assert.Equal(HMACSHA256.HashData(key, message), mac);
        }
    }

    private static void SkipUnlessSupported()
    {
        if (!AesGcmEncryptor.IsSupported)
        {
            Assert.Skip("This CPU has no AES-NI or PCLMULQDQ: the product uses the platform's AesGcm here, so there is nothing to compare.");
        }
    }
}
