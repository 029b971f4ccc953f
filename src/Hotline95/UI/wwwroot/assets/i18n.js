// zh-CN is the default; English is one click away and remembered per browser.
(function () {
  const en = {
    "app.tagline": "The whole life of a 95 customer-service number",
    "login.title": "Sign in · Hotline95",
    "login.user": "User name",
    "login.password": "Password",
    "login.submit": "Sign in",
    "login.failed": "Sign-in failed.",
    "dash.title": "Dashboard · Hotline95",
    "dash.heading": "Dashboard",
    "dash.lines": "95 lines",
    "dash.linesEmpty": "No lines yet. An administrator adds them with “hotline95 lines add”.",
    "dash.today": "Today",
    "dash.soon": "Coming next",
    "dash.soonText": "Call records, tickets and complaints, monitoring and the annual report, red-line checks.",
    "dash.workday": "working day",
    "dash.offday": "day off",
    "nav.dashboard": "Dashboard",
    "nav.api": "API docs",
    "nav.logout": "Sign out",
    "api.title": "API reference · Hotline95",
    "api.heading": "API reference",
    "api.intro": "The machine-readable OpenAPI document:",
    "api.auth": "Browser sessions use the sign-in cookie; integrations send an API key in the X-Api-Key header.",
  };
  const zh = {};
  const KEY = "hotline95.lang";
  function lang() { return localStorage.getItem(KEY) === "en" ? "en" : "zh-CN"; }
  function t(key) {
    if (lang() === "en" && en[key]) return en[key];
    return zh[key];
  }
  function apply() {
    const current = lang();
    document.documentElement.lang = current;
    document.querySelectorAll("[data-i18n]").forEach(el => {
      const key = el.getAttribute("data-i18n");
      if (!(key in zh)) zh[key] = el.textContent; // the page's own text is the Chinese original
      el.textContent = current === "en" && en[key] ? en[key] : zh[key];
    });
    document.querySelectorAll("[data-lang-toggle]").forEach(b => { b.textContent = current === "en" ? "中文" : "English"; });
  }
  document.addEventListener("click", e => {
    if (e.target.closest("[data-lang-toggle]")) {
      localStorage.setItem(KEY, lang() === "en" ? "zh-CN" : "en");
      apply();
      document.dispatchEvent(new Event("hotline95:lang"));
    }
  });
  window.hotline95 = { t, lang, apply };
  apply();
})();
