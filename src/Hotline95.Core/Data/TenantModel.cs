using Hotline95.Core.Common;
using Hotline95.Core.Enterprises;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline95.Core.Data;

public static class TenantModel
{
    /// <summary>The row belongs to an enterprise, which cannot be deleted while it has rows.</summary>
    public static EntityTypeBuilder<T> BelongsToEnterprise<T>(this EntityTypeBuilder<T> entity)
        where T : class, ITenantScoped
    {
        entity.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        return entity;
    }
}
