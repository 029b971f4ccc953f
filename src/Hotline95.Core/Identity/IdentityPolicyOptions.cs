using System.ComponentModel.DataAnnotations;

namespace Hotline95.Core.Identity;

public sealed class IdentityPolicyOptions
{
    public const string Section = "Identity";

    /// <summary>Failed logins in a row before the account is locked.</summary>
    [Range(1, 100)]
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    [Range(8, 128)]
    public int GeneratedPasswordLength { get; set; } = 16;

    /// <summary>Sign-in attempts one client address may make per minute (beyond them: 429).</summary>
    [Range(1, 10_000)]
    public int LoginAttemptsPerMinute { get; set; } = 20;
}
