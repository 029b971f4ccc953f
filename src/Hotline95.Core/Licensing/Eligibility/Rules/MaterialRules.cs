using Hotline95.Core.Licensing.Dossiers;

namespace Hotline95.Core.Licensing.Eligibility.Rules;

/// <summary>Step 1 of the application: the stamped PDFs the policy requires.</summary>
internal static class MaterialRules
{
    /// <summary>Each required material listed ("a|b": either will do).</summary>
    public static void Required(CheckContext c)
    {
        var materials = c.Dossier.Materials ?? [];
        foreach (var required in c.Policy.RequiredMaterials)
        {
            var options = required.Split('|');
            if (!materials.Any(m => options.Contains(m.Type)))
            {
                var (zh, en) = Name(options[0]);
                c.Add("MATERIAL_MISSING", null, "$.materials", $"缺少材料：{zh}。", $"Missing material: {en}.",
                    $"准备{zh}的盖章PDF。", $"Prepare the stamped PDF of the {en}.");
            }
        }
    }

    public static void Stamped(CheckContext c)
    {
        var materials = c.Dossier.Materials ?? [];
        for (var i = 0; i < materials.Count; i++)
        {
            if (materials[i].Stamped != true)
            {
                var (zh, en) = Name(materials[i].Type);
                c.Add("MATERIAL_UNSTAMPED", null, $"$.materials[{i}].stamped", $"{zh}未加盖公章。", $"The {en} is not stamped with the company seal.",
                    "加盖公章后重新扫描为PDF。", "Stamp it with the company seal and scan it again as PDF.");
            }
        }
    }

    private static (string Zh, string En) Name(string type) => type switch
    {
        MaterialTypes.BusinessLicence => ("营业执照副本", "business licence copy"),
        MaterialTypes.Lease => ("租赁合同", "lease"),
        MaterialTypes.PropertyCertificate => ("房产证", "property certificate"),
        MaterialTypes.CallCentrePhotos => ("呼叫中心照片", "call-centre photos"),
        MaterialTypes.SocialInsuranceProof => ("社保缴纳证明", "social-insurance proof"),
        MaterialTypes.TrainingRecords => ("培训记录", "training records"),
        MaterialTypes.UsagePlan => ("使用规划", "usage plan"),
        MaterialTypes.SecurityPolicies => ("安全管理制度汇编", "security policy compilation"),
        MaterialTypes.CommitmentLetter => ("不用于营销承诺书", "no-marketing commitment letter"),
        MaterialTypes.CapitalVerification => ("验资报告", "capital verification report"),
        _ => (type, type),
    };
}
