using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Reports;

public sealed record SetReportCasesRequest(Guid EnterpriseId, string? Line, int Year, IReadOnlyList<string> Cases, string Actor);

/// <summary>
/// The typical complaint cases of a line's annual report (up to <see cref="ReportOptions.MaxTypicalCases"/>), written by a
/// user. A case that holds what looks like personal data (a telephone or ID number, an e-mail address) is refused and
/// nothing is saved; replacing the cases replaces them all, in one transaction, audited.
/// </summary>
public sealed class ReportCasesHandler(Hotline95DbContext db, AuditLog audit, TimeProvider clock)
{
    public const int MaxLength = 1000;

    public async Task<IReadOnlyList<string>> GetAsync(Guid enterpriseId, string line, int year, CancellationToken ct = default) =>
        await db.ReportCases.AsNoTracking().Where(c => c.EnterpriseId == enterpriseId && c.Line == line && c.Year == year).OrderBy(c => c.Ordinal).Select(c => c.Text).ToListAsync(ct);

    public async Task<Result<IReadOnlyList<string>>> SetAsync(SetReportCasesRequest request, CancellationToken ct = default)
    {
        var line = (request.Line ?? "").Trim();
        if (!await db.Lines.AnyAsync(l => l.EnterpriseId == request.EnterpriseId && l.Number == line, ct))
        {
            return Enterprises.LineErrors.Unknown(request.Line);
        }

        if (request.Year is < 2000 or > 2100)
        {
            return Error.Validation("year", "YEAR_INVALID", ("year", request.Year));
        }

        var cases = request.Cases.Select(c => (c ?? "").Trim()).Where(c => c.Length > 0).ToList();
        if (cases.Count > ReportOptions.MaxTypicalCases)
        {
            return Error.Validation("cases", "CASES_TOO_MANY", ("count", cases.Count), ("max", ReportOptions.MaxTypicalCases));
        }

        for (var i = 0; i < cases.Count; i++)
        {
            if (cases[i].Length > MaxLength)
            {
                return Error.Validation($"cases[{i}]", "CASE_TOO_LONG", ("case", i + 1), ("length", cases[i].Length), ("max", MaxLength));
            }

            if (PersonalDataText.Find(cases[i]) is { } found)
            {
                var masked = PersonalDataText.MaskOne(found);
                return Error.Validation($"cases[{i}]", "CASE_PERSONAL_DATA", ("case", i + 1), ("masked", masked));
            }
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.ReportCases.Where(c => c.EnterpriseId == request.EnterpriseId && c.Line == line && c.Year == request.Year).ExecuteDeleteAsync(ct);
        var now = clock.GetUtcNow();
        db.ReportCases.AddRange(cases.Select((text, i) => new ReportCase
        {
            EnterpriseId = request.EnterpriseId, Line = line, Year = request.Year, Ordinal = i + 1, Text = text, UpdatedAt = now, UpdatedBy = request.Actor,
        }));
        await audit.SaveAndAppendAsync(db, request.EnterpriseId, request.Actor, AuditActions.ReportCasesSet, $"line:{line}", $"year={request.Year} cases={cases.Count}", ct);
        await tx.CommitAsync(ct);
        return cases;
    }
}
