using System.Security.Cryptography;
using Hotline95.Core.Security;

namespace Hotline95.Core.Tests.Security;

public sealed class ShamirTests
{
    private static readonly MasterKey Key = MasterKey.From(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void Combine_EveryThreeOfFive_RebuildsTheKey()
    {
        var shares = Shamir.Split(Key, 5, 3);
        var combinations = 0;
        for (var a = 0; a < 5; a++)
        {
            for (var b = a + 1; b < 5; b++)
            {
                for (var c = b + 1; c < 5; c++)
                {
                    var key = Shamir.Combine([shares[c], shares[a], shares[b]]);
                    Assert.True(key.IsSuccess);
                    Assert.Equal(Key.Material, key.Value.Material);
                    combinations++;
                }
            }
        }

        Assert.Equal(10, combinations);
        Assert.Equal(Key.Material, Shamir.Combine(shares).Value.Material);
    }

    [Fact]
    public void Combine_TwoSharesOrARepeatedOne_IsRefused()
    {
        var shares = Shamir.Split(Key, 5, 3);

        Assert.Equal("SHARES_REFUSED", Shamir.Combine([shares[0], shares[1]]).Error!.Code);
        Assert.Equal("SHARES_REFUSED", Shamir.Combine([shares[0], shares[1], shares[1]]).Error!.Code);
    }

    [Fact]
    public void Combine_AShareWhoseBytesChanged_IsCaughtByTheKeyCheck()
    {
        var shares = Shamir.Split(Key, 3, 2).ToList();
        var data = (byte[])shares[1].Data.Clone();
        data[7] ^= 0x40;

        var result = Shamir.Combine([shares[0], shares[1] with { Data = data }]);

        Assert.False(result.IsSuccess);
        Assert.Contains("damaged", result.Error!.Message);
    }

    [Fact]
    public void Text_RoundTrips_AndAMistypedLineFailsItsChecksum()
    {
        var share = Shamir.Split(Key, 5, 3)[3];
        var text = share.ToText();

        var parsed = KeyShare.Parse(text, "s.txt");
        var mistyped = KeyShare.Parse(text.Replace("threshold 3", "threshold 2", StringComparison.Ordinal), "s.txt");

        Assert.Equal(share.Data, parsed.Value.Data);
        Assert.Equal((4, 3, 5, Key.Id), (parsed.Value.Index, parsed.Value.Threshold, parsed.Value.Shares, parsed.Value.KeyCheck));
        Assert.Contains("checksum", mistyped.Error!.Message);
        Assert.DoesNotContain(Convert.ToHexStringLower(Key.Material), text);
    }
}
