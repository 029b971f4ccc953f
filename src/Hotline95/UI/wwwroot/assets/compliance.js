// The red-line scanner page: scan a text, see each hit with its legal basis and rewrite; keep the enterprise's own terms.
(function () {
  const { api, el, ready, turns } = window.h95;
  const T = (k, zh) => hotline95.t(k, zh);
  let me = null;

  const showError = window.h95.errorLine("cmp-error");

  document.getElementById("scan-form").addEventListener("submit", async e => {
    e.preventDefault();
    const res = await api("/api/compliance/scan", { method: "POST", body: JSON.stringify({ text: document.getElementById("scan-text").value }) });
    if (!showError(res)) return;
    const verdict = document.getElementById("scan-verdict");
    verdict.textContent = res.body.clean ? T("cmp.clean", "未发现违规用语。") : `${res.body.findings.length} ${T("cmp.hits", "处待复核")}`;
    verdict.className = res.body.clean ? "ok" : "error";
    document.getElementById("findings-body").replaceChildren(...res.body.findings.map(f => el("tr", { class: f.severity === "error" ? "overdue" : "atrisk", "data-term": f.term },
      el("td", {}, `${f.line}:${f.column}`), el("td", {}, f.matched === f.term ? f.term : `${f.matched} → ${f.term}`), el("td", {}, f.category), el("td", {}, f.legalBasis), el("td", {}, f.rewrite))));
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

  const redLineNames = { OutOfScope: "超范围使用", DataLeak: "数据泄露", NumberLending: "出借码号", FalseAdvertising: "虚假宣传" };
  const redLinesTurn = turns();
  let redLinesPage = 1;
  async function loadRedLines() {
    if (!me.permissions.includes("ViewRedLines")) return;
    const current = redLinesTurn();
    const [res, counts] = await Promise.all([api(`/api/compliance/red-lines?page=${redLinesPage}`), api("/api/compliance/red-lines/counts")]);
    if (!current() || !showError(res) || !showError(counts)) return;
    const canManage = me.permissions.includes("ManageRedLines");
    document.getElementById("redlines-empty").hidden = res.body.total > 0;
    window.h95.pager(document.getElementById("redlines-pager"), res.body, n => { redLinesPage = n; loadRedLines(); });
    document.getElementById("redlines-body").replaceChildren(...res.body.items.map(a => {
      const actions = el("td", {});
      if (canManage && a.status !== "Resolved") {
        const note = el("input", { class: "redline-note", placeholder: T("cmp.notePlaceholder", "处理说明") });
        actions.append(note);
        if (a.status === "Open") actions.append(el("button", { type: "button", class: "ack", onclick: () => step(a.id, "acknowledge", note.value) }, T("cmp.ack", "确认")));
        actions.append(el("button", { type: "button", class: "resolve", onclick: () => step(a.id, "resolve", note.value) }, T("cmp.resolve", "处理完毕")));
      }
      return el("tr", { class: a.status === "Open" ? "overdue" : a.status === "Acknowledged" ? "atrisk" : "", "data-kind": a.kind },
        el("td", {}, window.h95.shanghai(a.raisedAt)), el("td", {}, `${redLineNames[a.redLine] ?? ""} ${a.redLine}`), el("td", {}, a.evidence),
        el("td", {}, a.status), el("td", {}, a.note ?? ""), actions);
    }));
    document.getElementById("counts-body").replaceChildren(...counts.body.map(c => el("tr", {}, el("td", {}, c.month), el("td", {}, c.redLine), el("td", {}, String(c.raised)), el("td", {}, String(c.resolved)))));
  }
  async function step(id, action, note) {
    if (showError(await api(`/api/compliance/red-lines/${id}/${action}`, { method: "POST", body: JSON.stringify({ note }) }))) await loadRedLines();
  }

  ready.then(async m => { me = m; await Promise.all([loadTerms(), loadRedLines()]); });
})();
