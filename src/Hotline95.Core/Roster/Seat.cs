using Hotline95.Core.Common;

namespace Hotline95.Core.Roster;

/// <summary>A call-centre seat (坐席): the on-site inspection counts them and checks their equipment.</summary>
public sealed class Seat : ITenantScoped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EnterpriseId { get; init; }
    /// <summary>Label on the desk, e.g. A-01.</summary>
    public required string Code { get; init; }
    public required string Location { get; set; }
    /// <summary>What stands at the seat, e.g. 话机、电脑、录音设备.</summary>
    public required string Equipment { get; set; }
    /// <summary>The agent who normally sits here, if any.</summary>
    public Guid? AgentUserId { get; set; }
}
