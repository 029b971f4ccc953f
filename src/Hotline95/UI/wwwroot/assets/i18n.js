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
    "dash.soonText": "Monitoring and the annual report, red-line checks.",
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
    "nav.licence": "Licence",
    "nav.monitoring": "Monitoring & reports",
    "mon.title": "Monitoring & reports · Hotline95", "mon.heading": "Monitoring and reports", "mon.from": "From", "mon.to": "To", "mon.show": "Show",
    "mon.calls": "Calls by month", "mon.complaints": "Complaints by month", "mon.col.month": "Month", "mon.col.calls": "Calls", "mon.col.answer": "Answer rate",
    "mon.col.talk": "Avg talk (s)", "mon.col.callers": "Callers", "mon.col.complaints": "Complaints", "mon.col.rate": "Complaints per 1,000 calls",
    "mon.alerts": "Anomaly alerts", "mon.col.raised": "Raised", "mon.col.kind": "Kind", "mon.col.evidence": "Evidence", "mon.col.handling": "Handling",
    "mon.noAlerts": "No alerts.", "mon.reports": "Reports", "mon.annual": "Annual 95 usage report", "mon.inspection": "Download the on-site inspection evidence pack (zip)",
    "mon.block": "Block this caller", "mon.note": "How it was handled", "mon.handle": "Record handling", "mon.surge": "Call surge", "mon.flood": "Caller flood",
    "nav.roster": "Seats & agents",
    "lic.title": "Licence · Hotline95",
    "lic.heading": "Number application and upkeep",
    "lic.portfolio": "Portfolio",
    "lic.col.title": "Applicant", "lic.col.number": "Number", "lic.col.ready": "Conditions", "lic.col.errors": "Problems", "lic.col.stage": "Stage",
    "lic.col.next": "Next deadline", "lic.col.code": "Code", "lic.col.field": "Field", "lic.col.problem": "Problem", "lic.col.fix": "Fix",
    "lic.col.step": "Step", "lic.col.who": "Who", "lic.col.due": "Due", "lic.col.done": "Done", "lic.col.flag": "Status", "lic.col.task": "Duty",
    "lic.new": "New dossier", "lic.import": "Import JSON", "lic.editor": "Dossier", "lic.open": "Open",
    "lic.company": "Conditions 1–2: entity and capital", "lic.premises": "Condition 3: premises", "lic.agents": "Condition 4: staff",
    "lic.plan": "Condition 5: usage plan", "lic.security": "Condition 6: security policies", "lic.materials": "Materials", "lic.platform": "Platform",
    "lic.f.name": "Company name", "lic.f.uscc": "Unified social credit code", "lic.f.legalForm": "Legal form", "lic.f.registeredIn": "Registered in",
    "lic.f.scope": "Business scope", "lic.f.capital": "Registered capital (RMB)", "lic.f.paidIn": "Paid in", "lic.f.address": "Address", "lic.f.district": "District",
    "lic.f.leaseStart": "Lease start", "lic.f.leaseEnd": "Lease end", "lic.f.own": "Own property", "lic.f.seats": "Seats", "lic.f.photos": "Call-centre photos (one file per line)",
    "lic.f.agentName": "Name", "lic.f.fullTime": "Full-time", "lic.f.siCity": "Insured in", "lic.f.siMonths": "Months insured", "lic.f.training": "Training (separate with 、)",
    "lic.f.purposes": "Purposes (one per line)", "lic.f.hours": "Service hours", "lic.f.flow": "Service flow (one step per line)", "lic.f.commitment": "No-marketing commitment",
    "lic.f.dataText": "Customer data security policy", "lic.f.encryption": "Encryption (blank: read from the text)", "lic.f.roles": "Roles with access (separate with 、)",
    "lic.f.callText": "Call record policy", "lic.f.complaintText": "Complaint handling policy", "lic.f.materialType": "Type", "lic.f.file": "File", "lic.f.stamped": "Stamped",
    "lic.f.number": "95 number", "lic.f.usesPlatform": "This enterprise's hotline runs here (seats, agents, encryption and retention from the platform)",
    "lic.addAgent": "Add agent", "lic.addMaterial": "Add material", "lic.check": "Pre-review", "lic.save": "Save", "lic.export": "Export JSON",
    "lic.eligible": "Eligible", "lic.notEligible": "Not eligible", "lic.errors": "problem(s)",
    "lic.timeline": "Application timeline", "lic.target": "Target go-live", "lic.start": "Start application", "lic.record": "Record", "lic.correction": "Record correction notice",
    "lic.tasks": "Duties after the certificate", "lic.done": "Done", "lic.calendar": "Create calendar subscription (.ics)",
    "ros.title": "Seats & agents · Hotline95", "ros.heading": "Seats and agents",
    "ros.intro": "The on-site inspection counts seats and equipment; the pre-review counts full-time agents insured in Shanghai for 3 months.",
    "ros.seats": "Seats", "ros.code": "Code", "ros.location": "Location", "ros.equipment": "Equipment", "ros.saveSeat": "Save seat",
    "ros.agents": "Agents", "ros.name": "Name", "ros.user": "Account", "ros.employment": "Employment", "ros.insurance": "Social insurance", "ros.training": "Training records",
    "ros.saveAgent": "Save agent", "ros.addTraining": "Add training record", "ros.edit": "Edit",
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
