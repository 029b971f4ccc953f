using System.Globalization;
using Hotline95.Core.Calendar;

namespace Hotline95.Text;

/// <summary>Calendar answers as people read them, in Chinese and English (CLI lines and API texts).</summary>
public static class CalendarText
{
    /// <summary>Why a date is worked or not, in one language.</summary>
    public static string Reason(DayInfo day, bool english) => english ? day.ReasonEn : day.ReasonZh;

    /// <summary>What an estimate means, naming the year(s) without a notice.</summary>
    public static string EstimateNote(int year, bool english) => english
        ? $"estimate: no State Council holiday notice for {year} is loaded; statutory holidays and days off in lieu only, swaps unknown"
        : $"估算：尚未加载 {year} 年国务院节假日安排，仅按法定节假日及补假计算，调休未知";

    /// <summary>The rule that produced a due date, e.g. "10 days after 2026-09-25 (民法典第201–203条): 2026-10-05 is 国庆节, so the next working day".</summary>
    public static string Rule(PeriodDue due, bool english)
    {
        var from = Day(due.From);
        var text = due.Rule switch
        {
            PeriodRule.WorkingDays => english
                ? $"{due.Count} working days after {from}, ending at the end of {Day(due.Due)}"
                : $"{from} 后第 {due.Count} 个工作日（{Day(due.Due)}）结束",
            PeriodRule.CalendarDays when due.Count == 0 => english ? $"fixed date {Day(due.Due)}" : $"固定日期 {Day(due.Due)}",
            PeriodRule.CalendarDays when due.RestDay is { } rest => english
                ? $"{due.Count} days counted from the day after {from} (Civil Code arts. 201–203): the last day {Day(due.Nominal)} is a rest day ({rest.ReasonEn}), so the period ends on the next working day, {Day(due.Due)}"
                : $"自 {from} 次日起算 {due.Count} 日（《民法典》第二百零一条至第二百零三条）：末日 {Day(due.Nominal)} 为休息日（{rest.ReasonZh}），顺延至其后第一个工作日 {Day(due.Due)}",
            PeriodRule.CalendarDays => english
                ? $"{due.Count} days counted from the day after {from} (Civil Code arts. 201–203), ending at the end of {Day(due.Due)}"
                : $"自 {from} 次日起算 {due.Count} 日（《民法典》第二百零一条至第二百零三条），至 {Day(due.Due)} 届满",
            _ => english ? $"{due.Count} clock hours" : $"{due.Count} 小时",
        };
        return due.Estimated ? $"{text} ({(english ? "estimated" : "估算")})" : text;
    }

    /// <summary>Chinese, then English, as the CLI prints.</summary>
    public static string Both(Func<bool, string> text) => $"{text(false)} / {text(true)}";

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
