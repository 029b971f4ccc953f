// The supervisor's monitoring dashboard: monthly figures with charts (drawn as SVG here: no chart library, no CDN), alerts, reports.
(function () {
  const { api, el, shanghai, ready, turns } = window.h95;
  const T = (k, zh) => hotline95.t(k, zh);
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
    bars("chart-calls", res.body.map(m => ({ label: m.period.slice(2), value: m.calls })));
    bars("chart-complaints", res.body.map(m => ({ label: m.period.slice(2), value: m.complaints })));
    const line = document.getElementById("mon-line").value;
    const from = document.getElementById("mon-from").value || res.body[0]?.period + "-01";
    const to = document.getElementById("mon-to").value;
    const base = `/api/reports/annual?line=${encodeURIComponent(line)}&from=${from}&to=${to || new Date().toISOString().slice(0, 10)}`;
    for (const f of ["pdf", "xlsx", "json"]) document.getElementById("report-" + f).href = `${base}&format=${f}`;
    document.getElementById("inspection").href = `/api/reports/inspection?line=${encodeURIComponent(line)}`;
  }
  const alertsTurn = turns();
  async function loadAlerts() {
    const current = alertsTurn();
    const res = await api("/api/monitoring/alerts");
    if (!current() || !showError(res)) return;
    document.getElementById("alerts-empty").hidden = res.body.length > 0;
    document.getElementById("alerts-body").replaceChildren(...res.body.map(a => {
      const actions = el("td", {});
      if (a.status === "Open") {
        if (a.kind === "CallerFlood" && me.permissions.includes("ManageBlocklist")) {
          actions.append(el("button", { type: "button", class: "block-caller", onclick: async () => { if (showError(await api(`/api/monitoring/alerts/${a.id}/block`, { method: "POST" }))) await loadAlerts(); } }, T("mon.block", "拉黑该号码")));
        }
        if (me.permissions.includes("HandleAlerts")) {
          const note = el("input", { class: "handle-note", placeholder: T("mon.note", "处置情况") });
          actions.append(note, el("button", { type: "button", class: "handle-alert", onclick: async () => {
            if (showError(await api(`/api/monitoring/alerts/${a.id}/handle`, { method: "POST", body: JSON.stringify({ note: note.value }) }))) await loadAlerts();
          } }, T("mon.handle", "记录处置")));
        }
      }
      return el("tr", { class: a.status === "Open" ? "atrisk" : "", "data-kind": a.kind },
        el("td", {}, shanghai(a.raisedAt)), el("td", {}, a.line), el("td", {}, a.kind === "VolumeSurge" ? T("mon.surge", "呼入量突增") : T("mon.flood", "频繁呼入")),
        el("td", {}, a.evidence), el("td", {}, a.handling ? `${a.handling} (${a.handledBy})` : ""), actions);
    }));
  }
  document.getElementById("mon-filters").addEventListener("submit", e => { e.preventDefault(); loadMonths(); });
  ready.then(async m => {
    me = m;
    const lines = await api("/api/lines");
    if (showError(lines)) {
      document.getElementById("mon-line").replaceChildren(...lines.body.map(l => el("option", { value: l.number }, `${l.number} ${l.name}`)));
    }
    await Promise.all([loadMonths(), loadAlerts()]);
  });
})();
