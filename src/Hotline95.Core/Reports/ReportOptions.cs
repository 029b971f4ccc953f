using System.ComponentModel.DataAnnotations;

namespace Hotline95.Core.Reports;

/// <summary>Settings of the filings (section <c>Reports</c>).</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>The administration the annual report is addressed to (报送单位).</summary>
    [Required, MinLength(2)]
    public string Addressee { get; set; } = "上海市通信管理局";

    /// <summary>The same administration's name in the English reading copy.</summary>
    [Required, MinLength(2)]
    public string AddresseeEnglish { get; set; } = "Shanghai Communications Administration";

    /// <summary>At most this many typical complaint cases are printed (典型案例).</summary>
    public const int MaxTypicalCases = 3;
}
