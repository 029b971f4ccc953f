namespace Hotline95.Core.Licensing.Eligibility.Rules;

/// <summary>
/// Condition 6: the three security policies (安全制度). A key fact the dossier leaves out is read from the policy's text;
/// a dossier on the platform is judged by what the platform enforces.
/// </summary>
internal static class SecurityRules
{
    /// <summary>
    /// Customer data stored encrypted with accepted ciphers only (AES-256, SM4), the stated method agreeing with the text;
    /// for a policy version without that list, any cipher named. A dossier on the platform is judged by the platform's cipher.
    /// </summary>
    public static void Encryption(CheckContext c)
    {
        var (p, platform) = (c.Policy, c.Platform);
        var data = c.Dossier.SecurityPolicies?.CustomerData;
        var from = platform is not null ? c.FactsFrom : data?.Encryption is not null ? Source.Dossier : Source.PolicyText;
        var reading = platform is not null ? CustomerDataCipher.Read(platform.Encryption, null) : CustomerDataCipher.Read(data?.Encryption, data?.Text);
        if (string.IsNullOrWhiteSpace(data?.Text) && platform is null && data?.Encryption is null)
        {
            c.Add("COND6_DATA_ENCRYPTION", 6, "$.securityPolicies.customerData.text", "缺少客户数据安全制度。", "The customer data security policy is missing.",
                "制定客户数据安全制度，写明加密方式（如 AES-256）、服务器位置与可访问人员。", "Write the policy: the encryption (e.g. AES-256), where the servers are, who may access.", missing: true);
        }
        else if (p.AcceptedCiphers is { Count: > 0 } accepted)
        {
            Cipher(c, accepted, reading, from);
        }
        else if (reading.Storage.Count == 0)
        {
            c.Add("COND6_DATA_ENCRYPTION", 6, "$.securityPolicies.customerData.encryption", "客户数据安全制度未写明加密方式（模板化表述）。",
                "The customer data policy names no encryption method (a template policy).",
                "写明具体加密方式（如“姓名、电话以 AES-256 加密存储”）、服务器所在地和授权访问角色。", "Name the method (e.g. names and numbers stored AES-256 encrypted), where the servers are, and who may access.");
        }
        else
        {
            c.Note(6, $"客户数据加密：{reading.Method}{from.Zh}", $"customer data encrypted with {reading.Method}{from.En}");
        }
    }

    /// <summary>
    /// Every cipher named for stored data accepted, and one at least: a weaker one (AES-128, DES), AES without its key
    /// length, or 加密 without an algorithm fails, even beside an accepted one; so does a stated method the text contradicts.
    /// The evidence says what the policy data says of the cipher (SM4: the national standard).
    /// </summary>
    private static void Cipher(CheckContext c, IReadOnlyList<AcceptedCipher> accepted, CustomerDataCipher reading, Source from)
    {
        var names = string.Join(" 或 ", accepted.Select(a => a.Name));
        var namesEn = string.Join(" or ", accepted.Select(a => a.Name));
        var fixZh = $"存储客户数据只写一种被接受的加密算法（如“姓名、电话以 {accepted[0].Name} 加密存储”），加密方式与制度正文一致，并写明服务器所在地和授权访问角色。";
        var fixEn = $"Name only accepted ciphers for stored data (e.g. names and numbers stored {accepted[0].Name} encrypted), the same in the encryption member and the text, with where the servers are and who may access.";
        var rejected = reading.Rejected(accepted);
        var match = reading.Match(accepted);
        if (rejected.Count > 0)
        {
            var inTextOnly = rejected.All(r => !reading.Stated.Contains(r));
            var (whereZh, whereEn) = inTextOnly && reading.Stated.Count > 0 ? ("（见制度正文）", " (in the policy text)") : ("", "");
            var (besideZh, besideEn) = match is { } m ? ($"；另写有的 {m.Named} 不能抵消", $"; the {m.Named} also named does not make up for it") : ("", "");
            c.Add("COND6_DATA_ENCRYPTION", 6, inTextOnly && reading.Stated.Count > 0 ? "$.securityPolicies.customerData.text" : "$.securityPolicies.customerData.encryption",
                $"客户数据加密算法为 {string.Join("、", rejected)}{whereZh}，不符合要求：存储客户数据的每一种加密算法都须为 {names}{besideZh}{from.Zh}。",
                $"Customer data is encrypted with {string.Join(", ", rejected)}{whereEn}, which is not accepted: every cipher for stored customer data must be {namesEn}{besideEn}{from.En}.",
                fixZh, fixEn);
            return;
        }

        if (match is not { } found)
        {
            c.Add("COND6_DATA_ENCRYPTION", 6, "$.securityPolicies.customerData.encryption",
                reading.Other.Count == 0
                    ? $"客户数据安全制度未写明加密算法（仅写“加密”或模板化表述不足以通过），须为 {names}{from.Zh}。"
                    : $"客户数据安全制度未写明存储加密算法：所写 {string.Join("、", reading.Other)} 用于传输或密钥，不是存储客户数据的算法，须为 {names}{from.Zh}。",
                reading.Other.Count == 0
                    ? $"The customer data policy names no encryption algorithm (saying 'encrypted' or a template is not enough); it must be {namesEn}{from.En}."
                    : $"The customer data policy names no cipher for stored data: {string.Join(", ", reading.Other)} protects transport or keys; it must be {namesEn}{from.En}.",
                fixZh, fixEn);
            return;
        }

        if (reading.TextDisagreeing is { Count: > 0 } disagreeing)
        {
            c.Add("COND6_DATA_ENCRYPTION", 6, "$.securityPolicies.customerData.encryption",
                $"加密方式写为 {reading.StatedMethod}，制度正文却写 {string.Join("、", disagreeing)}：两处须一致。",
                $"The encryption is stated as {reading.StatedMethod} but the policy text says {string.Join(", ", disagreeing)}: the two must agree.",
                fixZh, fixEn);
            return;
        }

        // A method stated on its own is shown as stated (AES-256-GCM); one read from prose by the cipher it names.
        var (zh, en) = (found.Accepted.NoteZh is { } nz ? $"（{nz}）" : "", found.Accepted.NoteEn is { } ne ? $" ({ne})" : "");
        c.Note(6, $"客户数据加密：{reading.StatedMethod ?? found.Named.Name}{zh}{from.Zh}", $"customer data encrypted with {reading.StatedMethod ?? found.Named.Name}{en}{from.En}");
    }

    /// <summary>Who may access customer data, said by roles or in the text (a warning: a reviewer asks, but it is rarely the reason to reject).</summary>
    public static void Access(CheckContext c)
    {
        var data = c.Dossier.SecurityPolicies?.CustomerData;
        if (c.Platform is null && data is not null && data.AccessRoles is not { Count: > 0 } && !CheckContext.ContainsAny(data.Text ?? "", ["授权", "权限", "authoris", "authoriz", "access"]))
        {
            c.Add("COND6_DATA_ENCRYPTION", 6, "$.securityPolicies.customerData.accessRoles", "未说明谁可访问客户数据。", "The policy does not say who may access customer data.",
                "列明可访问的角色（如 主管、合规专员）及审批与审计方式。", "List the roles that may access (e.g. supervisor, compliance officer) and how access is approved and audited.", FindingSeverity.Warning);
        }
    }

    public static void CustomerDataRetention(CheckContext c)
    {
        var data = c.Dossier.SecurityPolicies?.CustomerData;
        Retention(c, "$.securityPolicies.customerData.retentionMonths", "客户数据", "customer data",
            c.Platform?.CallRecordRetentionMonths ?? data?.RetentionMonths ?? PolicyText.RetentionMonths(data?.Text), c.Policy.MinCustomerDataRetentionMonths,
            data is null && c.Platform is null, c.Platform is null && PolicyText.KeptIndefinitely(data?.Text));
    }

    public static void CallRecordRetention(CheckContext c)
    {
        var calls = c.Dossier.SecurityPolicies?.CallRecords;
        Retention(c, "$.securityPolicies.callRecords.retentionMonths", "通话记录", "call records",
            c.Platform?.CallRecordRetentionMonths ?? calls?.RetentionMonths ?? PolicyText.RetentionMonths(calls?.Text), c.Policy.MinCallRecordRetentionMonths,
            true, c.Platform is null && PolicyText.KeptIndefinitely(calls?.Text));
    }

    /// <summary>
    /// Complaints answered within the policy's hours and resolved within its working days, each limit stated. A response
    /// limit given in days (3个工作日内响应) is said to be wrong as such, not reported missing.
    /// </summary>
    public static void ComplaintLimits(CheckContext c)
    {
        var (p, platform, source) = (c.Policy, c.Platform, c.FactsFrom);
        var complaints = c.Dossier.SecurityPolicies?.Complaints;
        var hours = platform?.ComplaintResponseHours ?? complaints?.ResponseHours ?? PolicyText.ResponseHours(complaints?.Text);
        var days = platform?.ComplaintResolutionWorkingDays ?? complaints?.ResolutionWorkingDays ?? PolicyText.ResolutionWorkingDays(complaints?.Text);
        var responseDays = hours is null && platform is null ? PolicyText.ResponseDays(complaints?.Text) : null;
        if (responseDays is { } wrong)
        {
            c.Add("COND6_COMPLAINT_LIMITS", 6, "$.securityPolicies.complaints.responseHours",
                $"投诉响应时限写为 {wrong} 天（工作日）：响应时限须以小时计，不超过 {p.MaxComplaintResponseHours} 小时。",
                $"The complaint response limit is given as {wrong} (working) days: a response limit is counted in hours, at most {p.MaxComplaintResponseHours}.",
                $"改为“{p.MaxComplaintResponseHours}小时内响应”。", $"State: respond within {p.MaxComplaintResponseHours} hours.");
        }

        var noResponse = hours is null && responseDays is null;
        if (noResponse || days is null)
        {
            c.Add("COND6_COMPLAINT_LIMITS", 6, noResponse ? "$.securityPolicies.complaints.responseHours" : "$.securityPolicies.complaints.resolutionWorkingDays",
                $"投诉处理制度未写明{(noResponse ? "响应时限" : "")}{(noResponse && days is null ? "和" : "")}{(days is null ? "办结时限" : "")}。",
                $"The complaint policy states no {(noResponse ? "response limit" : "")}{(noResponse && days is null ? " and no " : "")}{(days is null ? "resolution limit" : "")}.",
                $"写明“{p.MaxComplaintResponseHours}小时内响应，{p.MaxComplaintResolutionWorkingDays}个工作日内办结”。",
                $"State: respond within {p.MaxComplaintResponseHours} hours, resolve within {p.MaxComplaintResolutionWorkingDays} working days.", missing: complaints is null && platform is null);
        }

        if (hours is null)
        {
            if (days is { } slow && !p.ResolvesInTime(slow))
            {
                c.Add("COND6_COMPLAINT_LIMITS", 6, "$.securityPolicies.complaints.resolutionWorkingDays",
                    $"投诉办结时限 {days} 个工作日，宽于要求（上限 {p.MaxComplaintResolutionWorkingDays}）{source.Zh}。",
                    $"Complaints are resolved within {days} working days, looser than required (max {p.MaxComplaintResolutionWorkingDays}){source.En}.",
                    $"改为“{p.MaxComplaintResolutionWorkingDays}个工作日内办结”。", $"Tighten to {p.MaxComplaintResolutionWorkingDays} working days.");
            }
        }
        else if (!p.RespondsInTime(hours.Value) || days is { } late && !p.ResolvesInTime(late))
        {
            c.Add("COND6_COMPLAINT_LIMITS", 6, !p.RespondsInTime(hours.Value) ? "$.securityPolicies.complaints.responseHours" : "$.securityPolicies.complaints.resolutionWorkingDays",
                $"投诉时限宽于要求：响应 {hours} 小时（上限 {p.MaxComplaintResponseHours}），办结 {days} 个工作日（上限 {p.MaxComplaintResolutionWorkingDays}）{source.Zh}。",
                $"Complaint limits are looser than required: respond {hours} h (max {p.MaxComplaintResponseHours}), resolve {days} working days (max {p.MaxComplaintResolutionWorkingDays}){source.En}.",
                $"改为“{p.MaxComplaintResponseHours}小时内响应，{p.MaxComplaintResolutionWorkingDays}个工作日内办结”。",
                $"Tighten to {p.MaxComplaintResponseHours} hours and {p.MaxComplaintResolutionWorkingDays} working days.");
        }
        else if (days is not null)
        {
            c.Note(6, $"投诉 {hours} 小时内响应、{days} 个工作日内办结{source.Zh}", $"complaints answered within {hours} h and resolved within {days} working days{source.En}");
        }
    }

    public static void ComplaintRecordRetention(CheckContext c)
    {
        var complaints = c.Dossier.SecurityPolicies?.Complaints;
        Retention(c, "$.securityPolicies.complaints.recordRetentionMonths", "投诉记录", "complaint records",
            c.Platform?.ComplaintRecordRetentionMonths ?? complaints?.RecordRetentionMonths ?? PolicyText.RetentionMonths(complaints?.Text), c.Policy.MinComplaintRecordRetentionMonths,
            complaints is not null || c.Platform is not null, c.Platform is null && PolicyText.KeptIndefinitely(complaints?.Text));
    }

    /// <summary>
    /// A period of at least the minimum, then deletion: kept for ever (永久保存 in the text, 0, or the policy's indefinite
    /// length) is said to be wrong as such. <paramref name="required"/>: a period missing is a finding.
    /// </summary>
    private static void Retention(CheckContext c, string field, string whatZh, string whatEn, int? months, int min, bool required, bool statedForever)
    {
        var source = c.FactsFrom;
        if (statedForever || months is { } held && c.Policy.KeepsForever(held))
        {
            var (howZh, howEn) = statedForever ? ("写明永久（长期）保存", "are stated to be kept permanently")
                : months == 0 ? ("保存期限为 0（不限期）", "have a retention of 0 (no limit)")
                : ($"保存 {months} 个月，实为不限期", $"are kept {months} months, which is no limit");
            c.Add("COND6_RETENTION", 6, field, $"{whatZh}{howZh}：期满须删除，不得永久保存{source.Zh}。",
                $"{whatEn} {howEn}: they must be deleted when the period ends, never kept for ever{source.En}.",
                $"写明{whatZh}保存 {min} 个月（或其他确定期限），期满后删除。", $"State that {whatEn} are kept {min} months (or another fixed period), then deleted.");
        }
        else if (months is null)
        {
            if (required)
            {
                c.Add("COND6_RETENTION", 6, field, $"未写明{whatZh}的保存期限。", $"No retention period is stated for {whatEn}.",
                    $"写明{whatZh}保存不少于 {min} 个月，到期永久删除。", $"State that {whatEn} are kept at least {min} months, then permanently deleted.", missing: true);
            }
        }
        else if (months < min)
        {
            c.Add("COND6_RETENTION", 6, field, $"{whatZh}保存 {months} 个月，少于 {min} 个月{source.Zh}。", $"{whatEn} are kept {months} months, less than {min}{source.En}.",
                $"将{whatZh}保存期限改为不少于 {min} 个月。", $"Keep {whatEn} at least {min} months.");
        }
        else
        {
            c.Note(6, $"{whatZh}保存 {months} 个月{source.Zh}", $"{whatEn} kept {months} months{source.En}");
        }
    }
}
