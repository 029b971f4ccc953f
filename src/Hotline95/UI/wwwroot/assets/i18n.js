// The one way to translate. zh-CN is the default; English is one click away and remembered per browser.
// Texts live in catalogs, both languages side by side: this file's common keys, and one file per page in
// /assets/text/NAME.js (loaded after this one) giving hotline95.define an object of "key": ["中文", "English"] pairs.
// HTML: data-i18n="key" (textContent), data-i18n-attr="placeholder:key;aria-label:key2". JS: hotline95.t("key", { n: 3 }).
// Elements whose text is Chinese by nature (titles of laws, Chinese filings, suggested Chinese rewrites) carry lang="zh-CN";
// user data carries translate="no". A key without a text is a bug: it shows as the key and is reported on the console.
(function () {
  const zh = {};
  const en = {};
  const KEY = "hotline95.lang";
  function lang() { return localStorage.getItem(KEY) === "en" ? "en" : "zh-CN"; }
  // A page's or feature's texts, each key with its Chinese and English side by side (the one catalog format).
  function define(pairs) {
    for (const [key, [zhText, enText]] of Object.entries(pairs)) {
      zh[key] = zhText;
      en[key] = enText;
    }
  }
  function has(key) { return key in zh; }
  // Fills {name} placeholders from args.
  function fill(text, args) {
    return args && typeof args === "object" ? text.replace(/\{(\w+)\}/g, (m, name) => name in args ? String(args[name]) : m) : text;
  }
  // t(key, args): the text in the UI's language, {name} placeholders filled from args.
  function t(key, args) {
    const text = (lang() === "en" ? en : zh)[key];
    if (typeof text !== "string") {
      console.error(`hotline95: no text for "${key}"`);
      return key;
    }
    return fill(text, args);
  }
  // A text with user data in it, as nodes: the words in the UI's language, each {name} filled from args inside a
  // <span translate="no"> (a name or a number the user wrote is not the product's text to translate).
  function nodes(key, args) {
    return t(key).split(/(\{\w+\})/).filter(part => part !== "").map(part => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!name || !args || !(name in args)) return part;
      const span = document.createElement("span");
      span.setAttribute("translate", "no");
      span.textContent = String(args[name]);
      return span;
    });
  }
  // An enum value the server sends (a status, a step, a category): its text under enum.TYPE.VALUE; a value the catalog
  // does not know is reported like any missing key and shown as it came.
  function enumText(type, value, args) {
    if (value === null || value === undefined || value === "") return "";
    const key = `enum.${type}.${value}`;
    if (has(key)) return t(key, args);
    console.error(`hotline95: no text for "${key}"`);
    return String(value);
  }
  // A server text written in both languages, "English / 中文" or "中文 / English": [Chinese side, English side] (the side
  // with more Chinese characters is the Chinese one), or null for any other text.
  const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/g;
  function sides(text) {
    if (typeof text !== "string") return null;
    const parts = text.split(/\s*\/\s+/).map(p => p.trim());
    if (parts.length !== 2) return null;
    const count = s => (s.match(CJK) || []).length;
    const [a, b] = parts;
    if (count(a) === count(b)) return null;
    return count(a) > count(b) ? [a, b] : [b, a];
  }
  // Such a text's side in the UI's language; any other text as it is.
  function pick(text) {
    const both = sides(text);
    return both ? both[lang() === "en" ? 1 : 0] : (text ?? "");
  }
  function apply() {
    const current = lang();
    document.documentElement.lang = current;
    document.querySelectorAll("[data-i18n]").forEach(el => { el.textContent = t(el.getAttribute("data-i18n")); });
    // Attributes: data-i18n-attr="placeholder:key;aria-label:key2".
    document.querySelectorAll("[data-i18n-attr]").forEach(el => {
      for (const part of el.getAttribute("data-i18n-attr").split(";")) {
        const [attr, key] = part.split(":").map(x => x.trim());
        if (attr && key) el.setAttribute(attr, t(key));
      }
    });
    // The switch names the other language, in that language.
    document.querySelectorAll("[data-lang-toggle]").forEach(b => {
      b.textContent = current === "en" ? "中文" : "English";
      b.lang = current === "en" ? "zh-CN" : "en";
    });
  }
  document.addEventListener("click", e => {
    if (e.target.closest("[data-lang-toggle]")) {
      localStorage.setItem(KEY, lang() === "en" ? "zh-CN" : "en");
      apply();
      document.dispatchEvent(new Event("hotline95:lang"));
    }
  });
  define({
    "nav.dashboard": ["工作台", "Home"],
    "nav.desk": ["坐席台", "Desk"],
    "nav.calls": ["通话", "Calls"],
    "nav.service": ["工单投诉", "Service"],
    "nav.security": ["密钥", "Keys"],
    "nav.monitoring": ["监控报告", "Monitoring"],
    "nav.licence": ["码号", "Licence"],
    "nav.compliance": ["合规", "Compliance"],
    "nav.roster": ["坐席人员", "Roster"],
    "nav.admin": ["管理", "Admin"],
    "nav.api": ["API", "API"],
    "nav.label": ["主导航", "Main navigation"],
    "nav.logout": ["退出", "Sign out"],
    "nav.logoutFailed": ["退出失败，仍处于登录状态，请重试。", "Sign-out failed: you are still signed in. Try again."],
    "nav.home": ["返回工作台", "Back to the dashboard"],
    "app.name": ["Hotline95", "Hotline95"],
    "net.unreachable": ["无法连接服务器，请求没有得到回应。若刚才在保存，请刷新页面查看是否已保存。", "Cannot reach the server: the request got no answer. If you were saving something, reload the page to see whether it was saved."],
    "common.cancel": ["取消", "Cancel"],
    "common.confirm": ["确认", "Confirm"],
    "common.prev": ["上一页", "Previous"],
    "common.next": ["下一页", "Next"],
    "common.pagerRange": ["第 {first}–{last} 条，共 {total} 条", "{first}–{last} of {total}"],
    "common.pageOf": ["第 {page} / {pages} 页", "page {page} of {pages}"],
    "common.dur.d": ["{d} 天", "{d} d"],
    "common.dur.dh": ["{d} 天 {h} 小时", "{d} d {h} h"],
    "common.dur.h": ["{h} 小时", "{h} h"],
    "common.dur.hm": ["{h} 小时 {m} 分", "{h} h {m} min"],
    "common.dur.m": ["{m} 分钟", "{m} min"],
    "common.left": ["剩 {t}", "{t} left"],
    "common.overdueBy": ["已超时 {t}", "overdue by {t}"],
    "common.pagerRangeCapped": ["第 {first}–{last} 条，至少 {total} 条（计数已封顶，缩小查找范围可得确数）", "{first}–{last} of at least {total} (count capped: narrow the search for the exact number)"],
    "common.remove": ["移除", "Remove"],
    "common.save": ["保存", "Save"],
    "common.saved": ["已保存。", "Saved."],
    "common.actions": ["操作", "Actions"],
    "common.line": ["线路", "Line"],
    "common.listSeparator": ["、", ", "],
    "cal.estimated": ["估", "est."],
    "cal.estimatedTitle": ["估算：所涉年份尚未加载国务院节假日安排，仅按法定节假日及补假计算，调休未知；加载通知后自动重算。",
      "Estimated: a year involved has no State Council holiday notice loaded yet, so only the statutory holidays and days off in lieu are counted (swaps unknown); recomputed when the notice is loaded."],
    // Enum values shown on several pages (the server sends the value; the page shows its text).
    "enum.Role.Agent": ["坐席", "Agent"],
    "enum.Role.Specialist": ["业务专员", "Specialist"],
    "enum.Role.Supervisor": ["主管", "Supervisor"],
    "enum.Role.ComplianceOfficer": ["合规专员", "Compliance officer"],
    "enum.Role.Auditor": ["审计员", "Auditor"],
    "enum.Role.Admin": ["系统管理员", "Administrator"],
    "enum.Role.Integration": ["系统对接", "Integration"],
    "enum.CallDirection.In": ["呼入", "In"],
    "enum.CallDirection.Out": ["呼出", "Out"],
    "enum.CallDisposition.Answered": ["已接听", "Answered"],
    "enum.CallDisposition.NoAnswer": ["未接", "Missed"],
    "enum.CallDisposition.Busy": ["忙线", "Busy"],
    "enum.CallDisposition.Failed": ["失败", "Failed"],
    "enum.CallDisposition.Congestion": ["线路拥塞", "Congestion"],
    "enum.CallDisposition.Cancelled": ["已取消", "Cancelled"],
    "enum.CallDisposition.Rejected": ["已拒接", "Rejected"],
    "enum.CallDisposition.Forwarded": ["已转接", "Forwarded"],
    "enum.CallDisposition.InProgress": ["通话中", "In progress"],
    "enum.CallDisposition.Unknown": ["未知", "Unknown"],
    "enum.TicketStep.Opened": ["已创建", "Opened"],
    "enum.TicketStep.Answered": ["客服接听", "Answered"],
    "enum.TicketStep.Recorded": ["问题记录", "Issue recorded"],
    "enum.TicketStep.Transferred": ["转办处理", "Transferred"],
    "enum.TicketStep.FedBack": ["反馈结果", "Fed back"],
    "enum.TicketStep.Closed": ["已关闭", "Closed"],
    "enum.ComplaintStatus.Received": ["已受理", "Received"],
    "enum.ComplaintStatus.Responded": ["已响应", "Responded"],
    "enum.ComplaintStatus.Resolved": ["已办结", "Resolved"],
    "enum.ComplaintStatus.Escalated": ["已升级", "Escalated"],
    "enum.AlertKind.VolumeSurge": ["呼入量突增", "Call surge"],
    "enum.AlertKind.CallerFlood": ["频繁呼入", "Caller flood"],
    "enum.AlertKind.ServiceLevel": ["接通率低于目标", "Service level below target"],
    "enum.RedLine.OutOfScope": ["超范围使用", "Use out of scope"],
    "enum.RedLine.DataLeak": ["数据泄露", "Data leak"],
    "enum.RedLine.NumberLending": ["出借码号", "Number lending"],
    "enum.RedLine.FalseAdvertising": ["虚假宣传", "False advertising"],
    "enum.LicenceTaskKind.CertificateFiling": ["码号备案", "Certificate filing"],
    "enum.LicenceTaskKind.AnnualReport": ["年度使用情况报告", "Annual usage report"],
    "enum.LicenceTaskKind.ChangeFiling": ["变更备案", "Change filing"],
  });
  window.hotline95 = { t, nodes, lang, apply, define, has, enumText, sides, pick };
  // Once the page's catalogs (loaded after this file) have defined their texts.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", apply); else apply();
})();
