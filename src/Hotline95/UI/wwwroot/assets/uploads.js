// The upload store of the dossier's materials (the licence page): upload, list, download and, for those who may, delete.
(function () {
  const { api, el, shanghai, ready, confirmAction, problem } = window.h95;
  const { t, enumText } = hotline95;
  let me = null;

  async function loadUploads() {
    const res = await api("/api/uploads");
    if (!res.ok) return;
    const canDelete = me.permissions.includes("DeleteUploads");
    document.getElementById("uploads-empty").hidden = res.body.length > 0;
    document.getElementById("uploads-body").replaceChildren(...res.body.map(u => el("tr", { "data-kind": u.kind },
      el("td", {}, enumText("UploadKind", u.kind)),
      el("td", { translate: "no" }, el("a", { href: `/api/uploads/${u.id}` }, u.fileName)),
      el("td", {}, `${(u.length / 1024).toFixed(0)} KB`),
      el("td", {}, shanghai(u.uploadedAt)),
      el("td", {}, el("code", {}, u.sha256.slice(0, 16) + "…")),
      el("td", {}, canDelete ? el("button", { type: "button", class: "link upload-delete", onclick: async () => {
        const go = await confirmAction({ title: t("ent.deleteTitle"), consequence: t("ent.confirmDelete", { name: u.fileName, kind: enumText("UploadKind", u.kind) }), confirm: t("ent.delete") });
        if (!go) return;
        const deleted = await api(`/api/uploads/${u.id}`, { method: "DELETE" });
        document.getElementById("upload-status").textContent = deleted.ok ? "" : problem(deleted);
        await loadUploads();
      } }, t("ent.delete")) : ""))));
  }
  document.getElementById("upload-form").addEventListener("submit", async e => {
    e.preventDefault();
    const file = document.getElementById("upload-file").files[0];
    const status = document.getElementById("upload-status");
    if (!file) return;
    const form = new FormData();
    form.append("file", file);
    form.append("kind", document.getElementById("upload-kind").value);
    form.append("note", document.getElementById("upload-note").value);
    const res = await api("/api/uploads", { method: "POST", body: form }); // a session that ended goes to sign-in
    status.textContent = res.ok ? t("ent.uploaded") : problem(res);
    if (res.ok) { document.getElementById("upload-file").value = ""; await loadUploads(); }
  });

  document.addEventListener("hotline95:lang", () => { if (me) loadUploads(); });
  ready.then(async m => { me = m; await loadUploads(); });
})();
