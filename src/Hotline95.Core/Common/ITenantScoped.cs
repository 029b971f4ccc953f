namespace Hotline95.Core.Common;

/// <summary>Every stored row belongs to one enterprise (tenant); this is how queries and sharding find it.</summary>
public interface ITenantScoped
{
    Guid EnterpriseId { get; }
}
