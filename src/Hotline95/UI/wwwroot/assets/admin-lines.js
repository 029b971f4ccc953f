// Administration › Lines: the enterprise's 95 lines with their purposes, hours, trunks, queues and outbound caller id,
// adding a line, the outbound routing table, and the block list (every change audited by the server).
(function () {
  if (window.h95admin.section !== "lines") return;
  const { api, el, shanghai, ready, confirmAction } = window.h95;
  const { said } = window.h95admin;
  const t = (key, args) => window.hotline95.t(key, args);
  const showError = window.h95.errorLine("lines-error");
  const items = text => text.split(/[\n,，]/).map(x => x.trim()).filter(x => x);
  let me = null;
  let chosen = null; // the number of the line being edited
  let current = { lines: [], outbound: { routes: [], defaultLine: null, lineCallerIds: {} } };

  async function load() {
    const [lines, outbound] = await Promise.all([api("/api/lines"), api("/api/lines/outbound")]);
    if (!showError(lines) || !showError(outbound)) return;
    current = { lines: lines.body, outbound: outbound.body };
    draw();
  }

  function draw() {
    const manage = me.permissions.includes("ManageLines");
    const { lines, outbound } = current;
    const empty = document.getElementById("lines-empty");
    empty.hidden = lines.length > 0;
    empty.textContent = t(manage ? "admin.lines.emptyManage" : "admin.lines.empty");
    document.getElementById("lines-body").replaceChildren(...lines.map(l => el("tr", { "data-line": l.number },
      el("td", {}, l.number), el("td", { translate: "no" }, l.name),
      el("td", { class: "purposes", translate: "no" }, l.purposes.join(t("common.listSeparator"))), el("td", { translate: "no" }, l.serviceHours ?? ""),
      el("td", { class: "trunks", translate: "no" }, l.trunks.join(t("common.listSeparator"))), el("td", { class: "queues", translate: "no" }, l.queues.join(t("common.listSeparator"))),
      el("td", {}, (outbound.lineCallerIds[l.number] ?? "") + (outbound.defaultLine === l.number ? " " + t("admin.lines.defaultMark") : "")),
      el("td", {}, manage ? el("button", { type: "button", class: "link line-edit", "aria-label": t("admin.lines.editLabel", { line: l.number }), onclick: () => edit(l.number, true) },
        t("admin.edit")) : ""))));
    const routes = document.getElementById("routes-text");
    routes.value = outbound.routes.map(r => `${r.pattern}=${r.callerId}`).join("\n");
    routes.readOnly = !manage;
    if (chosen) edit(chosen, false);
  }

  function edit(number, fresh) {
    const line = current.lines.find(l => l.number === number);
    if (!line) return;
    chosen = number;
    document.getElementById("line-editor-title").textContent = t("admin.lines.editing", { line: line.number, name: line.name });
    document.getElementById("edit-purposes").value = line.purposes.join("\n");
    document.getElementById("edit-hours").value = line.serviceHours ?? "";
    document.getElementById("edit-trunks").value = line.trunks.join("\n");
    document.getElementById("edit-queues").value = line.queues.join("\n");
    document.getElementById("edit-caller-id").value = current.outbound.lineCallerIds[number] ?? "";
    document.getElementById("edit-default-outbound").checked = current.outbound.defaultLine === number;
    const editor = document.getElementById("line-editor");
    editor.hidden = false;
    if (fresh) {
      said("line-editor-status", null);
      editor.scrollIntoView({ block: "nearest" });
    }
  }
  document.getElementById("line-editor-close").addEventListener("click", () => { chosen = null; document.getElementById("line-editor").hidden = true; });

  // One line setting saved: PUT body to /api/lines/{number}/{what}, then the list again.
  function saves(formId, what, body) {
    document.getElementById(formId).addEventListener("submit", async e => {
      e.preventDefault();
      if (!chosen) return;
      const res = await api(`/api/lines/${encodeURIComponent(chosen)}/${what}`, { method: "PUT", body: JSON.stringify(body()) });
      if (!showError(res)) return;
      said("line-editor-status", "admin.saved");
      await load();
    });
  }
  const value = id => document.getElementById(id).value;
  saves("line-usage-form", "usage", () => ({ purposes: items(value("edit-purposes")), serviceHours: value("edit-hours").trim() }));
  saves("line-trunks-form", "trunks", () => ({ trunks: items(value("edit-trunks")) }));
  saves("line-queues-form", "queues", () => ({ queues: items(value("edit-queues")) }));
  saves("line-outbound-form", "outbound", () => ({ callerId: value("edit-caller-id").trim() || null, defaultOutbound: document.getElementById("edit-default-outbound").checked }));

  document.getElementById("line-add").addEventListener("submit", async e => {
    e.preventDefault();
    const res = await api("/api/lines", { method: "POST", body: JSON.stringify({ number: value("new-line-number").trim(), name: value("new-line-name").trim() }) });
    if (!showError(res)) return;
    e.target.reset();
    await load();
  });

  document.getElementById("routes-form").addEventListener("submit", async e => {
    e.preventDefault();
    const routes = value("routes-text").split("\n").map(l => l.trim()).filter(l => l).map(l => {
      const at = l.indexOf("=");
      return at < 0 ? { pattern: l, callerId: "" } : { pattern: l.slice(0, at).trim(), callerId: l.slice(at + 1).trim() };
    });
    const res = await api("/api/lines/outbound/routes", { method: "PUT", body: JSON.stringify(routes) });
    if (!showError(res)) return;
    said("routes-status", "admin.saved");
    await load();
  });

  // The block list: the enterprise's, for every line. Adding and removing both ask first.
  async function loadBlocked() {
    if (!me.permissions.includes("ManageBlocklist")) return;
    const res = await api("/api/blocklist");
    if (!showError(res)) return;
    document.getElementById("block-empty").hidden = res.body.length > 0;
    document.getElementById("block-table").hidden = res.body.length === 0;
    document.getElementById("block-body").replaceChildren(...res.body.map(b => el("tr", { "data-block": b.id },
      el("td", {}, b.number), el("td", {}, b.reason), el("td", {}, b.addedBy), el("td", {}, shanghai(b.addedAt)),
      el("td", {}, el("button", { type: "button", class: "link block-remove", "aria-label": t("admin.block.removeLabel", { number: b.number }), onclick: async () => {
        if (!await confirmAction({ title: t("admin.block.removeTitle", { number: b.number }), consequence: t("admin.block.removeConsequence", { number: b.number }),
          confirm: t("admin.block.remove") })) return;
        if (showError(await api(`/api/blocklist/${b.id}`, { method: "DELETE" }))) await loadBlocked();
      } }, t("admin.block.remove"))))));
  }
  document.getElementById("block-add").addEventListener("submit", async e => {
    e.preventDefault();
    const phone = value("block-phone").trim();
    if (!await confirmAction({ title: t("admin.block.addTitle", { number: phone }), consequence: t("admin.block.addConsequence", { number: phone }),
      confirm: t("admin.block.add") })) return;
    if (!showError(await api("/api/blocklist", { method: "POST", body: JSON.stringify({ phone, reason: value("block-reason").trim() }) }))) return;
    e.target.reset();
    await loadBlocked();
  });

  document.addEventListener("hotline95:lang", () => { if (me) { draw(); loadBlocked(); } });
  ready.then(async m => { me = m; await Promise.all([load(), loadBlocked()]); });
})();
