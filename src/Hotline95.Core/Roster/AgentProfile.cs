using Hotline95.Core.Common;

namespace Hotline95.Core.Roster;

public enum EmploymentType
{
    FullTime,
    PartTime,
    Outsourced,
}

/// <summary>
/// An agent on the roster, linked to a user account when the agent signs in here. The licence check counts
/// full-time agents insured in Shanghai for three months, so those facts live with the agent.
/// </summary>
public sealed class AgentProfile : ITenantScoped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EnterpriseId { get; init; }
    public Guid? UserId { get; set; }
    public required string Name { get; set; }
    public EmploymentType Employment { get; set; }
    public string? SocialInsuranceCity { get; set; }
    public int SocialInsuranceMonths { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A training record (sign-in sheet, courseware) with its file.</summary>
public sealed class AgentTraining : ITenantScoped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EnterpriseId { get; init; }
    public Guid AgentId { get; init; }
    public required string Topic { get; init; }
    public DateOnly HeldOn { get; init; }
    public string? FileName { get; init; }
    public string? ContentType { get; init; }
    public byte[]? Content { get; init; }
}
