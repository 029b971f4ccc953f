namespace Hotline95.Core.Demo;

/// <summary>A kind of complaint the demo bank receives: what the customer said, the first response and the resolution (no personal data).</summary>
public sealed record DemoComplaintCase(string Summary, string Response, string Resolution, bool AboutMissedCall);

/// <summary>When a demo complaint was responded to and resolved (null: not yet), and the satisfaction the customer gave (null: not asked or no answer).</summary>
public sealed record DemoComplaintSteps(DateTimeOffset? RespondAt, DateTimeOffset? ResolveAt, int? Satisfaction);

/// <summary>
/// The demo's complaints: a few per thousand calls, most answered within the day and resolved within the working days
/// allowed, some answered or resolved late, the recent ones still open, and one forgotten past its deadline.
/// </summary>
public static class DemoComplaints
{
    /// <summary>Complaints per thousand inbound calls.</summary>
    public const double PerThousandCalls = 3.0;

    /// <summary>Every this-many-th complaint is answered late (after the 24 hours), and every <see cref="LateResolutionEvery"/>-th resolved late.</summary>
    public const int LateResponseEvery = 11;

    public const int LateResolutionEvery = 13;

    public static readonly IReadOnlyList<DemoComplaintCase> Cases =
    [
        new("信用卡年费未经提前告知即扣收，要求退还", "已受理，3个工作日内核实年费收取依据并回复", "核实首年免年费条件已达成，已退还年费并致歉", false),
        new("账单分期手续费与办理时告知的费率不一致", "已受理，正在调取办理时的通话录音核对", "经录音核对告知费率有误，已按告知费率调整并退还差额", false),
        new("多次拨打热线排队未接通，要求回电", "已致电客户致歉，说明高峰时段排队情况", "已回电解答账单疑问，并告知可用的自助渠道", true),
        new("客服承诺当天回电但未回电", "已致歉并约定回电时间", "已按约定时间回电处理完毕，对相关坐席进行辅导", false),
        new("还款后信用额度未及时恢复，影响使用", "已受理，正在核查入账时间", "入账延迟系跨行转账在途，已恢复额度并说明原因", false),
        new("收不到激活卡片的短信验证码", "已受理，已提交短信通道排查", "短信通道拦截已解除，客户已完成激活", false),
        new("对挂失补卡收费有异议", "已受理，说明收费标准并核查减免条件", "符合减免条件，已减免补卡费用", false),
    ];

    /// <summary>The case of a complaint about a call: one not answered is about the waiting.</summary>
    public static DemoComplaintCase CaseFor(bool missedCall, Random rng)
    {
        var fitting = Cases.Where(c => c.AboutMissedCall == missedCall).ToList();
        return fitting[rng.Next(fitting.Count)];
    }

    /// <summary>
    /// The steps of the <paramref name="index"/>-th complaint: answered 20 minutes to 18 hours after receipt (the late ones
    /// 2 to 18 hours after the deadline), resolved part-way through the working days allowed (the late ones up to 2½ days after
    /// the deadline); a step after <paramref name="now"/> has not happened yet, and a <paramref name="forgotten"/> one is never resolved.
    /// </summary>
    public static DemoComplaintSteps Steps(int index, DateTimeOffset received, DateTimeOffset respondBy, DateTimeOffset resolveBy, DateTimeOffset now, bool forgotten, Random rng)
    {
        var lateResponse = index % LateResponseEvery == LateResponseEvery / 2;
        var lateResolution = index % LateResolutionEvery == LateResolutionEvery / 2;
        var respond = lateResponse ? respondBy.AddHours(2 + rng.Next(17)) : received.AddMinutes(20 + rng.Next(18 * 60));
        var resolve = lateResolution ? resolveBy.AddHours(6 + rng.Next(55)) : received + ((resolveBy - received) * (0.15 + (0.75 * rng.NextDouble())));
        if (resolve < respond)
        {
            resolve = respond.AddHours(1);
        }

        int? satisfaction = rng.Next(10) < 6 ? (lateResponse || lateResolution ? 2 + rng.Next(2) : 4 + rng.Next(2)) : null;
        return new DemoComplaintSteps(respond <= now ? respond : null, !forgotten && resolve <= now ? resolve : null, satisfaction);
    }
}
