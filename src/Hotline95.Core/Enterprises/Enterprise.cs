using Hotline95.Core.Common;

namespace Hotline95.Core.Enterprises;

/// <summary>A company that holds (or is applying for) a 95 number: the tenant every other row belongs to.</summary>
public sealed class Enterprise : ITenantScoped
{
    public const string DefaultSlug = "default";

    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>Short stable handle used by the CLI's <c>--enterprise</c>.</summary>
    public required string Slug { get; init; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; init; }

    // The enterprise profile the filings print in their company block (统一社会信用代码, 住所, 法定代表人, 联系人, 联系电话).
    // Null until someone states it: a filing then prints a blank to fill and lists the item as a warning.
    public string? Uscc { get; set; }
    public string? RegisteredAddress { get; set; }
    public string? LegalRepresentative { get; set; }
    public string? ContactPerson { get; set; }
    public string? ContactPhone { get; set; }

    Guid ITenantScoped.EnterpriseId => Id;
}
