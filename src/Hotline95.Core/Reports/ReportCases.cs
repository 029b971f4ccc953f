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
            return Error.Validation("year", "YEAR_INVALID", $"year {request.Year} is out of range. / 年份无效。");
        }

        var cases = request.Cases.Select(c => (c ?? "").Trim()).Where(c => c.Length > 0).ToList();
        if (cases.Count > ReportOptions.MaxTypicalCases)
        {
            return Error.Validation("cases", "CASES_TOO_MANY", $"{cases.Count} cases: at most {ReportOptions.MaxTypicalCases}; nothing was saved. / 典型案例最多{ReportOptions.MaxTypicalCases}例，未保存。");
        }

        for (var i = 0; i < cases.Count; i++)
        {
            if (cases[i].Length > MaxLength)
            {
                return Error.Validation($"cases[{i}]", "CASE_TOO_LONG", $"case {i + 1} has {cases[i].Length} characters: at most {MaxLength}; nothing was saved. / 第{i + 1}例超过{MaxLength}字，未保存。");
            }

            if (PersonalDataText.Find(cases[i]) is { } found)
            {
                var masked = PersonalDataText.MaskOne(found);
                return Error.Validation($"cases[{i}]", "CASE_PERSONAL_DATA",
                    $"case {i + 1} holds what looks like personal data ('{masked}'): describe the case without names, telephone or ID numbers; nothing was saved. / 第{i + 1}例含疑似个人信息（{masked}），请去除姓名、电话、证件号码后再保存，未保存。");
            }
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.ReportCases.Where(c => c.EnterpriseId == request.EnterpriseId && c.Line == line && c.Year == request.Year).ExecuteDeleteAsync(ct);
        var now = clock.GetUtcNow();
        db.ReportCases.AddRange(cases.Select((text, i) => new ReportCase
        {
            EnterpriseId = request.EnterpriseId, Line = line, Year = request.Year, Ordinal = i + 1, Text = text, UpdatedAt = now, UpdatedBy = request.Actor,
        }));
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(request.EnterpriseId, request.Actor, AuditActions.ReportCasesSet, $"line:{line}", $"year={request.Year} cases={cases.Count}", ct);
        await tx.CommitAsync(ct);
        return cases;
    }
}
