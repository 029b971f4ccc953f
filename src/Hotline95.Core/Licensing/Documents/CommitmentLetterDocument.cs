using Hotline95.Core.Documents;
using Hotline95.Core.Licensing.Dossiers;
using static Hotline95.Core.Licensing.Documents.Stated;

namespace Hotline95.Core.Licensing.Documents;

/// <summary>
/// 不用于营销用途承诺书. Only the service purposes are promised as non-marketing; a purpose the marketing list catches
/// stands apart, marked for deletion (and the dossier, failing the pre-review, gets a draft anyway).
/// </summary>
internal static class CommitmentLetterDocument
{
    public static DocumentModel Build(Dossier d, Stated facts, string? number, DateOnly on) =>
        new("不用于营销用途承诺书", null,
        [
            new Paragraph("上海市通信管理局："),
            new Paragraph($"本单位{facts.Company}（统一社会信用代码：{Blank(d.Company?.Uscc, "统一社会信用代码")}）申请使用95客户服务号码{Blank(number, "95号码")}，现郑重承诺："),
            new BulletList(
            [
                $"该号码仅用于{facts.Purposes}等非营销类客户服务，不用于营销、推销、促销、推广或广告宣传；",
                "不以任何形式转让、出租或出借该号码；",
                "依法保护客户个人信息，不向第三方泄露通话记录与个人数据；",
                "宣传该号码时不使用“最”“第一”“唯一”等绝对化用语；",
                "如有违反，愿承担相应法律责任，并接受主管部门依法收回号码等处理。",
            ], Numbered: true),
            .. facts.MarketingNotes.Select(note => new Paragraph(note, Bold: true)),
            new SignatureBlock(["法定代表人（签字）：＿＿＿＿＿＿", $"{facts.Company}（盖章）", Date(on)]),
        ]);
}
