namespace Hotline95.Core.Common;

/// <summary>Which page of a list to read: 1-based <paramref name="Page"/>, at most <see cref="MaxSize"/> rows a page.</summary>
public sealed record PageRequest(int Page = 1, int PageSize = PageRequest.DefaultSize)
{
    public const int DefaultSize = 50;
    public const int MaxSize = 500;

    /// <summary>Rows to skip before this page.</summary>
    public int Skip => (Page - 1) * PageSize;

    /// <summary>A page number below 1 or a size outside 1..<see cref="MaxSize"/> is a validation error naming the field.</summary>
    public Error? Validate()
    {
        if (Page < 1)
        {
            return Error.Validation("page", "PAGE_RANGE");
        }

        return PageSize is < 1 or > MaxSize
            ? Error.Validation("pageSize", "PAGE_SIZE_RANGE", ("max", MaxSize))
            : null;
    }
}

/// <summary>
/// One page of a list and the count of the whole list: every list the UI shows pages with its total. When
/// <paramref name="TotalCapped"/> is true the count stopped at a cap: there are at least <paramref name="Total"/> items.
/// </summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize, bool TotalCapped = false)
{
    public static Paged<T> Of(IReadOnlyList<T> items, int total, PageRequest request, bool totalCapped = false) =>
        new(items, total, request.Page, request.PageSize, totalCapped);
}
