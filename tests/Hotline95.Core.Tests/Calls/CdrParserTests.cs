using System.Text;
using Hotline95.Core.Calls;
using Hotline95.Core.Calls.Import;

namespace Hotline95.Core.Tests.Calls;

public sealed class CdrParserTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static CdrParseContext Context(AsteriskColumns? columns = null, string? line = null) =>
        new(new LineSet(["95528"]), line, Shanghai, new UTF8Encoding(false), columns);

    private static List<CdrRow> Parse(ICdrParser parser, string text, CdrParseContext? context = null) =>
        parser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)), context ?? Context()).ToList();

    private const string Base16 = "\"\",\"13800138000\",\"95528\",\"ctx\",\"\"\"王小明\"\" <13800138000>\",\"PJSIP/trunk-1\",\"PJSIP/1001-2\",\"Dial\",\"x\",\"2026-03-02 09:15:00\",\"2026-03-02 09:15:08\",\"2026-03-02 09:20:08\",308,300,\"ANSWERED\",\"DOCUMENTATION\"";

    [Theory]
    [InlineData("", AsteriskColumns.None)]
    [InlineData(",\"1772414100.1\",\"\"", AsteriskColumns.UniqueId | AsteriskColumns.UserField)]
    [InlineData(",\"acct\",\"1772414100.1\",3", AsteriskColumns.NewCdrColumns)]
    [InlineData(",\"1772414100.1\",\"\",\"acct\",\"1772414100.1\",3", AsteriskColumns.UniqueId | AsteriskColumns.UserField | AsteriskColumns.NewCdrColumns)]
    public void Asterisk_UnambiguousWidths_AreReadWithoutOptions(string tail, AsteriskColumns _)
    {
        var row = Assert.Single(Parse(new AsteriskCdrParser(), Base16 + tail + "\n"));

        Assert.NotNull(row.Call);
        Assert.Equal("95528", row.Call.Line);
        Assert.Equal(CallDirection.In, row.Call.Direction);
        Assert.Equal("13800138000", row.Call.CustomerNumber);
        Assert.Equal("王小明", row.Call.CustomerName);
        Assert.Equal("1001", row.Call.Agent);
        Assert.Equal(300, row.Call.Talk);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 1, 15, 0, TimeSpan.Zero), row.Call.StartedAt);
    }

    [Theory]
    [InlineData(",\"1772414100.1\"", "--asterisk-columns uniqueid")]
    [InlineData(",\"1772414100.1\",\"acct\",\"1772414100.1\",3", "uniqueid,newcdrcolumns")]
    public void Asterisk_AmbiguousWidth_IsRefusedNamingTheOption(string tail, string option)
    {
        var ex = Assert.Throws<CdrFormatException>(() => Parse(new AsteriskCdrParser(), Base16 + tail + "\n"));

        Assert.Contains(option, ex.Message);
    }

    [Fact]
    public void Asterisk_SeventeenColumnsWithOption_IsRead()
    {
        var row = Assert.Single(Parse(new AsteriskCdrParser(), Base16 + ",\"u1\"\n", Context(AsteriskColumns.UserField)));

        Assert.NotNull(row.Call);
        Assert.StartsWith("row:", row.Call.SourceId); // no uniqueid column: the row's digest is its id
    }

    [Fact]
    public void Asterisk_UnansweredEmptyAnswerField_HasNoAnswerTime()
    {
        var text = Base16.Replace("\"2026-03-02 09:15:08\"", "", StringComparison.Ordinal).Replace("\"ANSWERED\"", "\"NO ANSWER\"", StringComparison.Ordinal).Replace("308,300", "40,0", StringComparison.Ordinal);

        var call = Assert.Single(Parse(new AsteriskCdrParser(), text + "\n")).Call!;

        Assert.Null(call.AnsweredAt);
        Assert.True(call.Missed);
        Assert.Equal(CallDisposition.NoAnswer, call.Disposition);
    }

    [Fact]
    public void Asterisk_UsegmtimeWithUtcZone_ReadsTimesAsUtc()
    {
        var context = Context() with { Zone = TimeZoneInfo.Utc };

        var call = Assert.Single(Parse(new AsteriskCdrParser(), Base16 + "\n", context)).Call!;

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero), call.StartedAt);
    }

    [Fact]
    public void Asterisk_RealTestsuiteSample_ParsesWithLineGiven()
    {
        // A row of asterisk/testsuite's cdrlib good.csv (18 columns, caller "test" to extension 100).
        const string sample = "\"\",\"test\",\"100\",\"context\",\"\"\"Test User\"\" <test>\",\"SIP/test-02897fd8\",\"\",\"Hangup\",\"\",\"2009-01-14 23:51:15\",\"2009-01-14 23:51:15\",\"2009-01-14 23:51:20\",5,5,\"ANSWERED\",\"DOCUMENTATION\",\"1231977075.0\",\"\"";

        var call = Assert.Single(Parse(new AsteriskCdrParser(), sample + "\n", Context(line: "95528"))).Call!;

        Assert.Equal("Test User", call.CustomerName);
        Assert.Equal("test", call.CustomerNumber);
        Assert.StartsWith("1231977075.0#", call.SourceId);
    }

    [Fact]
    public void Csv_QuotedNewlineAndDoubledQuotes_AreOneRecord()
    {
        var records = new CsvRecordReader(new StringReader("a,\"b \"\"x\"\"\nstill b\",c\nnext,row\n")).Read().ToList();

        Assert.Equal(2, records.Count);
        Assert.Equal(["a", "b \"x\"\nstill b", "c"], records[0].Fields);
        Assert.Equal(3, records[1].Line);
    }

    [Fact]
    public void FreeswitchCsv_DefaultTemplateWithSpaceBeforeLastField_IsRead()
    {
        const string row = "\"王小明\",\"13800138000\",\"95528\",\"default\",\"2026-03-04 14:00:00\",\"2026-03-04 14:00:06\",\"2026-03-04 14:03:06\",\"186\",\"180\",\"NORMAL_CLEARING\",\"uuid-1\",\"\", \"\"";

        var call = Assert.Single(Parse(new FreeswitchCsvParser(), row + "\n")).Call!;

        Assert.Equal("uuid-1", call.SourceId);
        Assert.Equal(CallDisposition.Answered, call.Disposition);
        Assert.Equal(180, call.Talk);
    }

    [Fact]
    public void FreeswitchJson_UrlEncodedValuesAndDuplicateCallflowKeys_AreRead()
    {
        const string json = """
            {"variables":{"uuid":"u-1","caller_id_name":"%E7%8E%8B%E5%B0%8F%E6%98%8E","caller_id_number":"13800138000","destination_number":"95528",
              "start_epoch":"1772672400","answer_epoch":"0","end_epoch":"1772672430","billsec":"0","hangup_cause":"NO_ANSWER"},
             "callflow":{"caller_profile":{}},"callflow":{"caller_profile":{}}}
            """;

        var call = Assert.Single(Parse(new FreeswitchDocumentParser(xml: false), json)).Call!;

        Assert.Equal("王小明", call.CustomerName);
        Assert.Null(call.AnsweredAt);
        Assert.True(call.Missed);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1772672400), call.StartedAt);
    }
}
