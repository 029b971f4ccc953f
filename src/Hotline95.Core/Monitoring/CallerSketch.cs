using System.Buffers.Binary;
using System.Numerics;

namespace Hotline95.Core.Monitoring;

/// <summary>
/// Distinct callers without keeping who called: a HyperLogLog sketch (4,096 one-byte registers, standard
/// error about 1.6%, exact in practice for small counts through linear counting) fed with callers' blind-index
/// values. Adding a caller twice changes nothing and sketches merge by register maximum, so a day's sketch is
/// the same whatever the order or repetition of its calls, and months are the merge of their days.
/// </summary>
public static class CallerSketch
{
    public const int Precision = 12;
    public const int Size = 1 << Precision;

    public static byte[] Empty() => new byte[Size];

    /// <summary>Adds a caller, given the HMAC blind index of the number (uniformly distributed bits).</summary>
    public static bool Add(byte[] sketch, ReadOnlySpan<byte> callerIndex)
    {
        var hash = BinaryPrimitives.ReadUInt64BigEndian(callerIndex[..8]);
        var register = (int)(hash >> (64 - Precision));
        var rest = (hash << Precision) | (1UL << (Precision - 1)); // a sentinel bounds the rank
        var rank = (byte)(BitOperations.LeadingZeroCount(rest) + 1);
        if (sketch[register] >= rank)
        {
            return false;
        }

        sketch[register] = rank;
        return true;
    }

    public static void MergeInto(byte[] target, ReadOnlySpan<byte> other)
    {
        for (var i = 0; i < Size; i++)
        {
            if (other[i] > target[i])
            {
                target[i] = other[i];
            }
        }
    }

    /// <summary>The registers a sketch has raised above zero and their ranks: what merging it into another changes at most.</summary>
    public static (int[] Registers, int[] Ranks) Raised(ReadOnlySpan<byte> sketch)
    {
        var registers = new List<int>();
        var ranks = new List<int>();
        for (var i = 0; i < sketch.Length; i++)
        {
            if (sketch[i] != 0)
            {
                registers.Add(i);
                ranks.Add(sketch[i]);
            }
        }

        return ([.. registers], [.. ranks]);
    }

    public static long Estimate(ReadOnlySpan<byte> sketch)
    {
        double sum = 0;
        var zeros = 0;
        foreach (var r in sketch)
        {
            sum += Math.ScaleB(1, -r);
            if (r == 0)
            {
                zeros++;
            }
        }

        const double Alpha = 0.7213 / (1 + 1.079 / Size);
        var raw = Alpha * Size * Size / sum;
        if (raw <= 2.5 * Size && zeros > 0)
        {
            return (long)Math.Round(Size * Math.Log((double)Size / zeros)); // linear counting
        }

        return (long)Math.Round(raw);
    }
}
