// Administration › API keys: create one (the key shown once), the list (never the key, only its beginning), revoke.
(function () {
  if (window.h95admin.section !== "keys") return;
  const { api, el, shanghai, day, ready, confirmAction } = window.h95;
  const { roleName, fillRoles, showSecret } = window.h95admin;
  const t = (key, args) => window.hotline95.t(key, args);
  const showError = window.h95.errorLine("keys-error");

  async function load() {
    const res = await api("/api/apikeys");
    if (!showError(res)) return;
    document.getElementById("keys-empty").hidden = res.body.length > 0;
    document.getElementById("keys-table").hidden = res.body.length === 0;
    document.getElementById("keys-body").replaceChildren(...res.body.map(k => el("tr", { "data-key": k.id, class: k.revokedAt ? "revoked" : "" },
      el("td", {}, k.name), el("td", {}, roleName(k.role)), el("td", {}, el("code", {}, k.hint + "…")),
      el("td", {}, day(k.createdAt)), el("td", {}, k.lastUsedAt ? shanghai(k.lastUsedAt) : t("admin.keys.neverUsed")),
      el("td", { class: "status" }, k.revokedAt ? t("admin.keys.revokedOn", { day: day(k.revokedAt) }) : t("admin.keys.active")),
      el("td", {}, k.revokedAt ? "" : el("button", { type: "button", class: "link key-revoke", "aria-label": t("admin.keys.revokeLabel", { name: k.name }),
        onclick: () => revoke(k) }, t("admin.keys.revoke"))))));
  }

  async function revoke(k) {
    if (!await confirmAction({ title: t("admin.keys.revokeTitle", { name: k.name }),
      consequence: t("admin.keys.revokeConsequence", { name: k.name, hint: k.hint }), confirm: t("admin.keys.revoke") })) return;
    if (showError(await api(`/api/apikeys/${k.id}/revoke`, { method: "POST" }))) await load();
  }

  document.getElementById("key-add").addEventListener("submit", async e => {
    e.preventDefault();
    const name = document.getElementById("new-key-name").value.trim();
    const res = await api("/api/apikeys", { method: "POST", body: JSON.stringify({ name, role: document.getElementById("new-key-role").value }) });
    if (!showError(res)) return;
    e.target.reset();
    await fillRoles(document.getElementById("new-key-role"), "Integration");
    await showSecret({ title: t("admin.keys.createdTitle", { name }), label: t("admin.keys.key"), secret: res.body.key, warning: t("admin.keys.keyOnce", { name }) });
    await load();
  });

  document.addEventListener("hotline95:lang", load);
  ready.then(async () => {
    await fillRoles(document.getElementById("new-key-role"), "Integration");
    await load();
  });
})();
