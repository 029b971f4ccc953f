using System.Linq.Expressions;
using Hotline95.Core.Common;
using Hotline95.Core.Identity;
using Hotline95.Core.Security;

namespace Hotline95.Core.Service;

/// <summary>
/// What the desk looks tickets and complaints up by; every criterion is optional. <paramref name="Status"/> is the
/// list's own (tickets: open, closed, all; complaints: open, overdue, atRisk, escalated, resolved or closed, all), open
/// when not given; <paramref name="From"/> and <paramref name="To"/> are Asia/Shanghai days, inclusive, of the opening
/// (tickets) or the receipt (complaints).
/// </summary>
public sealed record CaseSearch(
    string? Phone = null, long? Id = null, string? Status = null, string? Category = null, string? Line = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>Where a kind of case (ticket, complaint) keeps what the search looks at; <c>At</c> is when it was opened or received.</summary>
public sealed record CaseColumns<T>(
    Expression<Func<T, Guid>> Enterprise, Expression<Func<T, long>> Id, Expression<Func<T, string>> Line, Expression<Func<T, string?>> Category,
    Expression<Func<T, byte[]?>> PhoneIndex, Expression<Func<T, DateTimeOffset>> At);

/// <summary>A <see cref="CaseSearch"/> checked and made ready for a query: the number as its blind index, the days as instants.</summary>
public sealed record CaseCriteria(Guid EnterpriseId, byte[]? PhoneIndex, long? Id, string? Category, string? Line, DateTimeOffset? Start, DateTimeOffset? End)
{
    /// <summary>
    /// The number becomes its blind index (keyed per enterprise: no decryption to search, and another enterprise's
    /// records never match); a number without digits, days in the wrong order or a page out of range are refused, naming the field.
    /// </summary>
    public static async Task<Result<CaseCriteria>> FromAsync(CaseSearch search, PageRequest page, Guid enterpriseId, BlindIndex blindIndex, CancellationToken ct)
    {
        if (page.Validate() is { } invalid)
        {
            return invalid;
        }

        byte[]? index = null;
        if (!string.IsNullOrWhiteSpace(search.Phone))
        {
            if (PhoneNumber.Normalize(search.Phone).Length == 0)
            {
                return Error.Validation("phone", "PHONE_INVALID", ("number", search.Phone));
            }

            index = await blindIndex.ComputeAsync(enterpriseId, search.Phone, ct);
        }

        if (search.From is { } from && search.To is { } to && from > to)
        {
            return Error.Validation("to", "RANGE_INVALID", ("from", from), ("to", to));
        }

        return new CaseCriteria(enterpriseId, index, search.Id, Trimmed(search.Category), Trimmed(search.Line),
            search.From is { } f ? ChinaTime.StartOfDay(f) : null, search.To is { } t ? ChinaTime.StartOfDay(t.AddDays(1)) : null);
    }

    /// <summary>The enterprise's cases that meet every criterion given.</summary>
    public IQueryable<T> Apply<T>(IQueryable<T> query, CaseColumns<T> columns)
    {
        query = query.Where(QueryParameter.Compare(columns.Enterprise, ExpressionType.Equal, EnterpriseId));
        if (PhoneIndex is not null)
        {
            query = query.Where(QueryParameter.Compare(columns.PhoneIndex, ExpressionType.Equal, PhoneIndex));
        }

        if (Id is { } id)
        {
            query = query.Where(QueryParameter.Compare(columns.Id, ExpressionType.Equal, id));
        }

        if (Category is not null)
        {
            query = query.Where(QueryParameter.Compare(columns.Category, ExpressionType.Equal, Category));
        }

        if (Line is not null)
        {
            query = query.Where(QueryParameter.Compare(columns.Line, ExpressionType.Equal, Line));
        }

        if (Start is { } start)
        {
            query = query.Where(QueryParameter.Compare(columns.At, ExpressionType.GreaterThanOrEqual, start));
        }

        return End is { } end ? query.Where(QueryParameter.Compare(columns.At, ExpressionType.LessThan, end)) : query;
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>
/// Who reads the free text of tickets and complaints (notes, summaries, responses, resolutions: they may hold personal
/// data): those who handle them, and those who may see personal data in clear. Others (administrators, auditors) see
/// that there is a text, not the text; it is not decrypted for them.
/// </summary>
public static class CaseText
{
    public static bool MayRead(Role role) =>
        RolePermissions.Has(role, Permission.HandleTickets) || RolePermissions.Has(role, Permission.HandleComplaints) || RolePermissions.Has(role, Permission.RevealPersonalData);
}
