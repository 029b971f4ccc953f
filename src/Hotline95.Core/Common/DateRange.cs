namespace Hotline95.Core.Common;

/// <summary>Dates a request may carry: far outside any licence's life they are typos, and near DateOnly's ends arithmetic overflows.</summary>
public static class DateRange
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    public static bool Plausible(DateOnly day) => day >= Earliest && day <= Latest;

    public static Error? Check(string field, DateOnly? day) =>
        day is { } d && !Plausible(d)
            ? Error.Validation(field, "DATE_OUT_OF_RANGE", ("field", field), ("date", d), ("earliest", Earliest), ("latest", Latest))
            : null;
}
