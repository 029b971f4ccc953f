// A ticket's page: where it stands, its whole history (who, when, what), the linked call, and the next steps as verbs.
(function () {
  const { api, el, shanghai, ready, errorLine } = window.h95;
  const { enumText, withheld, pathId, linkedCall, field, actionForm, saved } = window.h95cases;
  const t = (key, args) => hotline95.t(key, args);
  const id = pathId();
  const showError = errorLine("case-error");
  let me = null, lines = [], ticket = null;

  // The fields each next step asks for (the server checks them again).
  function fieldsOf(step) {
    const f = name => `f-${step}-${name}`;
    const input = (name, attrs) => el("input", Object.assign({ name, autocomplete: "off" }, attrs || {}));
    switch (step) {
      case "Recorded": {
        const purposes = lines.find(l => l.number === ticket.line)?.purposes || [];
        if (purposes.length === 0) return [el("p", { class: "muted" }, t("tkt.noPurposes"))];
        return [...field(f("category"), "tkt.f.category", el("select", { name: "category" }, ...purposes.map(p => el("option", { value: p }, p)))),
          ...field(f("note"), "tkt.f.issue", el("textarea", { name: "note", rows: "3", required: "" }))];
      }
      case "Transferred":
        return [...field(f("assign"), "tkt.f.assignTo", input("assignTo", { required: "" })), ...field(f("note"), "tkt.f.note", input("note"))];
      case "FedBack":
        return [...field(f("note"), "tkt.f.feedback", el("textarea", { name: "note", rows: "3" })),
          ...field(f("call"), "tkt.f.feedbackCall", input("feedbackCallId", { type: "number", min: "1", inputmode: "numeric" }))];
      default:
        return field(f("note"), "tkt.f.note", input("note"));
    }
  }

  function actions() {
    const box = document.getElementById("actions");
    const list = [];
    if (!me.permissions.includes("HandleTickets")) list.push(el("p", { class: "muted" }, t("svc.viewOnly")));
    else if (ticket.nextSteps.length === 0) list.push(el("p", { class: "muted" }, t("tkt.closedNothing")));
    else {
      for (const step of ticket.nextSteps) {
        list.push(actionForm(step, `tkt.act.${step}`, fieldsOf(step), async form => {
          const value = name => form.elements[name]?.value?.trim() || null;
          const res = await api(`/api/tickets/${id}/steps`, { method: "POST", body: JSON.stringify({
            step, note: value("note"), category: value("category"), assignTo: value("assignTo"),
            feedbackCallId: value("feedbackCallId") ? Number(value("feedbackCallId")) : null }) });
          if (!showError(res)) return;
          ticket = res.body;
          render();
          saved();
        }));
      }
    }
    if (me.permissions.includes("CreateComplaints")) {
      list.push(el("p", {}, el("a", { class: "to-complaint", href: `/service?complaintTicketId=${id}&complaintLine=${encodeURIComponent(ticket.line)}` }, t("tkt.toComplaint"))));
    }
    box.replaceChildren(...list);
  }

  function render() {
    document.title = `${t("tkt.heading", { id })} · Hotline95`;
    document.getElementById("case-heading").textContent = t("tkt.heading", { id });
    const set = (cellId, value) => { document.getElementById(cellId).textContent = value || "—"; };
    set("ticket-step", enumText("TicketStep", ticket.step));
    document.getElementById("ticket-step").dataset.step = ticket.step;
    set("ticket-line", ticket.line);
    set("ticket-customer", ticket.customer);
    set("ticket-category", ticket.category);
    set("ticket-assigned", ticket.assignedTo);
    set("ticket-opened", shanghai(ticket.openedAt));
    set("ticket-opened-by", ticket.openedBy);
    set("ticket-closed", shanghai(ticket.closedAt));
    document.getElementById("history-body").replaceChildren(...ticket.steps.map(s => el("tr", { "data-step": s.step },
      el("td", {}, enumText("TicketStep", s.step)), el("td", {}, s.by), el("td", {}, shanghai(s.at)),
      el("td", { class: "note" }, s.noteWithheld ? withheld() : s.note || "",
        s.callId ? el("span", {}, " ", el("a", { href: `/calls?id=${s.callId}` }, t("tkt.feedbackCall", { id: s.callId }))) : ""))));
    actions();
  }

  document.addEventListener("hotline95:lang", () => { if (ticket) { render(); linkedCall(document.getElementById("case-call"), ticket.callId, me); } });

  ready.then(async m => {
    me = m;
    const [res, lineList] = await Promise.all([api(`/api/tickets/${id}`), api("/api/lines")]);
    if (res.status === 404) { document.getElementById("case-heading").textContent = t("svc.notFound"); return; }
    if (!showError(res)) return;
    lines = lineList.body || [];
    ticket = res.body;
    document.getElementById("case").hidden = false;
    render();
    await linkedCall(document.getElementById("case-call"), ticket.callId, me);
  });
})();
