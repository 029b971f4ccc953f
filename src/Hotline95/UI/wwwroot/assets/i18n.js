// zh-CN is the default; English is one click away and remembered per browser.
(function () {
  const en = {
    "app.tagline": "The whole life of a 95 customer-service number",
    "cal.estimated": "est.",
    "cal.estimatedTitle": "Estimated: a year involved has no State Council holiday notice loaded yet, so only the statutory holidays and days off in lieu are counted (swaps unknown); recomputed when the notice is loaded.",
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
    "dash.calendar": "Holiday calendar",
    "dash.calendarText": "Estimated years count only the statutory holidays and days off in lieu; an administrator loads the State Council notice on the server (hotline95 calendar load).",
    "dash.source.embedded": "State Council notice (shipped)",
    "dash.source.loaded": "State Council notice (loaded)",
    "dash.source.estimated": "estimated: no notice yet",
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
    "nav.compliance": "Red lines",
    "cmp.console": "Red-line alerts", "cmp.col.redline": "Red line", "cmp.col.status": "Status", "cmp.col.note": "Notes", "cmp.noRedLines": "No red-line alerts.",
    "cmp.counts": "Red-line alerts per month", "cmp.col.raised": "Raised", "cmp.col.resolved": "Resolved", "cmp.notePlaceholder": "Note", "cmp.ack": "Acknowledge", "cmp.resolve": "Resolve",
    "cmp.title": "Red-line check · Hotline95", "cmp.heading": "Red-line check",
    "cmp.intro": "Checks promotional copy, IVR prompts, agent scripts and SMS templates for Advertising Law absolute terms and marketing language. A hit is a prompt for review in context.",
    "cmp.scan": "Check", "cmp.clean": "No red-line terms found.", "cmp.hits": "hit(s) to review", "cmp.col.where": "Line:col", "cmp.col.text": "Text",
    "cmp.col.category": "Category", "cmp.col.basis": "Legal basis", "cmp.col.rewrite": "Suggested rewrite", "cmp.lexicon": "This enterprise's lexicon",
    "cmp.col.term": "Term", "cmp.col.kind": "Kind", "cmp.col.by": "Added by", "cmp.add": "Add", "cmp.exception": "exception", "cmp.term": "term",
    "mon.title": "Monitoring & reports · Hotline95", "mon.heading": "Monitoring and reports", "mon.from": "From", "mon.to": "To", "mon.show": "Show",
    "mon.calls": "Calls by month", "mon.complaints": "Complaints by month", "mon.col.month": "Month", "mon.col.calls": "Calls", "mon.col.answer": "Answer rate",
    "mon.col.talk": "Avg talk (s)", "mon.col.callers": "Callers", "mon.col.complaints": "Complaints", "mon.col.rate": "Complaints per 1,000 calls",
    "mon.alerts": "Anomaly alerts", "mon.col.raised": "Raised", "mon.col.kind": "Kind", "mon.col.evidence": "Evidence", "mon.col.handling": "Handling",
    "mon.noAlerts": "No alerts.", "mon.reports": "Reports", "mon.annual": "Annual 95 usage report", "mon.inspection": "Download the on-site inspection evidence pack (zip)",
    "ent.uploads": "Dossier and inspection documents (PDF, JPEG, PNG, up to 20 MB each, stored encrypted)", "ent.kind": "Kind", "ent.file": "File", "ent.note": "Note",
    "ent.upload": "Upload", "ent.uploaded": "Uploaded.", "ent.size": "Size", "ent.uploadedAt": "Uploaded",
    "ent.kind.lease": "Lease", "ent.kind.sitePhoto": "Site photo", "ent.kind.certificate": "Number certificate", "ent.kind.businessLicence": "Business licence",
    "ent.kind.training": "Training record", "ent.kind.other": "Other", "ent.delete": "Delete", "ent.download": "Download",
    "ent.confirmDelete": "Delete {name} for good? The inspection pack will no longer include it.",
    "ent.noUploads": "No document uploaded yet: upload the lease, site photos, the number certificate and the business licence; the inspection pack includes them.",
    "mon.reportYear": "Report year", "mon.reportPartial": "Year not ended (to yesterday, not for filing)", "mon.reportCheck": "Check whether it can be filed",
    "mon.reportEnglish": "English reading copy (PDF)", "mon.reportCases": "Typical cases (one per line, at most three, no names, numbers or other personal data)",
    "mon.reportCasesSave": "Save the typical cases", "mon.reportCasesSaved": "Saved.", "mon.reportReady": "Ready to file.",
    "mon.reportNotReady": "Not ready to file: deal with the blocking items below first.",
    "cb.heading": "Missed calls to call back", "cb.note": "Recent missed calls, oldest first. An outbound call to the same number marks one called back; you can also mark it by hand (audited).",
    "cb.col.missed": "Missed at (Shanghai)", "cb.col.queue": "Queue", "cb.col.age": "Waiting", "cb.none": "No missed call waiting for a callback.",
    "cb.done": "Called back", "cb.notePlaceholder": "Note (optional)", "cb.minutes": "{m} min", "cb.oldest": "Oldest waiting: {m} min.",
    "mon.callbacks": "Missed calls called back within 24 h", "mon.callbacksText": "Since {d}: {w} of {m} missed calls called back within 24 hours ({p}); {c} called back in all.",
    "mon.callbacksNone": "No missed call in this period.", "mon.callbacksUntracked": "No callback recorded yet: no share is reported.",
    "mon.callbacksList": "Callback list: {n} waiting, the oldest for {a} min.", "mon.callbacksListEmpty": "The callback list is empty.", "mon.col.slN": "Service level ({s} s)",
    "mon.queues": "Queue figures", "mon.queuesNote": "From the PBX's queue records (queue_log, mod_callcenter). Service level = answered within N s ÷ (offered − short abandons); n/a where there is nothing to divide by.",
    "mon.col.day": "Day", "mon.col.queue": "Queue", "mon.col.offered": "Offered", "mon.col.answered": "Answered", "mon.col.abandoned": "Abandoned",
    "mon.col.asa": "Avg speed of answer (s)", "mon.col.abandonRate": "Abandonment rate", "mon.col.aht": "Avg handle time (s)",
    "mon.noQueues": "No queue records in this period. Import them with: hotline95 queues import.", "mon.heatmap": "Service level by weekday and hour",
    "mon.na": "n/a", "mon.serviceLevel": "Low service level", "mon.thresholds": "Answered within {s} s; short abandon: {a} s or less; target {t}.",
    "mon.weekdays": "Mon,Tue,Wed,Thu,Fri,Sat,Sun",
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
    "lic.f.agentName": "Name", "lic.f.fullTime": "Full-time", "lic.f.siCity": "Insured in", "lic.f.siMonths": "Months insured", "lic.f.training": "Training (topic, date, file)",
    "lic.f.siHistory": "Insurance month by month (imported, read-only)", "lic.f.trainingTopic": "Topic", "lic.f.trainingDate": "Date", "lic.f.trainingFile": "Sign-in sheet or courseware file", "lic.addTraining": "+ training",
    "lic.f.purposes": "Purposes (one per line)", "lic.f.hours": "Service hours", "lic.f.flow": "Service flow (one step per line)", "lic.f.commitment": "No-marketing commitment",
    "lic.f.dataText": "Customer data security policy", "lic.f.encryption": "Encryption (blank: read from the text)", "lic.f.roles": "Roles with access (separate with 、)",
    "lic.f.callText": "Call record policy", "lic.f.complaintText": "Complaint handling policy", "lic.f.materialType": "Type", "lic.f.file": "File", "lic.f.stamped": "Stamped",
    "lic.f.industry": "Industry", "lic.f.equipment": "Seat equipment (separate with 、)", "lic.f.description": "What the hotline is", "lic.f.callers": "Who calls it",
    "lic.f.serverLocation": "Where the servers are", "lic.f.officer": "Responsible for security", "lic.f.effectiveDate": "Policies take effect on",
    "lic.f.platformUse": "Hotline and the Hotline95 platform", "lic.platform.none": "Not on Hotline95",
    "lic.platform.stated": "The applicant's (e.g. an agency client's) hotline runs on Hotline95: the policies describe its measures, every other fact is the dossier's",
    "lic.platform.own": "This enterprise's hotline runs here: seats, agents, encryption and retention from the platform, and the policies describe its measures",
    "lic.f.number": "95 number",
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
  const defined = {};
  const KEY = "hotline95.lang";
  function lang() { return localStorage.getItem(KEY) === "en" ? "en" : "zh-CN"; }
  // define({ key: ["中文", "English"] }): a page's or feature's texts, both languages side by side (the one catalog format).
  function define(pairs) {
    for (const [key, pair] of Object.entries(pairs)) {
      zh[key] = pair[0];
      en[key] = pair[1];
      defined[key] = true;
    }
  }
  // Fills {name} placeholders from args.
  function fill(text, args) {
    return args && typeof args === "object" && typeof text === "string" ? text.replace(/\{(\w+)\}/g, (m, name) => name in args ? String(args[name]) : m) : text;
  }
  // t(key, args): the text in the UI's language, {name} placeholders filled from args.
  // Legacy form t(key, zhText): the Chinese given when the catalog has no Chinese for the key.
  function t(key, args) {
    const zhText = typeof args === "string" ? args : undefined;
    if (lang() === "en" && en[key]) return fill(en[key], args);
    return fill(zh[key] ?? zhText ?? key, args);
  }
  function apply() {
    const current = lang();
    document.documentElement.lang = current;
    document.querySelectorAll("[data-i18n]").forEach(el => {
      const key = el.getAttribute("data-i18n");
      if (!(key in zh)) zh[key] = el.textContent; // the page's own text is the Chinese original
      el.textContent = current === "en" && en[key] ? en[key] : zh[key];
    });
    // Attributes: data-i18n-attr="placeholder:key;aria-label:key2".
    document.querySelectorAll("[data-i18n-attr]").forEach(el => {
      for (const part of el.getAttribute("data-i18n-attr").split(";")) {
        const [attr, key] = part.split(":").map(x => x.trim());
        if (attr && key) el.setAttribute(attr, t(key));
      }
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
  define({
    "nav.desk": ["坐席台", "Desk"],
    "nav.admin": ["管理", "Administration"],
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
  });
  window.hotline95 = { t, lang, apply, define };
  apply();
})();
