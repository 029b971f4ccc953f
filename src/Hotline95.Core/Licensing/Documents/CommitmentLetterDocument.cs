using Hotline95.Core.Compliance;
using Hotline95.Core.Documents;
using Hotline95.Core.Licensing.Dossiers;
using Hotline95.Core.Licensing.Eligibility;
using static Hotline95.Core.Licensing.Documents.Stated;

namespace Hotline95.Core.Licensing.Documents;

/// <summary>
/// 不用于营销用途承诺书, addressed to the authority of the policy in force. Only the service purposes are promised as
/// non-marketing; a purpose the marketing list catches stands apart, marked for deletion (and the dossier, failing the
/// pre-review, gets a draft anyway). The absolute terms it promises not to use are the red-line lexicon's.
/// </summary>
internal static class CommitmentLetterDocument
{
    /// <summary>The lexicon's categories of absolute terms (绝对化用语, 《广告法》第九条); the letter names the first term of each.</summary>
    private static readonly TermCategory[] AbsoluteCategories = [TermCategory.Superlative, TermCategory.Rank, TermCategory.Grade, TermCategory.Uniqueness];

    public static DocumentModel Build(Dossier d, Stated facts, EligibilityPolicy policy, string? number, DateOnly on) =>
        new("不用于营销用途承诺书", null,
        [
            new Paragraph($"{Blank(policy.Authority, "主管部门")}："),
            new Paragraph($"本单位{facts.Company}（统一社会信用代码：{Blank(d.Company?.Uscc, "统一社会信用代码")}）申请使用95客户服务号码{Blank(number, "95号码")}，现郑重承诺："),
            new BulletList(
            [
                $"该号码仅用于{facts.Purposes}等非营销类客户服务，不用于营销、推销、促销、推广或广告宣传；",
                "不以任何形式转让、出租或出借该号码；",
                "依法保护客户个人信息，不向第三方泄露通话记录与个人数据；",
                $"宣传该号码时不使用{AbsoluteExamples(Lexicon.Default)}等绝对化用语；",
                "如有违反，愿承担相应法律责任，并接受主管部门依法收回号码等处理。",
            ], Numbered: true),
            .. facts.MarketingNotes.Select(note => new Paragraph(note, Bold: true)),
            new SignatureBlock(["法定代表人（签字）：＿＿＿＿＿＿", $"{facts.Company}（盖章）", Date(on)]),
        ]);

    /// <summary>“最好”“第一”“国家级”“唯一”: the first term of each absolute category, as the lexicon lists them.</summary>
    public static string AbsoluteExamples(Lexicon lexicon) =>
        string.Concat(AbsoluteCategories.Select(c => lexicon.Terms.FirstOrDefault(t => t.Category == c)?.Term).OfType<string>().Select(t => $"“{t}”"));
}
