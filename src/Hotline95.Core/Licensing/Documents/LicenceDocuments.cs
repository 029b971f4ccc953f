using Hotline95.Core.Documents;
using Hotline95.Core.Licensing.Dossiers;
using Hotline95.Core.Licensing.Eligibility;

namespace Hotline95.Core.Licensing.Documents;

public enum LicenceDocumentKind
{
    /// <summary>使用规划</summary>
    UsagePlan,
    /// <summary>安全管理制度汇编</summary>
    SecurityPolicies,
    /// <summary>不用于营销用途承诺书</summary>
    CommitmentLetter,
}

public enum FileFormat
{
    Docx,
    Pdf,
}

/// <summary>
/// Writes the three documents of the application from a dossier's own facts only (docs/licensing.md lists which
/// member feeds which sentence): what the dossier does not say is a visible 【待填写：…】 blank, never a default or an
/// industry guessed from the district, and Hotline95's own measures appear only for a dossier that runs on it. A
/// dossier the pre-review finds errors in yields drafts: watermarked on every page, its errors on a cover page. Without a
/// pre-review (<c>check</c> null: a certified dossier's documents as filed) there is neither.
/// </summary>
public static class LicenceDocuments
{
    public const string DraftWatermark = "草稿——尚未满足申请条件";

    public static (byte[] Content, string FileName, string ContentType) Render(LicenceDocumentKind kind, FileFormat format, Dossier dossier,
        EligibilityPolicy policy, string? number, DateOnly on, EligibilityReport? check)
    {
        var model = Build(kind, dossier, policy, number, on, check);
        var baseName = kind switch
        {
            LicenceDocumentKind.UsagePlan => "使用规划",
            LicenceDocumentKind.SecurityPolicies => "安全管理制度汇编",
            _ => "承诺书",
        };
        var running = $"{Stated.Blank(dossier.Company?.Name, "公司名称")}　{baseName}";
        return format == FileFormat.Pdf
            ? (PdfRenderer.Render(model, running), $"{baseName}.pdf", "application/pdf")
            : (DocxRenderer.Render(model with { Header = running }), $"{baseName}.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }

    public static DocumentModel Build(LicenceDocumentKind kind, Dossier dossier, EligibilityPolicy policy, string? number, DateOnly on, EligibilityReport? check)
    {
        var facts = Stated.Of(dossier, policy);
        var model = kind switch
        {
            LicenceDocumentKind.UsagePlan => UsagePlanDocument.Build(dossier, facts, policy, number, on),
            LicenceDocumentKind.SecurityPolicies => SecurityPoliciesDocument.Build(dossier, facts, policy, number, on),
            _ => CommitmentLetterDocument.Build(dossier, facts, policy, number, on),
        };
        model = model with { Blocks = model.Blocks.Where(b => b is not Paragraph { Text: "" }).ToList() };
        if (check is null || Blocking(check) is not { Count: > 0 } errors)
        {
            return model;
        }

        return model with { Watermark = DraftWatermark, Cover = Cover(errors, check) };
    }

    /// <summary>The findings that make the documents drafts: the errors of the pre-review.</summary>
    public static IReadOnlyList<Finding> Blocking(EligibilityReport check) => check.Findings.Where(f => f.Severity == FindingSeverity.Error).ToList();

    /// <summary>The page before a draft: why it is one, finding by finding.</summary>
    private static IReadOnlyList<Block> Cover(IReadOnlyList<Finding> errors, EligibilityReport check) =>
    [
        new Heading(DraftWatermark),
        new Paragraph($"{Stated.Date(check.CheckedOn)}预审（政策版本 {check.Policy}）发现下列 {errors.Count} 项错误。补正并重新预审通过之前，本文件仅供修改，不得盖章报送。"),
        new BulletList(errors.Select(f => $"{f.Code}　{f.Message}修改方法：{f.Fix}").ToList(), Numbered: true),
    ];
}
