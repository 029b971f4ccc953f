// The enterprise profile the filings print (Administration › Enterprise): runs where its form is shown (the administration
// page hides the sections not asked for). The dossier's uploaded materials are the licence page's (uploads.js).
(function () {
  const { api, ready, problem } = window.h95;
  const { t } = hotline95;
  const FIELDS = { name: "profile-name", uscc: "profile-uscc", registeredAddress: "profile-address", legalRepresentative: "profile-representative",
    contactPerson: "profile-contact", contactPhone: "profile-phone" };
  let me = null;
  const shown = id => { const form = document.getElementById(id); return !!form && !form.closest("[hidden]"); };
  const hasProfile = shown("profile-form");

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
    document.getElementById("profile-status").textContent = res.ok ? t("common.saved") : problem(res);
  });

  ready.then(async m => { me = m; if (hasProfile) await loadProfile(); });
})();
