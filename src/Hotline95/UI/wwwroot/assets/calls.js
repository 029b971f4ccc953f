(function () {
  const { api, el, shanghai, ready } = window.h95;
  const { t, enumText } = hotline95;
  let me = null;

  async function loadLines() {
    const lines = (await api("/api/lines")).body || [];
    const select = document.getElementById("line");
    for (const l of lines) select.append(el("option", { value: l.number, translate: "no" }, `${l.number} ${l.name}`));
  }

  function revealForm(call, cell) {
    const input = el("input", { placeholder: t("calls.reason"), class: "reveal-reason", "aria-label": t("calls.reason") });
    const error = el("span", { class: "error" });
    const form = el("form", { class: "reveal-form" }, input, el("button", { type: "submit", class: "reveal-confirm" }, t("calls.confirm")), error);
    form.addEventListener("submit", async e => {
      e.preventDefault();
      const res = await api(`/api/calls/${call.id}/reveal`, { method: "POST", body: JSON.stringify({ reason: input.value }) });
      if (!res.ok) { error.textContent = window.h95.problem(res); return; }
      cell.replaceChildren(el("span", { class: "clear", translate: "no" }, `${res.body.customerNumber ?? ""} ${res.body.customerName ?? ""}`));
    });
    return form;
  }

  function row(call) {
    const customerCell = el("td", { class: "customer", translate: "no" }, call.customer);
    const actions = el("td", {});
    if (me.permissions.includes("RevealPersonalData")) {
      const slot = el("span", {});
      slot.append(el("button", { type: "button", class: "link reveal", onclick: () => slot.replaceChildren(revealForm(call, customerCell)) }, t("calls.reveal")));
      actions.append(slot);
    }
    if (call.hasRecording && me.permissions.includes("PlayRecordings")) {
      actions.append(el("button", { type: "button", class: "link play", onclick: () => {
        const player = document.getElementById("player");
        player.src = `/api/calls/${call.id}/recording`;
        player.hidden = false;
        player.play().catch(() => { /* autoplay may be refused; the controls remain */ });
      } }, t("calls.play")));
    }
    if (me.permissions.includes("HandleTickets")) {
      actions.append(el("a", { class: "link new-ticket", href: `/service?callId=${call.id}` }, t("calls.newTicket")));
    }
    if (me.permissions.includes("CreateComplaints")) {
      actions.append(" ", el("a", { class: "link new-complaint", href: `/service?complaintCallId=${call.id}` }, t("calls.newComplaint")));
    }
    return el("tr", { class: call.missed ? "missed" : "", "data-id": call.id },
      el("td", {}, shanghai(call.startedAt)), el("td", {}, call.line), el("td", {}, enumText("CallDirection", call.direction)),
      customerCell, el("td", { translate: "no" }, call.customerName), el("td", {}, enumText("CallDisposition", call.disposition)), el("td", {}, String(call.talkSeconds)), actions);
  }

  // One call when the page is opened from a ticket or complaint (/calls?id=12); otherwise the search form's criteria.
  let only = new URLSearchParams(location.search).get("id");
  let page = 1;
  const callsTurn = window.h95.turns();
  async function load() {
    const params = new URLSearchParams();
    if (only) params.set("id", only);
    else {
      for (const id of ["phone", "line", "from", "to", "outcome"]) {
        const v = document.getElementById(id).value;
        if (v) params.set(id, v);
      }
    }
    params.set("page", page);
    const mine = callsTurn();
    const res = await api(`/api/calls?${params}`);
    if (!mine()) return;
    const error = document.getElementById("calls-error");
    error.hidden = res.ok;
    if (!res.ok) { error.textContent = window.h95.problem(res); return; }
    document.getElementById("calls-body").replaceChildren(...res.body.items.map(row));
    document.getElementById("calls-empty").hidden = res.body.total > 0;
    window.h95.pager(document.getElementById("calls-pager"), res.body, n => { page = n; load(); });
  }

  function search(e) {
    if (e) e.preventDefault();
    if (only) {
      only = null;
      document.getElementById("calls-only").hidden = true;
      history.replaceState(null, "", "/calls");
    }
    page = 1;
    return load();
  }

  document.getElementById("call-search").addEventListener("submit", search);
  ready.then(async m => {
    me = m;
    await loadLines();
    if (only) {
      document.getElementById("calls-only-text").textContent = t("calls.onlyCall", { id: only });
      document.getElementById("calls-only").hidden = false;
    }
    await load();
  });
  document.addEventListener("hotline95:lang", () => {
    if (only) document.getElementById("calls-only-text").textContent = t("calls.onlyCall", { id: only });
    if (me) load();
  });
  // Missed-call follow-up: the callback list with a "called back" action (line settings: Administration › Lines).
  const showCallbackError = window.h95.errorLine("cb-error");
  async function loadCallbacks() {
    const res = await api("/api/callbacks");
    if (!showCallbackError(res)) return;
    const minutes = m => t("cb.minutes", { m });
    document.getElementById("cb-empty").hidden = res.body.open.length > 0;
    document.getElementById("cb-oldest").textContent = res.body.oldestAgeMinutes === null ? "" : t("cb.oldest", { m: res.body.oldestAgeMinutes });
    document.getElementById("cb-body").replaceChildren(...res.body.open.map(c => {
      const actions = el("td", {});
      if (me.permissions.includes("HandleTickets")) {
        const note = el("input", { class: "cb-note", placeholder: t("cb.notePlaceholder"), "aria-label": t("cb.notePlaceholder") });
        actions.append(note, el("button", { type: "button", class: "cb-done", onclick: async () => {
          if (showCallbackError(await api(`/api/callbacks/${c.callId}/done`, { method: "POST", body: JSON.stringify({ note: note.value }) }))) await loadCallbacks();
        } }, t("cb.done")));
      }
      return el("tr", { "data-call": c.callId }, el("td", {}, shanghai(c.missedAt)), el("td", {}, c.line), el("td", { translate: "no" }, c.number),
        el("td", {}, c.queue ?? ""), el("td", {}, minutes(c.ageMinutes)), actions);
    }));
  }

  ready.then(m => { me = m; return loadCallbacks(); });
  // The rows carry texts of the UI's language: drawn again when it changes.
  document.addEventListener("hotline95:lang", () => { if (me) Promise.all([search(), loadCallbacks()]); });
})();
