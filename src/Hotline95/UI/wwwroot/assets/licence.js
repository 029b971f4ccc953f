// The licence page: the portfolio, the dossier editor with its pre-review, documents, the application timeline and the duties.
(function () {
  const { api, el, ready, turns, estimated } = window.h95;
  const { t, enumText, pick } = hotline95;
  const form = document.getElementById("dossier-form");
  const materialTypes = ["businessLicence", "lease", "propertyCertificate", "callCentrePhotos", "socialInsuranceProof", "trainingRecords", "usagePlan", "securityPolicies", "commitmentLetter", "capitalVerification"];
  const stepKeys = ["materials-ready", "declared", "formal-review-passed", "substantive-review-passed", "inspection-passed", "certificate-issued", "filed"];
  let current = null; // { id, dossier } of the dossier being edited

  const showError = window.h95.errorLine("lic-error");

  // ---- dossier <-> form ----
  function get(obj, path) { return path.split(".").reduce((o, k) => (o == null ? undefined : o[k]), obj); }
  function set(obj, path, value) {
    const keys = path.split(".");
    let o = obj;
    for (const k of keys.slice(0, -1)) o = o[k] ??= {};
    o[keys.at(-1)] = value;
  }
  function fill(dossier) {
    form.querySelectorAll("[data-path]").forEach(input => {
      const v = get(dossier, input.dataset.path);
      const type = input.dataset.type;
      if (type === "bool") input.checked = v === true;
      else if (type === "lines") input.value = (v || []).join("\n");
      else if (type === "list") input.value = (v || []).join("、");
      else input.value = v ?? "";
    });
    document.getElementById("agents-body").replaceChildren(...(dossier.agents || []).map(agentRow));
    document.getElementById("materials-body").replaceChildren(...(dossier.materials || []).map(materialRow));
  }
  function collect() {
    const dossier = {};
    form.querySelectorAll("[data-path]").forEach(input => {
      const type = input.dataset.type;
      const raw = input.value.trim();
      let v;
      if (type === "bool") v = input.checked ? true : undefined;
      else if (type === "lines") v = raw ? raw.split("\n").map(s => s.trim()).filter(Boolean) : undefined;
      else if (type === "list") v = raw ? raw.split(/[、,，]/).map(s => s.trim()).filter(Boolean) : undefined;
      else if (type === "number") v = raw ? Number(raw) : undefined;
      else if (type === "int") v = raw ? parseInt(raw, 10) : undefined;
      else v = raw || undefined;
      if (v !== undefined) set(dossier, input.dataset.path, v);
    });
    // Each agent row keeps the agent it was filled from: members the editor does not edit (the month-by-month insurance
    // history, which decides over city and months) stay with that agent, whichever rows are added or removed.
    const agents = [...document.querySelectorAll("#agents-body > tr")].map(tr => {
      const q = c => tr.querySelector(c);
      const training = [...tr.querySelectorAll(".t-row")].map(row => ({ ...row.original,
        topic: row.querySelector(".t-topic").value.trim(), date: row.querySelector(".t-date").value || undefined,
        file: row.querySelector(".t-file").value.trim() || undefined })).filter(t => t.topic || t.date || t.file);
      return { ...tr.original, name: q(".a-name").value.trim() || undefined, fullTime: q(".a-full").checked,
        socialInsuranceCity: q(".a-city").value.trim() || undefined,
        socialInsuranceMonths: q(".a-months").value ? parseInt(q(".a-months").value, 10) : undefined,
        training: training.length ? training : undefined };
    });
    if (agents.length) dossier.agents = agents;
    const materials = [...document.querySelectorAll("#materials-body tr")].map(tr => ({
      type: tr.querySelector(".m-type").value, file: tr.querySelector(".m-file").value.trim() || undefined, stamped: tr.querySelector(".m-stamped").checked }));
    if (materials.length) dossier.materials = materials;
    // The dossier says its hotline is on Hotline95 when the one switch says so, stated or own (the server keeps own's flag).
    if (document.getElementById("platform-use").value !== "none") dossier.usesHotline95Platform = true;
    return dossier;
  }
  function agentRow(a) {
    const remove = el("button", { type: "button", class: "link a-remove", "aria-label": t("lic.removeAgent"), title: t("lic.removeAgent"), onclick: e => e.target.closest("#agents-body > tr").remove() }, "✕");
    const records = el("div", { class: "a-training" }, ...(a.training || []).map(trainingRow));
    const addTraining = el("button", { type: "button", class: "link a-add-training", onclick: () => records.append(trainingRow({ topic: "" })) }, t("lic.addTraining"));
    const history = (a.socialInsuranceHistory || []).map(m => `${m.month} ${m.city}`).join(t("common.listSeparator"));
    const tr = el("tr", {},
      el("td", {}, el("input", { class: "a-name", value: a.name ?? "", "aria-label": t("lic.f.agentName"), translate: "no" })),
      el("td", {}, el("input", { class: "a-full", type: "checkbox", "aria-label": t("lic.f.fullTime"), ...(a.fullTime ? { checked: "" } : {}) })),
      el("td", {}, el("input", { class: "a-city", value: a.socialInsuranceCity ?? "", "aria-label": t("lic.f.siCity"), translate: "no" })),
      el("td", {}, el("input", { class: "a-months", type: "number", min: "0", value: a.socialInsuranceMonths ?? "", "aria-label": t("lic.f.siMonths") })),
      el("td", { class: "a-history", translate: "no" }, history),
      el("td", {}, records, addTraining),
      el("td", {}, remove));
    tr.original = a;
    return tr;
  }
  // One training record: topic, date and the file of its sign-in sheet or courseware (the check asks for all three).
  function trainingRow(record) {
    const row = el("div", { class: "t-row" },
      el("input", { class: "t-topic", value: record.topic ?? "", placeholder: t("lic.f.trainingTopic"), "aria-label": t("lic.f.trainingTopic"), translate: "no" }), " ",
      el("input", { class: "t-date", type: "date", value: record.date ?? "", "aria-label": t("lic.f.trainingDate") }), " ",
      el("input", { class: "t-file", value: record.file ?? "", placeholder: t("lic.f.trainingFile"), "aria-label": t("lic.f.trainingFile"), translate: "no" }), " ",
      el("button", { type: "button", class: "link", "aria-label": t("lic.removeTraining"), title: t("lic.removeTraining"), onclick: e => e.target.closest(".t-row").remove() }, "✕"));
    row.original = record;
    return row;
  }
  function materialRow(m) {
    const select = el("select", { class: "m-type", "aria-label": t("lic.f.materialType") },
      ...materialTypes.map(type => el("option", { value: type, ...(type === m.type ? { selected: "" } : {}) }, enumText("MaterialType", type))));
    return el("tr", {},
      el("td", {}, select),
      el("td", {}, el("input", { class: "m-file", value: m.file ?? "", "aria-label": t("lic.f.file"), translate: "no" })),
      el("td", {}, el("input", { class: "m-stamped", type: "checkbox", "aria-label": t("lic.f.stamped"), ...(m.stamped ? { checked: "" } : {}) })),
      el("td", {}, el("button", { type: "button", class: "link", "aria-label": t("lic.removeMaterial"), title: t("lic.removeMaterial"), onclick: e => e.target.closest("tr").remove() }, "✕")));
  }
  document.getElementById("add-agent").addEventListener("click", () => document.getElementById("agents-body").append(agentRow({ fullTime: true, socialInsuranceCity: "上海" })));
  document.getElementById("add-material").addEventListener("click", () => document.getElementById("materials-body").append(materialRow({ type: "businessLicence" })));

  // ---- pre-review ----
  function showReport(report) {
    lastReport = report;
    document.getElementById("report").hidden = false;
    const errors = report.findings.filter(f => f.severity === "error").length;
    document.getElementById("verdict").textContent = report.eligible
      ? t("lic.eligible", { policy: report.policy })
      : t("lic.notEligible", { policy: report.policy, n: errors });
    document.getElementById("verdict").className = report.eligible ? "ok" : "error";
    const en = hotline95.lang() === "en";
    const mark = { pass: "✓", fail: "✗", unknown: "?" };
    document.getElementById("conditions").replaceChildren(...report.conditions.map(c =>
      el("li", { class: "cond-" + c.status, "data-condition": c.number },
        `${mark[c.status]} ${t("lic.condition", { n: c.number, title: en ? c.titleEn : c.title })}: ${enumText("ConditionStatus", c.status)}`)));
    document.getElementById("findings-body").replaceChildren(...report.findings.map(f =>
      el("tr", { class: f.severity === "error" ? "overdue" : "atrisk", "data-code": f.code },
        el("td", {}, f.code), el("td", {}, f.field ?? ""), el("td", {}, en ? f.messageEn : f.message), el("td", {}, en ? f.fixEn : f.fix))));
  }
  let lastReport = null;
  document.getElementById("check").addEventListener("click", async () => {
    const res = current?.id
      ? await saveThen(() => api(`/api/dossiers/${current.id}/check`))
      : await api("/api/dossiers/check", { method: "POST", body: JSON.stringify(collect()) });
    if (showError(res)) showReport(res.body);
  });
  async function saveThen(next) {
    if (!me.permissions.includes("ManageLicence")) return next();
    const saved = await save();
    return saved.ok ? next() : saved;
  }
  async function save() {
    const params = new URLSearchParams({ usesPlatform: document.getElementById("platform-use").value === "own", number: document.getElementById("dossier-number").value.trim() });
    const res = current?.id
      ? await api(`/api/dossiers/${current.id}?${params}`, { method: "PUT", body: JSON.stringify(collect()) })
      : await api(`/api/dossiers?${params}`, { method: "POST", body: JSON.stringify(collect()) });
    if (res.ok) {
      current = { id: res.body.id, dossier: res.body.dossier };
      document.getElementById("editor-title").textContent = res.body.title;
      renderDocuments();
      // A saved change that must be filed opens a duty: said where the user looks (the duties list shows it too).
      document.getElementById("save-status").textContent = (res.body.openedTasks || [])
        .map(task => t("lic.taskOpened", { task: taskTitle(task.kind, task.forYear), due: task.dueOn })).join(" ");
      await Promise.all([loadPortfolio(), loadTasks(), loadTimeline()]);
    }
    return res;
  }
  form.addEventListener("submit", async e => { e.preventDefault(); showError(await save()); });
  document.getElementById("export").addEventListener("click", () => {
    const blob = new Blob([JSON.stringify(collect(), null, 2)], { type: "application/json" });
    const a = el("a", { href: URL.createObjectURL(blob), download: "dossier.json" });
    a.click();
  });
  document.getElementById("import-file").addEventListener("change", async e => {
    const file = e.target.files[0];
    if (!file) return;
    let dossier;
    try { dossier = JSON.parse(await file.text()); } catch (err) { showError({ ok: false, body: { detail: `${file.name}: ${err.message}` } }); return; }
    open(null, dossier, { number: "" });
    // The server validates against the schema and names the JSON path of any problem.
    const res = await api("/api/dossiers/check", { method: "POST", body: JSON.stringify(dossier) });
    if (showError(res)) showReport(res.body);
  });
  function renderDocuments() {
    const box = document.getElementById("documents");
    if (!current?.id) { box.replaceChildren(); return; }
    // The documents are Chinese filings; their links are named in the UI's language.
    const kinds = [["usage-plan", "lic.doc.usagePlan"], ["security-policies", "lic.doc.securityPolicies"], ["commitment-letter", "lic.doc.commitmentLetter"]];
    box.replaceChildren(...kinds.flatMap(([k, key]) => [
      el("a", { href: `/api/dossiers/${current.id}/documents/${k}?format=docx`, class: "doc-link" }, t(key, { format: "DOCX" })), " ",
      el("a", { href: `/api/dossiers/${current.id}/documents/${k}?format=pdf`, class: "doc-link" }, t(key, { format: "PDF" })), " "]));
  }

  // A duty in words: what it is (the annual report names its year); the dossier it belongs to is shown beside it.
  function taskTitle(kind, forYear) {
    return enumText("LicenceTaskKind", kind) + (forYear ? t("lic.forYear", { year: forYear }) : "");
  }
  // A dossier's next deadline: a duty by its kind; an application step by the words the server gives it (the step's own
  // title), else by the stage's name; anything else by its words as they came.
  function nextWhat(next) {
    if (next.taskKind) return taskTitle(next.taskKind, next.forYear);
    if (next.what) return pick(next.what);
    return next.stepKey ? enumText("LicenceStage", next.stepKey) : "";
  }

  // ---- portfolio ----
  const loadPortfolioTurn = turns();
  async function loadPortfolio() {
    const current = loadPortfolioTurn();
    const res = await api("/api/dossiers");
    if (!current() || !showError(res)) return;
    document.getElementById("portfolio-body").replaceChildren(...res.body.map(d => el("tr", { "data-id": d.dossierId, class: d.next?.flag === "late" ? "overdue" : d.next?.flag === "at-risk" ? "atrisk" : "" },
      el("td", { translate: "no" }, d.title), el("td", {}, d.number ?? ""), el("td", {}, `${d.conditionsPassed}/6 ${d.eligible ? "✓" : ""}`),
      el("td", {}, String(d.errors)), el("td", {}, enumText("LicenceStage", d.stage)), el("td", {}, d.next ? `${d.next.dueOn} ${nextWhat(d.next)} ` : "", estimated(d.next?.estimated)),
      el("td", {}, el("button", { type: "button", class: "link open-dossier", onclick: () => openStored(d.dossierId) }, t("lic.open"))))));
    document.getElementById("portfolio-empty").hidden = res.body.length > 0;
  }
  async function openStored(id) {
    const res = await api(`/api/dossiers/${id}`);
    if (!showError(res)) return;
    open(id, res.body.dossier, res.body);
    const report = await api(`/api/dossiers/${id}/check`);
    if (showError(report)) showReport(report.body);
    await loadTimeline();
  }
  function open(id, dossier, meta) {
    current = { id, dossier };
    document.getElementById("editor").hidden = false;
    document.getElementById("report").hidden = true;
    document.getElementById("editor-title").textContent = dossier.company?.name ?? "";
    // One switch: the stored answer (own, stated, none), else what an imported dossier states.
    document.getElementById("platform-use").value = meta.platform ?? (dossier.usesHotline95Platform === true ? "stated" : "none");
    document.getElementById("dossier-number").value = meta.number ?? "";
    fill(dossier);
    renderDocuments();
    document.getElementById("timeline").hidden = !id;
  }
  document.getElementById("new-dossier").addEventListener("click", () => open(null, {}, {}));

  // ---- application timeline ----
  let application = null;
  const loadTimelineTurn = turns();
  async function loadTimeline() {
    if (!current?.id) return;
    document.getElementById("timeline").hidden = false;
    const turn = loadTimelineTurn();
    const list = await api("/api/licence/applications");
    if (!turn() || !showError(list)) return;
    application = list.body.find(a => a.dossierId === current.id) || null;
    document.getElementById("start-form").hidden = !!application || !me.permissions.includes("ManageLicence");
    document.getElementById("step-form").hidden = !application || !me.permissions.includes("ManageLicence");
    document.getElementById("correction-form").hidden = !application || !me.permissions.includes("ManageLicence");
    const body = document.getElementById("steps-body");
    if (!application) { body.replaceChildren(); document.getElementById("plan").replaceChildren(); return; }
    const en = hotline95.lang() === "en";
    body.replaceChildren(...application.steps.map(s => el("tr", { class: s.flag === "late" ? "overdue" : s.flag === "at-risk" ? "atrisk" : "", "data-step": s.key },
      el("td", {}, String(s.step)), el("td", {}, (en ? s.titleEn : s.titleZh) + (s.note ? ` — ${s.note}` : "")), el("td", {}, enumText("StepOwner", s.who)),
      el("td", {}, s.dueOn ?? "", " ", estimated(s.dueOn && s.dueEstimated)), el("td", {}, s.doneOn ?? ""), el("td", { class: "flag", "data-flag": s.flag }, s.flag === "none" ? enumText("StepStatus", s.status) : enumText("StepFlag", s.flag)))));
    // Steps are recorded in order: offer only the next one (certificate-issued fills step 6's start, filed its end).
    const st = application.steps;
    const recorded = [st[0].doneOn, st[1].doneOn, st[2].doneOn, st[3].doneOn, st[4].doneOn, st[5].startedOn, st[5].doneOn].filter(Boolean).length;
    document.getElementById("step-select").replaceChildren(...stepKeys.slice(recorded, recorded + 1).map(k => el("option", { value: k }, enumText("StepRecord", k))));
    document.getElementById("plan").replaceChildren(...(application.plan ? [
      ...application.plan.milestones.map(m => el("li", {}, m.latestOn, " ", estimated(m.estimated), " ", en ? m.titleEn : m.titleZh)),
      ...application.plan.warnings.map(w => el("li", { class: "error" }, w))] : []),
      ...application.warnings.map(w => el("li", { class: "error" }, w.reason)));
  }
  document.getElementById("start-form").addEventListener("submit", async e => {
    e.preventDefault();
    const target = document.getElementById("target-date").value || null;
    if (showError(await api("/api/licence/applications", { method: "POST", body: JSON.stringify({ dossierId: current.id, targetGoLive: target }) }))) await Promise.all([loadTimeline(), loadPortfolio()]);
  });
  document.getElementById("step-form").addEventListener("submit", async e => {
    e.preventDefault();
    const body = { step: document.getElementById("step-select").value, on: document.getElementById("step-on").value || null, certificateNumber: document.getElementById("step-certificate").value || null };
    if (showError(await api(`/api/licence/applications/${application.id}/steps`, { method: "POST", body: JSON.stringify(body) }))) await Promise.all([loadTimeline(), loadPortfolio(), loadTasks()]);
  });
  document.getElementById("correction-form").addEventListener("submit", async e => {
    e.preventDefault();
    const codes = document.getElementById("correction-codes").value.split(/[,，\s]+/).filter(Boolean);
    const body = { codes, text: document.getElementById("correction-text").value };
    if (showError(await api(`/api/licence/applications/${application.id}/corrections`, { method: "POST", body: JSON.stringify(body) }))) {
      await loadTimeline();
      const report = await api(`/api/dossiers/${current.id}/check`);
      if (showError(report)) showReport(report.body);
    }
  });

  // ---- duties after the certificate ----
  const loadTasksTurn = turns();
  async function loadTasks() {
    const current = loadTasksTurn();
    const res = await api("/api/licence/tasks");
    if (!current() || !showError(res)) return;
    const canManage = me.permissions.includes("ManageLicence");
    document.getElementById("tasks-empty").hidden = res.body.length > 0;
    document.getElementById("tasks-body").replaceChildren(...res.body.map(task => el("tr", { class: task.status === "late" ? "overdue" : task.daysLeft <= 7 ? "atrisk" : "", "data-kind": task.kind },
      el("td", {}, task.dueOn, " ", estimated(task.dueEstimated && !task.doneOn)),
      el("td", {}, taskTitle(task.kind, task.forYear), " — ", el("span", { translate: "no" }, task.dossier),
        task.detail ? el("span", task.kind === "ChangeFiling" ? { translate: "no" } : {}, ` (${task.textBilingual ? pick(task.detail) : task.detail})`) : ""),
      el("td", { "data-status": task.status }, `${enumText("TaskStatus", task.status)} · ${t("lic.daysLeft", { n: task.daysLeft })}`),
      el("td", {}, canManage ? el("button", { type: "button", class: "link", onclick: async () => { if (showError(await api(`/api/licence/tasks/${task.id}/done`, { method: "POST", body: "{}" }))) await loadTasks(); } }, t("lic.done")) : ""))));
  }
  // A new address revokes the old one (that is how a leaked address is shut): it asks first.
  document.getElementById("calendar-token").addEventListener("click", async () => {
    if (!await window.h95.confirmAction({ title: t("lic.calendarTitle"), consequence: t("lic.calendarText"), confirm: t("lic.calendar") })) return;
    const res = await api("/api/licence/calendar-token", { method: "POST" });
    if (showError(res)) document.getElementById("calendar-url").textContent = res.body.url;
  });

  let me = null;
  ready.then(async m => { me = m; await Promise.all([loadPortfolio(), loadTasks()]); });
  document.addEventListener("hotline95:lang", () => {
    if (current?.id) loadTimeline();
    if (lastReport) showReport(lastReport);
    if (me) Promise.all([loadPortfolio(), loadTasks()]);
    // The editor's rows are drawn again from what they hold now, edits included.
    if (!document.getElementById("editor").hidden) {
      const editing = collect();
      document.getElementById("agents-body").replaceChildren(...(editing.agents || []).map(agentRow));
      document.getElementById("materials-body").replaceChildren(...(editing.materials || []).map(materialRow));
    }
  });
})();
