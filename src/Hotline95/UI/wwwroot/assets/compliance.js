// The red-line scanner page: scan a text, see each hit with its legal basis and rewrite; keep the enterprise's own terms.
(function () {
  const { api, el, ready, turns } = window.h95;
  const T = (k, zh) => hotline95.t(k, zh);
  let me = null;

  function showError(res) {
    const box = document.getElementById("cmp-error");
    box.hidden = res.ok;
    if (!res.ok) box.textContent = (res.body?.field ? res.body.field + ": " : "") + (res.body?.detail || String(res.status));
    return res.ok;
  }

  document.getElementById("scan-form").addEventListener("submit", async e => {
    e.preventDefault();
    const res = await api("/api/compliance/scan", { method: "POST", body: JSON.stringify({ text: document.getElementById("scan-text").value }) });
    if (!showError(res)) return;
    const verdict = document.getElementById("scan-verdict");
    verdict.textContent = res.body.clean ? T("cmp.clean", "未发现违规用语。") : `${res.body.findings.length} ${T("cmp.hits", "处待复核")}`;
    verdict.className = res.body.clean ? "ok" : "error";
    document.getElementById("findings-body").replaceChildren(...res.body.findings.map(f => el("tr", { class: f.severity === "error" ? "overdue" : "atrisk", "data-term": f.term },
      el("td", {}, `${f.line}:${f.column}`), el("td", {}, `${f.matched} → ${f.term}`), el("td", {}, f.category), el("td", {}, f.legalBasis), el("td", {}, f.rewrite))));
  });

  const termsTurn = turns();
  async function loadTerms() {
    const current = termsTurn();
    const res = await api("/api/compliance/terms");
    if (!current() || !showError(res)) return;
    const canManage = me.permissions.includes("ManageLexicon");
    document.getElementById("terms-body").replaceChildren(...res.body.map(t => el("tr", { "data-term": t.term },
      el("td", {}, t.term), el("td", {}, t.isException ? T("cmp.exception", "例外") : T("cmp.term", "违规词")), el("td", {}, t.isException ? "" : t.category),
      el("td", {}, t.rewrite ?? ""), el("td", {}, t.addedBy),
      el("td", {}, canManage ? el("button", { type: "button", class: "link", onclick: async () => { if (showError(await api(`/api/compliance/terms/${t.id}`, { method: "DELETE" }))) await loadTerms(); } }, "✕") : ""))));
  }
  document.getElementById("term-form").addEventListener("submit", async e => {
    e.preventDefault();
    const body = { term: document.getElementById("term-text").value, isException: document.getElementById("term-kind").value === "exception",
      category: document.getElementById("term-category").value, rewrite: document.getElementById("term-rewrite").value || null };
    if (showError(await api("/api/compliance/terms", { method: "POST", body: JSON.stringify(body) }))) await loadTerms();
  });

  ready.then(async m => { me = m; await loadTerms(); });
})();
