// 工单与投诉: open a ticket or receive a complaint, find any of them (closed ones too), page through them; each opens its own page.
(function () {
  const { api, el, shanghai, ready, estimated, pager, errorLine } = window.h95;
  const { liveCountdown, enumText, withheld } = window.h95cases;
  const t = (key, args) => hotline95.t(key, args);
  const showError = errorLine("svc-error");
  const complaintOnly = ["overdue", "atRisk", "escalated"];
  const fields = ["id", "phone", "status", "category", "line", "from", "to"];
  let me = null;
  let lines = [];
  let ticketPage = 1, complaintPage = 1, escalationPage = 1;
  const ticketTurn = h95.turns(), complaintTurn = h95.turns();

  function fillLines() {
    const options = () => lines.map(l => el("option", { value: l.number }, `${l.number} ${l.name}`));
    for (const id of ["ticket-line", "complaint-line"]) document.getElementById(id).replaceChildren(...options());
    const any = () => el("option", { value: "" }, t("svc.search.any"));
    const line = document.getElementById("s-line"), category = document.getElementById("s-category");
    const chosenLine = line.value, chosenCategory = category.value;
    line.replaceChildren(any(), ...options());
    const purposes = [...new Set(lines.flatMap(l => l.purposes || []))];
    category.replaceChildren(any(), ...purposes.map(p => el("option", { value: p }, p)));
    line.value = chosenLine;
    category.value = chosenCategory;
  }

  // The search as query parameters (the page's own address keeps it, so a link or the back button returns to it).
  function criteria() {
    const params = new URLSearchParams();
    for (const name of fields) {
      const v = document.getElementById(`s-${name}`).value.trim();
      if (v) params.set(name, v);
    }
    return params;
  }

  const caseLink = (kind, id) =>
    el("a", { href: `/${kind}/${id}`, class: `case-link`, "aria-label": t(kind === "tickets" ? "svc.openTicket" : "svc.openComplaint", { id }) }, `#${id}`);

  async function loadTickets() {
    if (!me.permissions.includes("ViewTickets")) return;
    const params = criteria();
    const onlyComplaints = complaintOnly.includes(params.get("status"));
    document.getElementById("tickets-na").hidden = !onlyComplaints;
    document.getElementById("tickets-list").hidden = onlyComplaints;
    if (onlyComplaints) return;
    params.set("page", ticketPage);
    const mine = ticketTurn();
    const res = await api(`/api/tickets?${params}`);
    if (!mine() || !showError(res)) return;
    const answer = res.body;
    document.getElementById("tickets-body").replaceChildren(...answer.items.map(x => el("tr", { "data-id": x.id, "data-step": x.step },
      el("td", {}, caseLink("tickets", x.id)), el("td", {}, shanghai(x.openedAt)), el("td", {}, x.line), el("td", {}, x.customer),
      el("td", { class: "ticket-step" }, enumText("TicketStep", x.step)), el("td", {}, x.category || ""), el("td", {}, x.assignedTo || ""))));
    document.getElementById("tickets-empty").hidden = answer.total > 0;
    pager(document.getElementById("tickets-pager"), answer, n => { ticketPage = n; loadTickets(); });
  }

  function complaintRow(c) {
    const summary = c.textWithheld ? withheld() : c.summary;
    return el("tr", { "data-id": c.id, class: c.deadline === "Overdue" ? "overdue" : c.deadline === "AtRisk" ? "atrisk" : "" },
      el("td", {}, caseLink("complaints", c.id)), el("td", {}, shanghai(c.receivedAt)), el("td", {}, c.line), el("td", { translate: "no" }, summary),
      el("td", { class: "complaint-status" }, enumText("ComplaintStatus", c.status)),
      el("td", {}, shanghai(c.respondBy)), el("td", {}, shanghai(c.resolveBy), " ", estimated(c.resolveByEstimated && c.status !== "Resolved")),
      el("td", { class: "left" }, liveCountdown(c.secondsRemaining), " ", estimated(c.nextDeadlineEstimated)));
  }

  async function loadComplaints() {
    const params = criteria();
    params.set("page", complaintPage);
    const mine = complaintTurn();
    const res = await api(`/api/complaints?${params}`);
    if (!mine() || !showError(res)) return;
    document.getElementById("complaints-body").replaceChildren(...res.body.items.map(complaintRow));
    document.getElementById("complaints-empty").hidden = res.body.total > 0;
    pager(document.getElementById("complaints-pager"), res.body, n => { complaintPage = n; loadComplaints(); });
  }

  async function loadEscalations() {
    if (!me.permissions.includes("ViewComplaintFigures")) return;
    const escalated = await api(`/api/complaints?status=escalated&pageSize=10&page=${escalationPage}`);
    if (showError(escalated)) {
      document.getElementById("escalations-body").replaceChildren(...escalated.body.items.map(c => el("tr", { "data-id": c.id, class: "overdue" },
        el("td", {}, caseLink("complaints", c.id)), el("td", {}, c.line), el("td", { translate: "no" }, c.textWithheld ? withheld() : c.summary),
        el("td", {}, enumText("DeadlineState", c.deadline)), el("td", {}, liveCountdown(c.secondsRemaining)))));
      document.getElementById("escalations-empty").hidden = escalated.body.total > 0;
      pager(document.getElementById("escalations-pager"), escalated.body, n => { escalationPage = n; loadEscalations(); });
    }
    const notices = await api("/api/notifications");
    if (notices.ok) {
      document.getElementById("notices").replaceChildren(...notices.body.slice(0, 5).map(n =>
        el("li", {}, `${shanghai(n.createdAt)} `, n.link ? el("a", { href: n.link }, noticeText(n)) : noticeText(n))));
    }
  }

  // Written in the page's language by the server; a notice from before notices were codes holds both, and shows its side.
  function noticeText(n) {
    return n.bilingual ? hotline95.pick(n.message) : n.message;
  }

  function search(e) {
    if (e) e.preventDefault();
    ticketPage = 1;
    complaintPage = 1;
    const params = criteria();
    history.replaceState(null, "", params.toString() ? `/service?${params}` : "/service");
    return Promise.all([loadTickets(), loadComplaints()]);
  }

  function complaintFrom(source, id) {
    const f = document.getElementById("complaint-form");
    f.callId.value = source === "call" ? id : "";
    f.ticketId.value = source === "ticket" ? id : "";
    const label = document.getElementById("complaint-source");
    label.dataset.source = source;
    label.dataset.id = id;
    label.textContent = t(source === "call" ? "svc.fromCall" : "svc.fromTicket", { id });
    label.hidden = false;
    f.summary.focus();
  }

  document.getElementById("case-search").addEventListener("submit", search);
  document.getElementById("s-clear").addEventListener("click", () => {
    for (const name of fields) document.getElementById(`s-${name}`).value = name === "status" ? "open" : "";
    search();
  });

  document.getElementById("ticket-form").addEventListener("submit", async e => {
    e.preventDefault();
    const f = e.target;
    const callId = f.callId.value ? Number(f.callId.value) : null;
    const res = await api("/api/tickets", { method: "POST", body: JSON.stringify({
      line: callId ? null : f.line.value, callId, customerPhone: f.customerPhone.value || null, note: f.note.value || null }) });
    if (showError(res)) location.href = `/tickets/${res.body.id}`;
  });

  document.getElementById("complaint-form").addEventListener("submit", async e => {
    e.preventDefault();
    const f = e.target;
    const res = await api("/api/complaints", { method: "POST", body: JSON.stringify({
      line: f.line.value, callerPhone: f.callerPhone.value || null, summary: f.summary.value,
      callId: f.callId.value ? Number(f.callId.value) : null, ticketId: f.ticketId.value ? Number(f.ticketId.value) : null }) });
    if (showError(res)) location.href = `/complaints/${res.body.id}`;
  });

  function redraw() {
    fillLines();
    const label = document.getElementById("complaint-source");
    if (!label.hidden) label.textContent = t(label.dataset.source === "call" ? "svc.fromCall" : "svc.fromTicket", { id: label.dataset.id });
    const call = document.getElementById("ticket-call").value;
    if (call) document.getElementById("ticket-call-label").textContent = t("svc.fromCall", { id: call });
    return Promise.all([loadTickets(), loadComplaints(), loadEscalations()]);
  }
  document.addEventListener("hotline95:lang", () => { if (me) redraw(); });

  ready.then(async m => {
    me = m;
    lines = (await api("/api/lines")).body || [];
    const query = new URLSearchParams(location.search);
    fillLines();
    for (const name of fields) if (query.get(name)) document.getElementById(`s-${name}`).value = query.get(name);
    if (query.get("complaintCallId")) complaintFrom("call", query.get("complaintCallId"));
    if (query.get("complaintTicketId")) {
      complaintFrom("ticket", query.get("complaintTicketId"));
      if (query.get("complaintLine")) document.getElementById("complaint-line").value = query.get("complaintLine");
    }
    const callId = query.get("callId");
    if (callId) {
      document.getElementById("ticket-call").value = callId;
      const label = document.getElementById("ticket-call-label");
      label.textContent = t("svc.fromCall", { id: callId });
      label.hidden = false;
    }
    await Promise.all([loadTickets(), loadComplaints(), loadEscalations()]);
  });
})();
