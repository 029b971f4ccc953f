// The red-line scanner page: scan a text, see each hit with its legal basis and rewrite; keep the enterprise's own terms.
(function () {
  const { api, el, ready, turns, shanghai, confirmAction, evidence } = window.h95;
  const { t, enumText } = hotline95;
  let me = null;
  let lastScan = null;

  const showError = window.h95.errorLine("cmp-error");

  // A finding's legal basis (a title of law) and its suggested rewrite are Chinese by nature, like the text they rewrite.
  function showScan(result) {
    const verdict = document.getElementById("scan-verdict");
    verdict.textContent = result.clean ? t("cmp.clean") : t("cmp.hits", { n: result.findings.length });
    verdict.className = result.clean ? "ok" : "error";
    document.getElementById("findings-body").replaceChildren(...result.findings.map(f => el("tr", { class: f.severity === "error" ? "overdue" : "atrisk", "data-term": f.term },
      el("td", {}, `${f.line}:${f.column}`), el("td", { translate: "no" }, f.matched === f.term ? f.term : `${f.matched} → ${f.term}`),
      el("td", {}, enumText("TermCategory", f.category)), el("td", { lang: "zh-CN" }, f.legalBasis), el("td", { lang: "zh-CN" }, f.rewrite))));
  }
  document.getElementById("scan-form").addEventListener("submit", async e => {
    e.preventDefault();
    const res = await api("/api/compliance/scan", { method: "POST", body: JSON.stringify({ text: document.getElementById("scan-text").value }) });
    if (!showError(res)) return;
    lastScan = res.body;
    showScan(lastScan);
  });

  const termsTurn = turns();
  async function loadTerms() {
    const current = termsTurn();
    const res = await api("/api/compliance/terms");
    if (!current() || !showError(res)) return;
    const canManage = me.permissions.includes("ManageLexicon");
    document.getElementById("terms-empty").hidden = res.body.length > 0;
    document.getElementById("terms-body").replaceChildren(...res.body.map(term => el("tr", { "data-term": term.term },
      el("td", { translate: "no" }, term.term), el("td", {}, term.isException ? t("cmp.exception") : t("cmp.term")),
      el("td", {}, term.isException ? "" : enumText("TermCategory", term.category)),
      el("td", { translate: "no" }, term.rewrite ?? ""), el("td", { translate: "no" }, term.addedBy),
      el("td", {}, canManage ? el("button", { type: "button", class: "link term-delete", onclick: () => removeTerm(term) }, t("cmp.delete")) : ""))));
  }
  // Removing a term changes what every later check finds: it asks first, naming the term.
  async function removeTerm(term) {
    const go = await confirmAction({ title: t("cmp.deleteTitle"), consequence: t(term.isException ? "cmp.deleteException" : "cmp.deleteTerm", { term: term.term }), confirm: t("cmp.delete") });
    if (go && showError(await api(`/api/compliance/terms/${term.id}`, { method: "DELETE" }))) await loadTerms();
  }
  document.getElementById("term-form").addEventListener("submit", async e => {
    e.preventDefault();
    const body = { term: document.getElementById("term-text").value, isException: document.getElementById("term-kind").value === "exception",
      category: document.getElementById("term-category").value, rewrite: document.getElementById("term-rewrite").value || null };
    if (showError(await api("/api/compliance/terms", { method: "POST", body: JSON.stringify(body) }))) await loadTerms();
  });

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
        const note = el("input", { class: "redline-note", placeholder: t("cmp.notePlaceholder"), "aria-label": t("cmp.notePlaceholder") });
        actions.append(note);
        if (a.status === "Open") actions.append(el("button", { type: "button", class: "ack", onclick: () => step(a.id, "acknowledge", note.value) }, t("cmp.ack")));
        actions.append(el("button", { type: "button", class: "resolve", onclick: () => step(a.id, "resolve", note.value) }, t("cmp.resolve")));
      }
      return el("tr", { class: a.status === "Open" ? "overdue" : a.status === "Acknowledged" ? "atrisk" : "", "data-kind": a.kind },
        el("td", {}, shanghai(a.raisedAt)), el("td", {}, enumText("RedLine", a.redLine)), el("td", {}, evidence(a.evidence, a.evidenceBilingual)),
        el("td", {}, enumText("RedLineStatus", a.status)), el("td", { translate: "no" }, a.note ?? ""), actions);
    }));
    document.getElementById("counts-empty").hidden = counts.body.length > 0;
    document.getElementById("counts-body").replaceChildren(...counts.body.map(c => el("tr", {},
      el("td", {}, c.month), el("td", {}, enumText("RedLine", c.redLine)), el("td", {}, String(c.raised)), el("td", {}, String(c.resolved)))));
  }
  async function step(id, action, note) {
    if (showError(await api(`/api/compliance/red-lines/${id}/${action}`, { method: "POST", body: JSON.stringify({ note }) }))) await loadRedLines();
  }

  // Every row carries texts of the UI's language: drawn again when it changes.
  document.addEventListener("hotline95:lang", () => {
    if (lastScan) showScan(lastScan);
    if (me) Promise.all([loadTerms(), loadRedLines()]);
  });
  ready.then(async m => { me = m; await Promise.all([loadTerms(), loadRedLines()]); });
})();
