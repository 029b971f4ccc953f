using Hotline95.Core.Calls.Import;

namespace Hotline95.Core.Tests.Calls;

public sealed class CsvRecordReaderTests
{
    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" }, false)]
    [InlineData("a,,c,", new[] { "a", "", "c", "" }, false)]
    [InlineData("\"\"\"李勇\"\" <15722884626>\",x", new[] { "\"李勇\" <15722884626>", "x" }, false)]
    [InlineData("\"a,b\",\"\"", new[] { "a,b", "" }, false)]
    [InlineData("\"open,field", new[] { "open,field" }, true)]
    [InlineData("x\"q,y\"z", new[] { "xq,yz" }, false)]
    [InlineData("\"a\"b,c", new[] { "ab", "c" }, false)]
    public void Split_Examples_AreRfc4180(string line, string[] fields, bool open)
    {
        var (split, isOpen) = CsvRecordReader.Split(line);

        Assert.Equal(fields, split);
        Assert.Equal(open, isOpen);
    }

    /// <summary>The fast path cuts fields out whole; it must agree with the character-by-character reading on any input.</summary>
    [Fact]
    public void Split_RandomLines_AgreesWithCharacterByCharacterReading()
    {
        var rng = new Random(4180);
        const string Alphabet = "ab,\"\r 李";
        for (var n = 0; n < 20_000; n++)
        {
            var line = new string(Enumerable.Range(0, rng.Next(0, 14)).Select(_ => Alphabet[rng.Next(Alphabet.Length)]).ToArray());

            var fast = CsvRecordReader.Split(line);
            var slow = CsvRecordReader.SplitSlowly(line, [], 0);

            Assert.True(fast.Fields.SequenceEqual(slow.Fields) && fast.Open == slow.Open,
                $"'{line.Replace("\r", "\\r")}': [{string.Join("|", fast.Fields)}] {fast.Open} vs [{string.Join("|", slow.Fields)}] {slow.Open}");
        }
    }
}
