using Hotline95.Core.Common;

namespace Hotline95.Core.Enterprises;

/// <summary>One 95 number (95XXX or 95XXXX) operated by an enterprise.</summary>
public sealed class HotlineLine : ITenantScoped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EnterpriseId { get; init; }
    public required string Number { get; init; }
    public required string Name { get; set; }
    /// <summary>The approved purposes from the usage plan (信贷咨询, 账单查询…): ticket categories must be one of them.</summary>
    public List<string> Purposes { get; set; } = [];
    /// <summary>The trunks or account codes registered to the number's holder; traffic through any other is the lending red line. Empty: not checked.</summary>
    public List<string> RegisteredTrunks { get; set; } = [];
    /// <summary>Declared service hours, e.g. 7×24 or 工作日 8:30–17:30.</summary>
    public string? ServiceHours { get; set; }
    /// <summary>The caller id presented on outbound calls from this line when no route matches; null: the 95 number itself.</summary>
    public string? OutboundCallerId { get; set; }
    /// <summary>Outbound calls whose <c>from</c> is no configured line (an agent's extension) belong to this line.</summary>
    public bool DefaultOutbound { get; set; }
    /// <summary>The PBX's queues whose calls come in on this line (queue_log and mod_callcenter names); a queue belongs to one line.</summary>
    public List<string> Queues { get; set; } = [];
    public DateTimeOffset CreatedAt { get; init; }
}
