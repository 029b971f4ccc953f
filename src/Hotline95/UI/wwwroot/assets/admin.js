// The administration page: one section per address (/admin/users, /admin/keys, /admin/lines, /admin/enterprise,
// /admin/calendar), the tabs between them, and what the sections share (roles, the shown-once dialog).
(function () {
  const { api, el, ready } = window.h95;
  const t = (key, args) => window.hotline95.t(key, args);
  const SECTIONS = ["users", "keys", "lines", "enterprise", "calendar"];
  const part = location.pathname.replace(/\/+$/, "").split("/")[2] || "users";
  const section = SECTIONS.includes(part) ? part : "users";

  function showSection() {
    document.getElementById("section-" + section).hidden = false;
    document.querySelectorAll("nav.tabs a[data-section]").forEach(a => {
      if (a.getAttribute("data-section") === section) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
    });
    document.title = t("admin.title.section", { section: t("admin.tab." + section) });
  }
  showSection();
  document.addEventListener("hotline95:lang", showSection);

  // Which enterprise these pages administer (the demo's Admin sees the demo bank here).
  ready.then(async me => {
    if (!me.permissions.includes("ViewLicence")) return;
    const profile = await api("/api/enterprise/profile");
    if (!profile.ok) return;
    const line = document.getElementById("admin-enterprise");
    const draw = () => { line.replaceChildren(...hotline95.nodes("admin.enterprise", { name: profile.body.name })); };
    draw();
    line.hidden = false;
    document.addEventListener("hotline95:lang", draw);
  });

  const roleName = role => t("enum.Role." + role);

  // The roles, and which of them this caller may grant over the web (a role that sees personal data needs a grantor who does).
  let roles = null;
  async function loadRoles() {
    if (!roles) {
      const res = await api("/api/roles");
      roles = res.ok ? res.body : [];
    }
    return roles;
  }
  // Fills a role <select>: people's roles only when data-people="true"; roles the caller may not grant are shown but disabled.
  async function fillRoles(select, selected) {
    const people = select.getAttribute("data-people") === "true";
    const list = (await loadRoles()).filter(r => !people || r.forPeople);
    const current = selected ?? select.value;
    select.replaceChildren(...list.map(r => el("option", { value: r.role, disabled: r.grantable || r.role === current ? null : "" },
      r.grantable ? roleName(r.role) : t("admin.roleServerOnly", { role: roleName(r.role) }))));
    const preferred = current && list.some(r => r.role === current) ? current : (list.find(r => r.grantable && r.role === (people ? "Agent" : "Integration")) || list.find(r => r.grantable))?.role;
    if (preferred) select.value = preferred;
  }
  document.addEventListener("hotline95:lang", () => document.querySelectorAll("select.role-select").forEach(s => fillRoles(s)));

  // A secret (a generated password, a new API key) shown once: a dialog with a copy button and a warning; closing it
  // removes it from the page, and nothing keeps the secret.
  function showSecret({ title, label, secret, warning }) {
    return new Promise(resolve => {
      const status = el("span", { class: "muted", role: "status" });
      const input = el("input", { id: "secret-value", class: "secret", readonly: "", value: secret, "aria-label": label, spellcheck: "false" });
      const copy = async () => {
        let copied = false;
        try {
          await navigator.clipboard.writeText(secret);
          copied = true;
        } catch {
          // Plain-HTTP intranets have no clipboard API: select the text and use the older copy command.
          input.select();
          copied = document.execCommand && document.execCommand("copy");
        }
        status.textContent = copied ? t("admin.secret.copied") : t("admin.secret.copyByHand");
      };
      const dialog = el("dialog", { class: "confirm secret-dialog", "aria-labelledby": "secret-title" },
        el("h2", { id: "secret-title" }, title),
        el("p", { class: "warning" }, warning),
        el("label", { for: "secret-value" }, label),
        input,
        el("div", { class: "actions" },
          el("button", { type: "button", class: "secondary secret-copy", onclick: copy }, t("admin.secret.copy")), status),
        el("div", { class: "actions end" },
          el("button", { type: "button", class: "danger secret-close", onclick: () => dialog.close() }, t("admin.secret.close"))));
      dialog.addEventListener("cancel", e => e.preventDefault()); // Esc must not throw the secret away unread
      dialog.addEventListener("close", () => { dialog.remove(); resolve(); });
      document.body.append(dialog);
      dialog.showModal();
      input.select();
    });
  }

  // A form's status line: the confirmation of what was just done (key), or nothing (null).
  function said(id, key) {
    document.getElementById(id).textContent = key ? t(key) : "";
  }

  window.h95admin = { section, roleName, fillRoles, loadRoles, showSecret, said };
})();
