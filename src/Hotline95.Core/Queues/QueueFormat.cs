namespace Hotline95.Core.Queues;

public enum QueueFormat
{
    /// <summary>Asterisk's queue_log.</summary>
    AsteriskQueueLog,
    /// <summary>FreeSWITCH mod_json_cdr documents carrying mod_callcenter's cc_* variables.</summary>
    FreeswitchJson,
    /// <summary>FreeSWITCH mod_xml_cdr documents carrying mod_callcenter's cc_* variables.</summary>
    FreeswitchXml,
}

public static class QueueFormats
{
    public static readonly IReadOnlyDictionary<string, QueueFormat> ByName = new Dictionary<string, QueueFormat>(StringComparer.OrdinalIgnoreCase)
    {
        ["asterisk-queue-log"] = QueueFormat.AsteriskQueueLog,
        ["freeswitch-json"] = QueueFormat.FreeswitchJson,
        ["freeswitch-xml"] = QueueFormat.FreeswitchXml,
    };

    public static string SourceSystem(QueueFormat format) => format == QueueFormat.AsteriskQueueLog ? AsteriskQueueLog.SourceSystem : "freeswitch";
}
