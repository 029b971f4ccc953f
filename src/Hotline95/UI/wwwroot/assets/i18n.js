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
    "dash.soonText": "The licence dossier and pre-review, monitoring and the annual report, red-line checks.",
    "dash.workday": "working day",
    "dash.offday": "day off",
    "nav.dashboard": "Dashboard",
    "nav.api": "API docs",
    "nav.logout": "Sign out",
    "api.title": "API reference · Hotline95",
    "api.heading": "API reference",
    "api.intro": "The machine-readable OpenAPI document:",
    "api.auth": "Browser sessions use the sign-in cookie; integrations send an API key in the X-Api-Key header.",
    "nav.calls": "Call records",
    "nav.security": "Keys & retention",
    "nav.service": "Tickets & complaints",
    "svc.title": "Tickets & complaints · Hotline95",
    "svc.heading": "Tickets and complaints",
    "svc.newTicket": "New ticket",
    "svc.fromCall": "From call",
    "svc.customer": "Customer number",
    "svc.note": "Note",
    "svc.open": "Open ticket",
    "svc.tickets": "Ticket queue",
    "svc.complaints": "Complaint queue",
    "svc.newComplaint": "New complaint",
    "svc.summary": "Complaint",
    "svc.receive": "Receive complaint",
    "svc.escalations": "Escalations (supervisor)",
    "svc.noEscalations": "No escalated complaints.",
    "svc.col.step": "Step",
    "svc.col.category": "Category",
    "svc.col.next": "Next step",
    "svc.col.status": "Status",
    "svc.col.respondBy": "Respond by",
    "svc.col.resolveBy": "Resolve by",
    "svc.col.left": "Time left",
    "svc.respond": "Responded",
    "svc.resolve": "Resolve",
    "svc.overdue": "overdue",
    "calls.title": "Call records · Hotline95",
    "calls.heading": "Call records",
    "calls.phone": "Caller number",
    "calls.line": "Line",
    "calls.from": "From",
    "calls.to": "To",
    "calls.outcome": "Outcome",
    "calls.all": "All",
    "calls.answered": "Answered",
    "calls.missed": "Missed",
    "calls.search": "Search",
    "calls.none": "No calls found.",
    "calls.masked": "Numbers are masked. Revealing one needs a reason and is audited.",
    "calls.col.time": "Start (Shanghai)",
    "calls.col.customer": "Customer",
    "calls.col.name": "Name",
    "calls.col.direction": "Dir.",
    "calls.col.outcome": "Outcome",
    "calls.col.talk": "Talk (s)",
    "calls.reveal": "Reveal",
    "calls.reason": "Reason (audited)",
    "calls.confirm": "Show",
    "calls.play": "Play",
    "calls.block": "Block caller",
    "calls.blocked": "Blocked",
    "sec.title": "Keys & retention · Hotline95",
    "sec.heading": "Encryption keys and retention",
    "sec.master": "Master key",
    "sec.dataKeys": "Monthly data keys",
    "sec.col.month": "Month",
    "sec.col.purpose": "Purpose",
    "sec.col.created": "Created",
    "sec.col.rotated": "Re-wrapped",
    "sec.col.status": "Status",
    "sec.active": "active",
    "sec.destroyed": "destroyed",
    "sec.policy": "Retention policy",
    "sec.policyText": "Call records and recordings are kept {calls} months, complaint records {complaints} months; the purge runs nightly at {at} (Shanghai).",
    "sec.history": "Purge history (evidence)",
    "sec.col.ranAt": "Ran at",
    "sec.col.cutoff": "Records before",
    "sec.col.calls": "Calls deleted",
    "sec.col.recordings": "Recordings deleted",
    "sec.col.held": "Kept on hold",
    "sec.col.keys": "Keys destroyed",
    "sec.dryRun": "Dry run",
    "sec.purge": "Purge now",
    "sec.noHistory": "No purge has run yet.",
  };
  const zh = {};
  const KEY = "hotline95.lang";
  function lang() { return localStorage.getItem(KEY) === "en" ? "en" : "zh-CN"; }
  // t(key, zhText): the English text in English mode, else the Chinese given (or found on the page).
  function t(key, zhText) {
    if (lang() === "en" && en[key]) return en[key];
    return zhText ?? zh[key];
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
