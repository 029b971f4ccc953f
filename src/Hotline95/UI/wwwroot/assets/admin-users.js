// Administration › Users: a page of the enterprise's users, adding one (password shown once), and for the chosen user
// the role, the PBX name and extension the desk rings, a password reset (shown once), disabling and enabling.
(function () {
  if (window.h95admin.section !== "users") return;
  const { api, el, shanghai, ready, confirmAction } = window.h95;
  const { roleName, fillRoles, loadRoles, showSecret, said } = window.h95admin;
  const t = (key, args) => window.hotline95.t(key, args);
  const showError = window.h95.errorLine("users-error");
  let me = null;
  let page = 1;
  let chosen = null; // the user being edited

  function status(u) {
    if (u.disabled) return t("admin.users.disabled");
    if (u.locked) return t("admin.users.lockedUntil", { until: shanghai(u.lockedUntil) });
    return t("admin.users.active");
  }

  async function load(n) {
    page = n ?? page;
    const res = await api(`/api/users?page=${page}&pageSize=50`);
    if (!showError(res)) return;
    document.getElementById("users-body").replaceChildren(...res.body.items.map(u => el("tr", { "data-user": u.userName, class: u.disabled ? "disabled" : "" },
      el("td", { translate: "no" }, u.userName), el("td", { translate: "no" }, u.displayName), el("td", { class: "role" }, roleName(u.role)),
      el("td", { class: "pbx", translate: "no" }, u.pbxName ?? ""), el("td", { class: "extension" }, u.extension ?? ""),
      el("td", { class: "status" }, status(u)), el("td", {}, u.lastLoginAt ? shanghai(u.lastLoginAt) : t("admin.users.never")),
      el("td", {}, el("button", { type: "button", class: "link user-edit", "aria-label": t("admin.users.editLabel", { user: u.userName }), onclick: () => edit(u) },
        t("admin.edit"))))));
    window.h95.pager(document.getElementById("users-pager"), res.body, load);
    if (chosen) {
      const fresh = res.body.items.find(u => u.userName === chosen.userName);
      if (fresh) edit(fresh, false);
    }
  }

  async function edit(u, scroll = true) {
    chosen = u;
    const editor = document.getElementById("user-editor");
    document.getElementById("user-editor-title").textContent = t("admin.users.editing", { user: u.userName, name: u.displayName });
    await fillRoles(document.getElementById("edit-role"), u.role);
    document.getElementById("edit-pbx").value = u.pbxName ?? "";
    document.getElementById("edit-extension").value = u.extension ?? "";
    const self = me && u.userName === me.name;
    // The password of a user who sees personal data is reset only by someone who may grant that role (else on the server).
    const resettable = (await loadRoles()).some(r => r.role === u.role && r.grantable);
    document.getElementById("user-self-note").hidden = !self;
    document.getElementById("user-reset-note").hidden = self || resettable;
    document.getElementById("user-reset").hidden = self || !resettable;
    document.getElementById("user-disable").hidden = self || u.disabled;
    document.getElementById("user-enable").hidden = !u.disabled;
    editor.hidden = false;
    if (scroll) {
      said("user-editor-status", null);
      editor.scrollIntoView({ block: "nearest" });
    }
  }

  document.getElementById("user-editor-close").addEventListener("click", () => { chosen = null; document.getElementById("user-editor").hidden = true; });

  document.getElementById("user-add").addEventListener("submit", async e => {
    e.preventDefault();
    const userName = document.getElementById("new-user-name").value.trim();
    const res = await api("/api/users", { method: "POST", body: JSON.stringify({
      userName, displayName: document.getElementById("new-user-display").value, role: document.getElementById("new-user-role").value }) });
    if (!showError(res)) return;
    e.target.reset();
    await fillRoles(document.getElementById("new-user-role"), "Agent");
    await showSecret({ title: t("admin.users.addedTitle", { user: userName }), label: t("admin.users.password"), secret: res.body.password,
      warning: t("admin.users.passwordOnce", { user: userName }) });
    await load();
  });

  document.getElementById("user-role-form").addEventListener("submit", async e => {
    e.preventDefault();
    const role = document.getElementById("edit-role").value;
    if (!chosen || role === chosen.role) return;
    const res = await api(`/api/users/${encodeURIComponent(chosen.userName)}/role`, { method: "PUT", body: JSON.stringify({ role }) });
    if (!showError(res)) return;
    said("user-editor-status", "admin.users.roleSaved");
    await load();
  });

  document.getElementById("user-telephony-form").addEventListener("submit", async e => {
    e.preventDefault();
    if (!chosen) return;
    const value = id => document.getElementById(id).value.trim() || null;
    const res = await api(`/api/users/${encodeURIComponent(chosen.userName)}/telephony`, { method: "PUT",
      body: JSON.stringify({ pbxName: value("edit-pbx"), extension: value("edit-extension") }) });
    if (!showError(res)) return;
    said("user-editor-status", "admin.saved");
    await load();
  });

  document.getElementById("user-reset").addEventListener("click", async () => {
    const u = chosen;
    if (!u || !await confirmAction({ title: t("admin.users.resetTitle", { user: u.userName }),
      consequence: t("admin.users.resetConsequence", { user: u.userName, name: u.displayName }), confirm: t("admin.users.reset") })) return;
    const res = await api(`/api/users/${encodeURIComponent(u.userName)}/reset-password`, { method: "POST" });
    if (!showError(res)) return;
    await showSecret({ title: t("admin.users.resetDone", { user: u.userName }), label: t("admin.users.password"), secret: res.body.password,
      warning: t("admin.users.passwordOnce", { user: u.userName }) });
    await load();
  });

  async function setEnabled(enabled) {
    const u = chosen;
    if (!u) return;
    if (!enabled && !await confirmAction({ title: t("admin.users.disableTitle", { user: u.userName }),
      consequence: t("admin.users.disableConsequence", { user: u.userName, name: u.displayName }), confirm: t("admin.users.disable") })) return;
    const res = await api(`/api/users/${encodeURIComponent(u.userName)}/${enabled ? "enable" : "disable"}`, { method: "POST" });
    if (!showError(res)) return;
    said("user-editor-status", enabled ? "admin.users.enabledDone" : "admin.users.disabledDone");
    await load();
  }
  document.getElementById("user-disable").addEventListener("click", () => setEnabled(false));
  document.getElementById("user-enable").addEventListener("click", () => setEnabled(true));

  document.addEventListener("hotline95:lang", () => load());
  ready.then(async m => {
    me = m;
    await fillRoles(document.getElementById("new-user-role"), "Agent");
    await load(1);
  });
})();
