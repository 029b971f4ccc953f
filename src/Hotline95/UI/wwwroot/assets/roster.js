// The roster: seats with their equipment, agents with employment and social insurance, training records with files.
(function () {
  const { api, el, ready, turns } = window.h95;
  const { t, enumText } = hotline95;
  let me = null;

  const showError = window.h95.errorLine("ros-error");

  // Loads overlap when a save is followed at once by another: a stale answer must not overwrite a newer one.
  const loadTurn = turns();
  async function load() {
    const current = loadTurn();
    const res = await api("/api/roster");
    if (!current() || !showError(res)) return;
    const canManage = me.permissions.includes("ManageRoster");
    document.getElementById("seats-empty").hidden = res.body.seats.length > 0;
    document.getElementById("agents-empty").hidden = res.body.agents.length > 0;
    document.getElementById("seats-body").replaceChildren(...res.body.seats.map(s => el("tr", { translate: "no" }, el("td", {}, s.code), el("td", {}, s.location), el("td", {}, s.equipment))));
    document.getElementById("agents-body").replaceChildren(...res.body.agents.map(a => el("tr", { "data-agent": a.name },
      el("td", { translate: "no" }, a.name), el("td", { translate: "no" }, a.userName ?? ""), el("td", {}, enumText("EmploymentType", a.employment)),
      el("td", {}, el("span", { translate: "no" }, a.socialInsuranceCity ?? "-"), " · ", t("ros.monthsOf", { months: a.socialInsuranceMonths })),
      el("td", { translate: "no" }, ...a.training.flatMap(r => [r.fileBytes ? el("a", { href: `/api/roster/trainings/${r.id}/file` }, `${r.topic} ${r.heldOn}`) : `${r.topic} ${r.heldOn}`, " "])),
      el("td", {}, canManage ? el("button", { type: "button", class: "link", onclick: () => edit(a) }, t("ros.edit")) : ""))));
  }

  function edit(a) {
    document.getElementById("agent-id").value = a.id;
    document.getElementById("agent-name").value = a.name;
    document.getElementById("agent-user").value = a.userName ?? "";
    document.getElementById("agent-employment").value = a.employment;
    document.getElementById("agent-city").value = a.socialInsuranceCity ?? "";
    document.getElementById("agent-months").value = a.socialInsuranceMonths;
    const training = document.getElementById("training-form");
    training.hidden = false;
    training.dataset.agent = a.id;
    document.getElementById("training-for").textContent = a.name;
  }

  document.getElementById("seat-form").addEventListener("submit", async e => {
    e.preventDefault();
    const code = document.getElementById("seat-code").value.trim();
    const body = { location: document.getElementById("seat-location").value, equipment: document.getElementById("seat-equipment").value, agentUserName: document.getElementById("seat-user").value || null };
    if (showError(await api(`/api/roster/seats/${encodeURIComponent(code)}`, { method: "PUT", body: JSON.stringify(body) }))) await load();
  });
  document.getElementById("agent-form").addEventListener("submit", async e => {
    e.preventDefault();
    const id = document.getElementById("agent-id").value;
    const body = { name: document.getElementById("agent-name").value, userName: document.getElementById("agent-user").value || null,
      employment: document.getElementById("agent-employment").value, socialInsuranceCity: document.getElementById("agent-city").value,
      socialInsuranceMonths: parseInt(document.getElementById("agent-months").value || "0", 10) };
    const res = await api(id ? `/api/roster/agents/${id}` : "/api/roster/agents", { method: id ? "PUT" : "POST", body: JSON.stringify(body) });
    if (showError(res)) { edit(res.body); await load(); }
  });
  document.getElementById("training-form").addEventListener("submit", async e => {
    e.preventDefault();
    const data = new FormData();
    data.append("topic", document.getElementById("training-topic").value);
    if (document.getElementById("training-date").value) data.append("heldOn", document.getElementById("training-date").value);
    const file = document.getElementById("training-file").files[0];
    if (file) data.append("file", file);
    const res = await api(`/api/roster/agents/${e.target.dataset.agent}/trainings`, { method: "POST", body: data }); // in the UI's language; a session that ended goes to sign-in
    if (showError(res)) await load();
  });

  document.addEventListener("hotline95:lang", () => { if (me) load(); });
  ready.then(async m => { me = m; await load(); });
})();
