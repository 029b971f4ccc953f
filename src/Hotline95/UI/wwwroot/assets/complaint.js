// A complaint's page: its deadlines counting down (as the server computed them on the working-day calendar), its whole
// history from the audit log, the linked call and ticket, and "标记已响应" / "办结" with the caller's satisfaction asked.
(function () {
  const { api, el, shanghai, ready, errorLine, estimated } = window.h95;
  const { enumText, withheld, pathId, linkedCall, field, actionForm, liveCountdown, saved } = window.h95cases;
  const t = (key, args) => hotline95.t(key, args);
  const id = pathId();
  const showError = errorLine("case-error");
  let me = null, complaint = null, history = [];

  function satisfactionText(value, unasked) {
    const text = value === null || value === undefined ? t("cpl.sat.none") : t("cpl.sat.value", { n: value });
    return unasked ? t("cpl.sat.unasked", { value: text }) : text;
  }

  // 1–5 or "not rated", nothing chosen beforehand: the agent asks the caller and picks what was said.
  function satisfactionChoice() {
    const options = ["1", "2", "3", "4", "5", "none"];
    return el("fieldset", { class: "satisfaction" }, el("legend", {}, t("cpl.f.satisfaction")),
      ...options.map(v => el("label", { class: "inline", for: `sat-${v}` },
        el("input", { type: "radio", name: "satisfaction", value: v, id: `sat-${v}`, required: "" }), t(v === "none" ? "cpl.sat.notRated" : `cpl.sat.${v}`))));
  }

  async function act(url, body) {
    const res = await api(url, { method: "POST", body: JSON.stringify(body) });
    if (!showError(res)) return;
    complaint = res.body;
    await loadHistory();
    render();
    saved();
  }

  function actions() {
    const list = [];
    if (!me.permissions.includes("HandleComplaints")) list.push(el("p", { class: "muted" }, t("svc.viewOnly")));
    else if (complaint.status === "Resolved") list.push(el("p", { class: "muted" }, t("cpl.resolvedNothing")));
    else {
      if (!complaint.respondedAt) {
        list.push(actionForm("respond", "cpl.act.respond",
          field("f-response", "cpl.f.responseNote", el("textarea", { name: "note", rows: "2" })),
          form => act(`/api/complaints/${id}/respond`, { note: form.elements.note.value.trim() || null })));
      }
      list.push(actionForm("resolve", "cpl.act.resolve",
        [...field("f-resolution", "cpl.f.resolution", el("textarea", { name: "resolution", rows: "3", required: "" })), satisfactionChoice()],
        form => {
          const chosen = form.elements.satisfaction.value;
          if (!chosen) { showError({ ok: false, body: { detail: t("cpl.sat.choose") } }); return; }
          return act(`/api/complaints/${id}/resolve`, { resolution: form.elements.resolution.value, satisfaction: chosen === "none" ? null : Number(chosen) });
        }));
    }
    document.getElementById("actions").replaceChildren(...list);
  }

  // A deadline: its time, then "responded at …" when met, else the time left or overdue.
  function deadline(cellId, due, metAt, metKey, seconds, isEstimated) {
    document.getElementById(cellId).replaceChildren(shanghai(due), " ", estimated(isEstimated), el("br", {}),
      metAt ? t(metKey, { at: shanghai(metAt) }) : liveCountdown(seconds, { id: `${cellId}-left` }));
  }

  function historyNote(e) {
    if (e.noteWithheld) return withheld();
    switch (e.event) {
      case "Resolved": return el("span", {}, e.note || "", el("br", {}), `${t("cpl.satisfaction")}: ${satisfactionText(e.satisfaction, e.satisfactionUnasked)}`);
      case "Escalated": return e.cause ? enumText("EscalationCause", e.cause) : "";
      case "DeadlineRecomputed": return t("cpl.moved", { before: shanghai(e.deadlineBefore), after: shanghai(e.deadlineAfter) });
      default: return e.note || "";
    }
  }

  function render() {
    document.title = `${t("cpl.heading", { id })} · Hotline95`;
    document.getElementById("case-heading").textContent = t("cpl.heading", { id });
    const set = (cellId, value) => { document.getElementById(cellId).textContent = value || "—"; };
    const status = document.getElementById("complaint-status");
    status.dataset.status = complaint.status;
    status.textContent = `${enumText("ComplaintStatus", complaint.status)} · ${enumText("DeadlineState", complaint.deadline)}`;
    set("complaint-line", complaint.line);
    set("complaint-phone", complaint.callerPhone);
    set("complaint-name", complaint.callerName);
    set("complaint-category", complaint.category);
    set("complaint-received", shanghai(complaint.receivedAt));
    document.getElementById("complaint-summary").replaceChildren(complaint.textWithheld ? withheld() : complaint.summary);
    const resolved = history.find(e => e.event === "Resolved");
    document.getElementById("complaint-satisfaction").textContent = complaint.status === "Resolved"
      ? satisfactionText(complaint.satisfaction, resolved?.satisfactionUnasked && complaint.satisfaction === 5) : "—";
    document.getElementById("complaint-ticket").replaceChildren(complaint.ticketId ? el("a", { href: `/tickets/${complaint.ticketId}` }, `#${complaint.ticketId}`) : "—");
    deadline("deadline-respond", complaint.respondBy, complaint.respondedAt, "cpl.respondedAt", complaint.secondsToRespond, false);
    deadline("deadline-resolve", complaint.resolveBy, complaint.resolvedAt, "cpl.resolvedAt", complaint.secondsToResolve, complaint.resolveByEstimated && complaint.status !== "Resolved");
    document.getElementById("history-body").replaceChildren(...history.map(e => el("tr", { "data-event": e.event },
      el("td", {}, enumText("ComplaintEvent", e.event)), el("td", {}, e.by), el("td", {}, shanghai(e.at)), el("td", { class: "note" }, historyNote(e)))));
    actions();
  }

  async function loadHistory() {
    const res = await api(`/api/complaints/${id}/history`);
    if (showError(res)) history = res.body;
  }

  document.addEventListener("hotline95:lang", () => { if (complaint) { render(); linkedCall(document.getElementById("case-call"), complaint.callId, me); } });

  ready.then(async m => {
    me = m;
    const res = await api(`/api/complaints/${id}`);
    if (res.status === 404) { document.getElementById("case-heading").textContent = t("svc.notFound"); return; }
    if (!showError(res)) return;
    complaint = res.body;
    await loadHistory();
    document.getElementById("case").hidden = false;
    render();
    await linkedCall(document.getElementById("case-call"), complaint.callId, me);
  });
})();
