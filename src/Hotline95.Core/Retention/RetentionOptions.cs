using System.ComponentModel.DataAnnotations;

namespace Hotline95.Core.Retention;

/// <summary>
/// How long records are kept. The floors are the regulator's (DOMAIN.md): call records at least 6 months,
/// complaint records at least 1 year. A value below a floor stops the program at start-up.
/// </summary>
public sealed class RetentionOptions : IValidatableObject
{
    public const string Section = "Retention";
    public const int MinimumCallRecordMonths = 6;
    public const int MinimumComplaintRecordMonths = 12;

    public int CallRecordMonths { get; set; } = MinimumCallRecordMonths;

    public int ComplaintRecordMonths { get; set; } = MinimumComplaintRecordMonths;

    /// <summary>When the nightly purge runs, Asia/Shanghai time.</summary>
    public TimeOnly NightlyAt { get; set; } = new(2, 30);

    public bool NightlyEnabled { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CallRecordMonths < MinimumCallRecordMonths)
        {
            yield return new ValidationResult(
                $"Retention:CallRecordMonths is {CallRecordMonths}: call records and recordings must be kept at least {MinimumCallRecordMonths} months (通话记录至少保存6个月).",
                [nameof(CallRecordMonths)]);
        }

        if (ComplaintRecordMonths < MinimumComplaintRecordMonths)
        {
            yield return new ValidationResult(
                $"Retention:ComplaintRecordMonths is {ComplaintRecordMonths}: complaint records must be kept at least {MinimumComplaintRecordMonths} months (投诉记录至少保存1年).",
                [nameof(ComplaintRecordMonths)]);
        }
    }
}
