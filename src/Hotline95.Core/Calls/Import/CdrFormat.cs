namespace Hotline95.Core.Calls.Import;

public enum CdrFormat
{
    /// <summary>Asterisk cdr_csv Master.csv (16–21 columns, no header).</summary>
    Asterisk,
    /// <summary>FreeSWITCH mod_cdr_csv with the vanilla "example" (15 columns) or built-in "default" (13) template.</summary>
    FreeswitchCsv,
    /// <summary>FreeSWITCH mod_json_cdr: one document per file, or one per line.</summary>
    FreeswitchJson,
    /// <summary>FreeSWITCH mod_xml_cdr: one document per file.</summary>
    FreeswitchXml,
    /// <summary>A generic CSV with a header row.</summary>
    Csv,
}

public static class CdrFormats
{
    public static readonly IReadOnlyDictionary<string, CdrFormat> ByName = new Dictionary<string, CdrFormat>(StringComparer.OrdinalIgnoreCase)
    {
        ["asterisk"] = CdrFormat.Asterisk,
        ["freeswitch-csv"] = CdrFormat.FreeswitchCsv,
        ["freeswitch-json"] = CdrFormat.FreeswitchJson,
        ["freeswitch-xml"] = CdrFormat.FreeswitchXml,
        ["csv"] = CdrFormat.Csv,
    };

    public static string SourceSystem(CdrFormat format) => format switch
    {
        CdrFormat.Asterisk => "asterisk",
        CdrFormat.Csv => "csv",
        _ => "freeswitch",
    };
}

/// <summary>Which optional column groups an Asterisk cdr_csv was configured with (cdr.conf [csv]).</summary>
[Flags]
public enum AsteriskColumns
{
    None = 0,
    UniqueId = 1,
    UserField = 2,
    /// <summary>newcdrcolumns=yes: peeraccount, linkedid, sequence.</summary>
    NewCdrColumns = 4,
}

/// <summary>A source row: either a call, or the reason it cannot be imported.</summary>
public sealed record CdrRow(int Line, string Raw, CallData? Call, string? Reason);
