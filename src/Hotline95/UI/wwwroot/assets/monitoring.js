// The supervisor's monitoring dashboard: monthly figures with charts (drawn as SVG here: no chart library, no CDN), alerts, reports.
(function () {
  const { api, el, shanghai, ready, turns, confirmAction, problem, evidence } = window.h95;
  const { t, enumText } = hotline95;
  const NS = "http://www.w3.org/2000/svg";
  let me = null;

  const showError = window.h95.errorLine("mon-error");
  function svg(tag, attrs, text) {
    const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function bars(id, points) {
    const chart = document.getElementById(id);
    const max = Math.max(1, ...points.map(p => p.value));
    const slot = 560 / Math.max(1, points.length);
    chart.replaceChildren(svg("line", { x1: 30, y1: 190, x2: 590, y2: 190, stroke: "#999" }),
      ...points.flatMap((p, i) => {
        const h = Math.round(p.value / max * 160);
        const x = 30 + i * slot + slot * 0.15;
        return [svg("rect", { x, y: 190 - h, width: slot * 0.7, height: h, fill: "#2b6cb0", "data-label": p.label, "data-value": p.value }),
          svg("text", { x: x + slot * 0.35, y: 185 - h, "text-anchor": "middle", "font-size": 10 }, p.value.toLocaleString()),
          svg("text", { x: x + slot * 0.35, y: 205, "text-anchor": "middle", "font-size": 10 }, p.label)];
      }));
  }
  function query() {
    const p = new URLSearchParams();
    const line = document.getElementById("mon-line").value;
    if (line) p.set("line", line);
    for (const [id, key] of [["mon-from", "from"], ["mon-to", "to"]]) {
      const v = document.getElementById(id).value;
      if (v) p.set(key, v);
    }
    return p;
  }
  const monthsTurn = turns();
  async function loadMonths() {
    const current = monthsTurn();
    const res = await api("/api/monitoring/months?" + query());
    if (!current() || !showError(res)) return;
    document.getElementById("months-body").replaceChildren(...res.body.map(m => el("tr", { "data-month": m.period },
      el("td", {}, m.period), el("td", {}, m.calls.toLocaleString()), el("td", {}, (m.answerRate * 100).toFixed(1) + "%"),
      el("td", {}, m.averageTalkSeconds.toFixed(1)), el("td", {}, m.distinctCallers.toLocaleString()), el("td", {}, String(m.complaints)),
      el("td", {}, m.complaintsPer1000Calls.toFixed(2)))));
    document.getElementById("months-empty").hidden = res.body.length > 0;
    bars("chart-calls", res.body.map(m => ({ label: m.period.slice(2), value: m.calls })));
    bars("chart-complaints", res.body.map(m => ({ label: m.period.slice(2), value: m.complaints })));
    reportLinks();
  }
  // The annual report: an ended year (or, marked partial, this year up to yesterday); whether it is ready to file; its typical cases.
  function reportQuery() {
    const line = document.getElementById("mon-line").value;
    const year = document.getElementById("report-year").value;
    const partial = document.getElementById("report-partial").checked;
    return `line=${encodeURIComponent(line)}&year=${encodeURIComponent(year)}${partial ? "&partial=true" : ""}`;
  }
  function reportLinks() {
    const yearInput = document.getElementById("report-year");
    if (!yearInput.value) yearInput.value = String(Number(shanghai(new Date().toISOString()).slice(0, 4)) - 1);
    for (const f of ["pdf", "xlsx", "json"]) document.getElementById("report-" + f).href = `/api/reports/annual?${reportQuery()}&format=${f}`;
    document.getElementById("report-en").href = `/api/reports/annual?${reportQuery()}&format=pdf&lang=en`;
    document.getElementById("inspection").href = `/api/reports/inspection?line=${encodeURIComponent(document.getElementById("mon-line").value)}`;
    // The typical cases and whether the chosen report can be filed (blocking items in red), for those who make reports.
    if (me?.permissions?.includes("GenerateReports")) {
      loadCases();
      checkReport();
    }
  }
  async function checkReport() {
    const box = document.getElementById("report-warnings");
    const res = await api(`/api/reports/annual/check?${reportQuery()}`);
    if (!res.ok) { box.replaceChildren(el("p", { class: "error" }, problem(res))); return; }
    const blocking = res.body.warnings.filter(w => w.blocking);
    box.replaceChildren(
      el("p", { class: blocking.length ? "error" : "ok", "data-ready": String(res.body.ready) },
        res.body.ready ? t("mon.reportReady") : t("mon.reportNotReady")),
      el("ul", {}, ...res.body.warnings.map(w => el("li", { class: w.blocking ? "error" : "muted", "data-code": w.code }, w.message))));
  }
  async function loadCases() {
    const line = document.getElementById("mon-line").value;
    const year = document.getElementById("report-year").value;
    if (!line || !year) return;
    const res = await api(`/api/reports/cases?line=${encodeURIComponent(line)}&year=${encodeURIComponent(year)}`);
    if (res.ok) document.getElementById("report-cases").value = res.body.join("\n");
  }
  async function saveCases() {
    const cases = document.getElementById("report-cases").value.split("\n").map(c => c.trim()).filter(c => c);
    const res = await api(`/api/reports/cases?${reportQuery()}`, { method: "PUT", body: JSON.stringify({ cases }) });
    document.getElementById("report-cases-status").textContent = res.ok ? t("common.saved") : problem(res);
  }
  // Queue figures: per queue per day, and the service level as a weekday × hour heat map (counts summed, then divided).
  const pct = v => v === null || v === undefined ? t("mon.na") : (v * 100).toFixed(1) + "%";
  const secs = v => v === null || v === undefined ? t("mon.na") : v.toFixed(1);
  const queuesTurn = turns();
  async function loadQueues() {
    const current = queuesTurn();
    const p = query();
    // Dates are Asia/Shanghai (UTC+8, no summer time), whatever the browser's zone.
    const shanghaiDate = ms => new Date(ms + 8 * 3600000).toISOString().slice(0, 10);
    if (!p.get("to")) p.set("to", shanghaiDate(Date.now()));
    if (!p.get("from")) p.set("from", shanghaiDate(Date.now() - 29 * 86400000));
    p.set("groupBy", "queueDay");
    const days = await api("/api/monitoring/queues?" + p);
    p.set("groupBy", "hour");
    const hours = await api("/api/monitoring/queues?" + p);
    if (!current() || !showError(days) || !showError(hours)) return;
    const r = days.body;
    document.getElementById("sl-heading").textContent = t("mon.col.slN", { s: r.serviceLevelSeconds });
    document.getElementById("queue-thresholds").textContent = t("mon.thresholds", { s: r.serviceLevelSeconds, a: r.shortAbandonSeconds, t: pct(r.serviceLevelTarget) });
    document.getElementById("queues-empty").hidden = r.rows.length > 0;
    document.getElementById("queues-body").replaceChildren(...r.rows.map(q => {
      const [day, ...queue] = q.key.split(" ");
      return el("tr", { "data-queue-day": q.key, class: q.serviceLevel !== null && q.serviceLevel < r.serviceLevelTarget ? "atrisk" : "" },
        el("td", {}, day), el("td", {}, queue.join(" ")), el("td", {}, String(q.offered)), el("td", {}, String(q.answered)), el("td", {}, String(q.abandoned)),
        el("td", { class: "sl" }, pct(q.serviceLevel)), el("td", {}, secs(q.averageSpeedOfAnswer)), el("td", {}, pct(q.abandonmentRate)), el("td", {}, secs(q.averageHandleTime)));
    }));
    // Heat map: rows Monday..Sunday, columns 0..23; each cell sums the counts of its hours before dividing.
    const cells = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => ({ inTime: 0, counted: 0, offered: 0 })));
    for (const h of hours.body.rows) {
      const [day, hour] = h.key.split(" ");
      const weekday = (new Date(day + "T00:00:00Z").getUTCDay() + 6) % 7;
      const c = cells[weekday][Number(hour)];
      c.inTime += h.answeredInTime; c.counted += h.offered - h.shortAbandoned; c.offered += h.offered;
    }
    const names = t("mon.weekdays").split(",");
    const map = document.getElementById("sl-heatmap");
    map.tHead.replaceChildren(el("tr", {}, el("td", {}, ""), ...Array.from({ length: 24 }, (_, i) => el("th", { scope: "col" }, String(i).padStart(2, "0")))));
    map.tBodies[0].replaceChildren(...cells.map((row, w) => el("tr", {}, el("th", { scope: "row" }, names[w]), ...row.map((c, hour) => {
      if (c.offered === 0) return el("td", { class: "empty" }, "");
      const level = c.counted > 0 ? c.inTime / c.counted : null;
      const shade = level === null ? "na" : level >= r.serviceLevelTarget ? "good" : level >= r.serviceLevelTarget / 2 ? "fair" : "poor";
      return el("td", { class: shade, "data-cell": `${w}-${hour}`, title: `${names[w]} ${String(hour).padStart(2, "0")}:00 ${pct(level)} (${c.inTime}/${c.counted}, ${c.offered})` }, level === null ? "–" : Math.round(level * 100) + "");
    }))));
  }
  const callbacksTurn = turns();
  async function loadCallbacks() {
    const current = callbacksTurn();
    const p = query();
    const res = await api("/api/monitoring/callbacks?" + p);
    if (!current() || !showError(res)) return;
    const f = res.body;
    const share = f.trackedFrom === null ? t("mon.callbacksUntracked")
      : f.missed === 0 ? t("mon.callbacksNone")
      : t("mon.callbacksText", { d: f.trackedFrom, m: f.missed, w: f.calledBackWithin24Hours, p: pct(f.shareWithin24Hours), c: f.calledBack });
    const list = f.open === 0 ? t("mon.callbacksListEmpty") : t("mon.callbacksList", { n: f.open, a: f.oldestOpenMinutes });
    document.getElementById("callbacks-text").textContent = `${share} ${list}`;
  }
  // Blocking is destructive for the caller: it asks first, naming the number and the line.
  async function block(a) {
    const go = await confirmAction({ title: t("mon.blockTitle"), consequence: t("mon.blockText", { caller: a.caller ?? "", line: a.line }), confirm: t("mon.block") });
    if (go && showError(await api(`/api/monitoring/alerts/${a.id}/block`, { method: "POST" }))) await loadAlerts();
  }
  const alertsTurn = turns();
  let alertsPage = 1;
  async function loadAlerts() {
    const current = alertsTurn();
    const res = await api(`/api/monitoring/alerts?page=${alertsPage}`);
    if (!current() || !showError(res)) return;
    document.getElementById("alerts-empty").hidden = res.body.total > 0;
    window.h95.pager(document.getElementById("alerts-pager"), res.body, n => { alertsPage = n; loadAlerts(); });
    document.getElementById("alerts-body").replaceChildren(...res.body.items.map(a => {
      const actions = el("td", {});
      if (a.status === "Open") {
        if (a.kind === "CallerFlood" && me.permissions.includes("ManageBlocklist")) {
          actions.append(el("button", { type: "button", class: "block-caller", onclick: () => block(a) }, t("mon.block")));
        }
        if (me.permissions.includes("HandleAlerts")) {
          const note = el("input", { class: "handle-note", placeholder: t("mon.note"), "aria-label": t("mon.note") });
          actions.append(note, el("button", { type: "button", class: "handle-alert", onclick: async () => {
            if (showError(await api(`/api/monitoring/alerts/${a.id}/handle`, { method: "POST", body: JSON.stringify({ note: note.value }) }))) await loadAlerts();
          } }, t("mon.handle")));
        }
      }
      return el("tr", { class: a.status === "Open" ? "atrisk" : "", "data-kind": a.kind },
        el("td", {}, shanghai(a.raisedAt)), el("td", {}, a.line), el("td", {}, enumText("AlertKind", a.kind)),
        el("td", {}, evidence(a.evidence, a.evidenceBilingual)), el("td", { translate: "no" }, a.handling ? `${a.handling} (${a.handledBy})` : ""), actions);
    }));
  }
  document.getElementById("mon-filters").addEventListener("submit", e => { e.preventDefault(); loadMonths(); loadQueues(); loadCallbacks(); });
  document.getElementById("report-year").addEventListener("change", reportLinks);
  document.getElementById("report-partial").addEventListener("change", reportLinks);
  document.getElementById("report-check").addEventListener("click", checkReport);
  document.getElementById("report-cases-save").addEventListener("click", saveCases);
  ready.then(async m => {
    me = m;
    const lines = await api("/api/lines");
    if (showError(lines)) {
      document.getElementById("mon-line").replaceChildren(...lines.body.map(l => el("option", { value: l.number, translate: "no" }, `${l.number} ${l.name}`)));
    }
    await Promise.all([loadMonths(), loadQueues(), loadCallbacks(), loadAlerts()]);
  });
  // Figures and rows carry texts of the UI's language: drawn again when it changes.
  document.addEventListener("hotline95:lang", () => { if (me) Promise.all([loadMonths(), loadQueues(), loadCallbacks(), loadAlerts()]); });
})();
