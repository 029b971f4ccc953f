using System.Linq.Expressions;

namespace Hotline95.Core.Common;

/// <summary>Values put into hand-built query expressions: as a member of a constant object, which the query providers send as a parameter, never as literal SQL.</summary>
public static class QueryParameter
{
    public static MemberExpression Of<TValue>(TValue value) => Expression.Property(Expression.Constant(new Holder<TValue>(value)), nameof(Holder<TValue>.Value));

    /// <summary><c>x =&gt; column(x) OP value</c>, the value a query parameter.</summary>
    public static Expression<Func<T, bool>> Compare<T, TValue>(Expression<Func<T, TValue>> column, ExpressionType comparison, TValue value) =>
        Expression.Lambda<Func<T, bool>>(Expression.MakeBinary(comparison, column.Body, Of(value)), column.Parameters);

    private sealed class Holder<TValue>(TValue value)
    {
        public TValue Value { get; } = value;
    }
}
