using System.ComponentModel.DataAnnotations;

namespace Hotline95.Core.Reports;

/// <summary>Settings of the filings (section <c>Reports</c>).</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>
    /// The administration the annual report is addressed to (报送单位). Unset: the authority of the licence policy in force
    /// (上海市通信管理局 in the shipped policy), so the name lives in one place unless an installation says otherwise.
    /// </summary>
    [MinLength(2)]
    public string? Addressee { get; set; }

    /// <summary>The same administration's name in the English reading copy; unset: the policy's English name.</summary>
    [MinLength(2)]
    public string? AddresseeEnglish { get; set; }

    /// <summary>At most this many typical complaint cases are printed (典型案例).</summary>
    public const int MaxTypicalCases = 3;
}
