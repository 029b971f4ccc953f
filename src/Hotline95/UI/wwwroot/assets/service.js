(function () {
  const { api, el, shanghai, ready, estimated } = window.h95;
  const { t, enumText, pick } = hotline95;
  let me = null;
  let lines = [];

  function showError(res) {
    const box = document.getElementById("svc-error");
    box.hidden = res.ok;
    if (!res.ok) box.textContent = window.h95.problem(res);
    return res.ok;
  }

  function fillLines() {
    for (const id of ["ticket-line", "complaint-line"]) {
      const select = document.getElementById(id);
      select.replaceChildren(...lines.map(l => el("option", { value: l.number, translate: "no" }, `${l.number} ${l.name}`)));
    }
  }

  function stepControls(ticket) {
    const form = el("form", { class: "step-form" });
    const next = ticket.nextSteps;
    if (next.length === 0) return form;
    const select = el("select", { class: "step-select", "aria-label": t("svc.col.next") }, ...next.map(s => el("option", { value: s }, enumText("TicketStep", s))));
    const line = lines.find(l => l.number === ticket.line);
    const category = el("select", { class: "step-category", "aria-label": t("svc.col.category"), translate: "no" }, ...(line?.purposes || []).map(p => el("option", { value: p }, p)));
    const note = el("input", { class: "step-note", placeholder: t("svc.note"), "aria-label": t("svc.note") });
    const assign = el("input", { class: "step-assign", placeholder: t("svc.assignTo"), "aria-label": t("svc.assignTo") });
    const sync = () => {
      category.hidden = select.value !== "Recorded";
      assign.hidden = select.value !== "Transferred";
    };
    select.addEventListener("change", sync);
    sync();
    form.append(select, category, assign, note, el("button", { type: "submit", class: "step-go" }, t("svc.stepGo")));
    form.addEventListener("submit", async e => {
      e.preventDefault();
      const res = await api(`/api/tickets/${ticket.id}/steps`, { method: "POST", body: JSON.stringify({
        step: select.value, note: note.value || null, category: select.value === "Recorded" ? category.value : null,
        assignTo: select.value === "Transferred" ? assign.value : null }) });
      if (showError(res)) await loadTickets();
    });
    return form;
  }

  function complaintFrom(source, id, line) {
    const f = document.getElementById("complaint-form");
    f.callId.value = source === "call" ? id : "";
    f.ticketId.value = source === "ticket" ? id : "";
    if (line) f.line.value = line;
    const label = document.getElementById("complaint-source");
    label.textContent = t(source === "call" ? "svc.sourceCall" : "svc.sourceTicket", { id });
    label.hidden = false;
    f.summary.focus();
  }

  async function loadTickets() {
    if (!me.permissions.includes("HandleTickets")) return;
    const res = await api("/api/tickets?open=true");
    if (!res.ok) return;
    document.getElementById("tickets-empty").hidden = res.body.length > 0;
    document.getElementById("tickets-body").replaceChildren(...res.body.map(t => el("tr", { "data-id": t.id, "data-step": t.step },
      el("td", {}, String(t.id)), el("td", {}, t.line), el("td", { translate: "no" }, t.customer), el("td", { class: "ticket-step" }, hotline95.enumText("TicketStep", t.step)),
      el("td", { translate: "no" }, t.category || ""), el("td", {}, stepControls(t),
        me.permissions.includes("CreateComplaints")
          ? el("button", { type: "button", class: "link to-complaint", onclick: () => complaintFrom("ticket", t.id, t.line) }, hotline95.t("svc.toComplaint"))
          : ""))));
  }

  function countdown(seconds) {
    if (seconds === null || seconds === undefined) return "";
    const sign = seconds < 0 ? "-" : "";
    const s = Math.abs(seconds);
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    return `${sign}${h}:${String(m).padStart(2, "0")}:${String(sec).padStart(2, "0")}`;
  }

  function complaintRow(c) {
    const actions = el("td", {});
    if (me.permissions.includes("HandleComplaints") && c.status !== "Resolved") {
      if (!c.respondedAt) actions.append(el("button", { type: "button", class: "link respond", onclick: async () => {
        if (showError(await api(`/api/complaints/${c.id}/respond`, { method: "POST", body: JSON.stringify({ note: "" }) }))) await loadComplaints();
      } }, t("svc.respond")));
      const resolution = el("input", { class: "resolution", placeholder: t("svc.resolution"), "aria-label": t("svc.resolution") });
      actions.append(resolution, el("button", { type: "button", class: "link resolve", onclick: async () => {
        if (showError(await api(`/api/complaints/${c.id}/resolve`, { method: "POST", body: JSON.stringify({ resolution: resolution.value, satisfaction: 5 }) }))) await loadComplaints();
      } }, t("svc.resolve")));
    }
    const left = el("td", { class: "countdown", "data-seconds": c.secondsRemaining ?? "" }, el("span", { class: "left" }, countdown(c.secondsRemaining)), " ", estimated(c.nextDeadlineEstimated));
    return el("tr", { "data-id": c.id, class: c.deadline === "Overdue" ? "overdue" : c.deadline === "AtRisk" ? "atrisk" : "" },
      el("td", {}, String(c.id)), el("td", {}, c.line), el("td", { translate: "no" }, c.summary), el("td", { class: "complaint-status" }, enumText("ComplaintStatus", c.status)),
      el("td", {}, shanghai(c.respondBy)), el("td", {}, shanghai(c.resolveBy), " ", estimated(c.resolveByEstimated && c.status !== "Resolved")), left, actions);
  }

  async function loadComplaints() {
    const res = await api("/api/complaints?status=open");
    if (res.ok) {
      document.getElementById("complaints-body").replaceChildren(...res.body.map(complaintRow));
      document.getElementById("complaints-empty").hidden = res.body.length > 0;
    }
    if (me.permissions.includes("ViewComplaintFigures")) {
      const escalated = await api("/api/complaints?status=escalated");
      if (escalated.ok) {
        document.getElementById("escalations-body").replaceChildren(...escalated.body.map(c => el("tr", { "data-id": c.id, class: "overdue" },
          el("td", {}, `#${c.id}`), el("td", {}, c.line), el("td", { translate: "no" }, c.summary), el("td", {}, pick(c.escalationReason || "")))));
        document.getElementById("escalations-empty").hidden = escalated.body.length > 0;
      }
      const notices = await api("/api/notifications");
      if (notices.ok) document.getElementById("notices").replaceChildren(...notices.body.slice(0, 5).map(n => el("li", {}, `${shanghai(n.createdAt)} ${pick(n.message)}`)));
    }
  }

  // Deadlines count down in the browser between reloads.
  setInterval(() => document.querySelectorAll("td.countdown[data-seconds]").forEach(td => {
    if (td.dataset.seconds === "") return;
    td.dataset.seconds = String(Number(td.dataset.seconds) - 1);
    td.querySelector(".left").textContent = countdown(Number(td.dataset.seconds));
  }), 1000);

  document.getElementById("ticket-form").addEventListener("submit", async e => {
    e.preventDefault();
    const f = e.target;
    const callId = f.callId.value ? Number(f.callId.value) : null;
    const res = await api("/api/tickets", { method: "POST", body: JSON.stringify({
      line: callId ? null : f.line.value, callId, customerPhone: f.customerPhone.value || null, note: f.note.value || null }) });
    if (showError(res)) { f.reset(); document.getElementById("ticket-call-label").hidden = true; f.callId.value = ""; await loadTickets(); }
  });

  document.getElementById("complaint-form").addEventListener("submit", async e => {
    e.preventDefault();
    const f = e.target;
    const res = await api("/api/complaints", { method: "POST", body: JSON.stringify({
      line: f.line.value, callerPhone: f.callerPhone.value || null, summary: f.summary.value,
      callId: f.callId.value ? Number(f.callId.value) : null, ticketId: f.ticketId.value ? Number(f.ticketId.value) : null }) });
    if (showError(res)) {
      f.reset(); f.callId.value = ""; f.ticketId.value = ""; document.getElementById("complaint-source").hidden = true;
      fillLines(); await loadComplaints();
    }
  });

  // The rows carry texts of the UI's language: drawn again when it changes.
  document.addEventListener("hotline95:lang", () => { if (me) { loadTickets(); loadComplaints(); } });
  ready.then(async m => {
    me = m;
    lines = (await api("/api/lines")).body || [];
    fillLines();
    const complaintCall = new URLSearchParams(location.search).get("complaintCallId");
    if (complaintCall) complaintFrom("call", complaintCall, null);
    const callId = new URLSearchParams(location.search).get("callId");
    if (callId) {
      document.getElementById("ticket-call").value = callId;
      document.getElementById("ticket-call-id").textContent = callId;
      document.getElementById("ticket-call-label").hidden = false;
    }
    await loadTickets();
    await loadComplaints();
  });
})();
