// The enterprise profile the filings print (Administration › Enterprise) and the upload store of the dossier's materials
// (the licence page): each part runs where its form is shown (the administration page hides the sections not asked for).
(function () {
  const { api, el, shanghai, ready } = window.h95;
  const T = (k, zh) => hotline95.t(k, zh);
  const FIELDS = { name: "profile-name", uscc: "profile-uscc", registeredAddress: "profile-address", legalRepresentative: "profile-representative",
    contactPerson: "profile-contact", contactPhone: "profile-phone" };
  const KINDS = { lease: "场地租赁合同", sitePhoto: "现场照片", certificate: "码号证书", businessLicence: "营业执照", training: "培训记录", other: "其他" };
  let me = null;
  const shown = id => { const form = document.getElementById(id); return !!form && !form.closest("[hidden]"); };
  const hasProfile = shown("profile-form");
  const hasUploads = shown("upload-form");

  async function loadProfile() {
    const res = await api("/api/enterprise/profile");
    if (!res.ok) return;
    for (const [field, id] of Object.entries(FIELDS)) {
      const input = document.getElementById(id);
      input.value = res.body[field] ?? "";
      input.readOnly = !me.permissions.includes("ManageLicence");
    }
  }
  if (hasProfile) document.getElementById("profile-form").addEventListener("submit", async e => {
    e.preventDefault();
    const body = Object.fromEntries(Object.entries(FIELDS).map(([field, id]) => [field, document.getElementById(id).value]));
    const res = await api("/api/enterprise/profile", { method: "PUT", body: JSON.stringify(body) });
    document.getElementById("profile-status").textContent = res.ok ? T("ent.saved", "已保存。") : (res.body?.detail || String(res.status));
  });

  async function loadUploads() {
    const res = await api("/api/uploads");
    if (!res.ok) return;
    const canDelete = me.permissions.includes("DeleteUploads");
    document.getElementById("uploads-empty").hidden = res.body.length > 0;
    document.getElementById("uploads-body").replaceChildren(...res.body.map(u => el("tr", { "data-kind": u.kind },
      el("td", {}, T("ent.kind." + u.kind, KINDS[u.kind] ?? u.kind)),
      el("td", {}, el("a", { href: `/api/uploads/${u.id}` }, u.fileName)),
      el("td", {}, `${(u.length / 1024).toFixed(0)} KB`),
      el("td", {}, shanghai(u.uploadedAt)),
      el("td", {}, el("code", {}, u.sha256.slice(0, 16) + "…")),
      el("td", {}, canDelete ? el("button", { type: "button", class: "link", onclick: async () => {
        if (!confirm(T("ent.confirmDelete", "永久删除 {name}？现场核查证据包将不再收录它。").replace("{name}", u.fileName))) return;
        const deleted = await api(`/api/uploads/${u.id}`, { method: "DELETE" });
        document.getElementById("upload-status").textContent = deleted.ok ? "" : (deleted.body?.detail || String(deleted.status));
        await loadUploads();
      } }, T("ent.delete", "删除")) : ""))));
  }
  if (hasUploads) document.getElementById("upload-form").addEventListener("submit", async e => {
    e.preventDefault();
    const file = document.getElementById("upload-file").files[0];
    const status = document.getElementById("upload-status");
    if (!file) return;
    const form = new FormData();
    form.append("file", file);
    form.append("kind", document.getElementById("upload-kind").value);
    form.append("note", document.getElementById("upload-note").value);
    const res = await fetch("/api/uploads", { method: "POST", body: form, headers: { Accept: "application/json", "Accept-Language": hotline95.lang() === "en" ? "en" : "zh-CN" } });
    const body = (res.headers.get("Content-Type") || "").includes("json") ? await res.json() : null;
    status.textContent = res.ok ? T("ent.uploaded", "已上传。") : (body?.detail || String(res.status));
    if (res.ok) { document.getElementById("upload-file").value = ""; await loadUploads(); }
  });

  ready.then(async m => { me = m; await Promise.all([hasProfile && loadProfile(), hasUploads && loadUploads()]); });
})();
