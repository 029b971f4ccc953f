// The agent's desk: live calls pushed by the server (server-sent events), each with its caller looked up and one-click
// ticket and complaint; the missed calls to call back beside them.
(function () {
  const { api, el, shanghai, ready, errorLine } = window.h95;
  const t = (key, args) => window.hotline95.t(key, args);
  const MAX_CALLS = 20;
  const RETRY_SECONDS = 5;
  const calls = new Map(); // call id → the call's card state, newest first in the panel
  let me = null;

  // --- the live stream -------------------------------------------------------------------------------------------
  let status = { key: "desk.status.connecting", args: null };
  function setStatus(state, key, args) {
    status = { key, args };
    const line = document.getElementById("desk-status");
    line.setAttribute("data-state", state);
    line.textContent = t(key, args);
  }

  function connect() {
    setStatus("connecting", "desk.status.connecting");
    const source = new EventSource("/api/desk/events");
    source.addEventListener("open", () => setStatus("live", "desk.status.live"));
    source.addEventListener("desk", e => onDeskEvent(JSON.parse(e.data)));
    source.addEventListener("error", async () => {
      if (source.readyState !== EventSource.CLOSED) {
        setStatus("reconnecting", "desk.status.reconnecting"); // the browser reconnects by itself, sending Last-Event-ID
        return;
      }
      // Refused (the session ended, or the server is down): api() takes a signed-out user to the sign-in page.
      source.close();
      setStatus("offline", "desk.status.offline", { s: RETRY_SECONDS });
      try { await api("/api/me"); } catch { /* the server is down: retry */ } // a signed-out user's api() never returns: the page is on its way to sign-in
      setTimeout(connect, RETRY_SECONDS * 1000);
    });
  }

  function onDeskEvent(e) {
    let entry = calls.get(e.callId);
    if (e.kind === "Ringing") {
      if (entry) return; // already shown (a catch-up after reconnecting)
      entry = { event: e, state: "Ringing", agent: null, lookup: null, lookupError: null, ticket: null, complaint: null };
      calls.set(e.callId, entry);
      entry.card = card(entry);
      document.getElementById("desk-calls").prepend(entry.card.root);
      trim();
      paint(entry);
      lookUp(entry);
    } else if (entry) {
      // Answered or ended: only calls this desk shows change; the others are not for this agent.
      if (e.kind === "Answered") { entry.state = "Answered"; entry.agent = e.agent; }
      if (e.kind === "Ended") entry.state = "Ended";
      paint(entry);
    }
    if (e.kind === "Ended") refreshCallbacksSoon(); // an ended call may be a missed one, to call back
    showEmpty();
  }

  function trim() {
    // The map keeps arrival order: the oldest calls leave first.
    for (const [id, entry] of [...calls].slice(0, Math.max(0, calls.size - MAX_CALLS))) { entry.card.root.remove(); calls.delete(id); }
  }

  function showEmpty() { document.getElementById("desk-empty").hidden = calls.size > 0; }

  async function lookUp(entry) {
    const res = await api(`/api/desk/calls/${entry.event.callId}`);
    entry.lookup = res.ok ? res.body : null;
    entry.lookupError = res.ok ? null : (res.body?.detail || String(res.status));
    paint(entry);
  }

  // --- one call's card: built once (the note keeps what the agent typed), painted again on every change and language switch
  function card(entry) {
    const e = entry.event;
    const id = e.callId;
    const labelled = (key, node) => [el("dt", { "data-i18n": key }, t(key)), el("dd", {}, node)];
    const parts = {
      state: el("span", { class: "desk-state" }),
      caller: el("span", { class: "desk-caller" }),
      lookup: el("div", { class: "desk-lookup" }),
      note: el("textarea", { id: `desk-note-${id}`, class: "desk-note", rows: "2", "data-i18n-attr": "placeholder:desk.notePlaceholder", placeholder: t("desk.notePlaceholder") }),
      ticket: el("button", { type: "button", class: "desk-ticket", "data-i18n": "desk.openTicket", onclick: () => openTicket(entry) }, t("desk.openTicket")),
      complaint: el("button", { type: "button", class: "secondary desk-complaint", "data-i18n": "desk.openComplaint", onclick: () => openComplaint(entry) }, t("desk.openComplaint")),
      dismiss: el("button", { type: "button", class: "link desk-dismiss", "data-i18n": "desk.dismiss", onclick: () => dismiss(entry) }, t("desk.dismiss")),
      outcome: el("ul", { class: "plain desk-outcome" }),
      error: el("p", { class: "error", role: "alert", hidden: "" }),
    };
    parts.complaint.hidden = !me.permissions.includes("CreateComplaints");
    const root = el("article", { class: "desk-call", "data-call": id, "aria-labelledby": `desk-call-${id}` },
      el("header", {}, el("h3", { id: `desk-call-${id}` }, parts.caller), parts.state, parts.dismiss),
      el("dl", { class: "desk-facts" },
        ...labelled("desk.line", e.line),
        ...(e.queue ? labelled("desk.queue", e.queue) : []),
        ...labelled("desk.started", shanghai(e.at))),
      el("h4", { "data-i18n": "desk.lookup" }, t("desk.lookup")),
      parts.lookup,
      el("label", { for: parts.note.id, "data-i18n": "desk.note" }, t("desk.note")),
      parts.note,
      el("div", { class: "actions" }, parts.ticket, parts.complaint),
      parts.outcome,
      parts.error);
    return Object.assign(parts, { root });
  }

  function paint(entry) {
    const { event: e, card: c } = entry;
    const caller = e.caller || t("desk.withheld");
    c.caller.textContent = caller;
    c.dismiss.setAttribute("aria-label", t("desk.dismissLabel", { caller }));
    c.state.textContent = entry.state === "Answered" && entry.agent ? t("desk.state.AnsweredBy", { agent: entry.agent }) : t(`desk.state.${entry.state}`);
    c.root.setAttribute("data-state", entry.state);
    c.lookup.replaceChildren(...lookupLines(entry));
    c.outcome.replaceChildren(...outcomeLines(entry));
  }

  function lookupLines(entry) {
    if (entry.lookupError) return [el("p", { class: "error" }, t("desk.lookup.failed", { detail: entry.lookupError }))];
    if (!entry.lookup) return [el("p", { class: "muted" }, t("desk.lookup.loading"))];
    const l = entry.lookup.lookup;
    if (!l) return [el("p", { class: "muted desk-withheld" }, t("desk.lookup.withheld"))];
    const ids = list => list.length ? list.map(n => `#${n}`).join(t("common.listSeparator")) : t("desk.lookup.none");
    const last = l.lastCall ? `${shanghai(l.lastCall.startedAt)} · ${l.lastCall.line} · ${t(`enum.CallDisposition.${l.lastCall.disposition}`)}` : t("desk.lookup.none");
    const row = (cls, key, value) => [el("dt", {}, t(key)), el("dd", { class: cls }, value)];
    return [el("dl", { class: "desk-facts" },
      ...row("desk-calls-kept", "desk.lookup.calls", t(l.moreCalls ? "desk.lookup.callsMore" : "desk.lookup.callsCount", { n: l.callsKept })),
      ...row("desk-last-call", "desk.lookup.last", last),
      ...row("desk-open-tickets", "desk.lookup.tickets", ids(l.openTickets)),
      ...row("desk-open-complaints", "desk.lookup.complaints", ids(l.openComplaints)),
      ...row(l.blocked ? "desk-blocked blocked" : "desk-blocked", "desk.lookup.blockState", t(l.blocked ? "desk.lookup.blocked" : "desk.lookup.notBlocked")))];
  }

  // The case opens in a new tab: the desk stays live for the next call.
  function outcomeLines(entry) {
    const lines = [];
    if (entry.ticket) {
      lines.push(el("li", { class: "desk-ticket-opened" }, t("desk.ticketOpened", { id: entry.ticket.id }), " · ",
        el("a", { href: `/tickets/${entry.ticket.id}`, class: "desk-ticket-link", target: "_blank", rel: "noopener" }, t("desk.viewTicket"))));
    }
    if (entry.complaint) {
      lines.push(el("li", { class: "desk-complaint-opened" },
        t("desk.complaintOpened", { id: entry.complaint.id, respondBy: shanghai(entry.complaint.respondBy) }), " · ",
        el("a", { href: `/complaints/${entry.complaint.id}`, class: "desk-complaint-link", target: "_blank", rel: "noopener" }, t("desk.viewComplaint"))));
    }
    return lines;
  }

  function showCardError(entry, res) {
    entry.card.error.hidden = res.ok;
    if (!res.ok) entry.card.error.textContent = window.h95.problem(res);
    return res.ok;
  }

  // One click: the ticket is linked to the call (the server takes the line and the caller from it).
  async function openTicket(entry) {
    entry.card.ticket.disabled = true;
    const note = entry.card.note.value.trim();
    const res = await api("/api/tickets", { method: "POST", body: JSON.stringify({ callId: entry.event.callId, note: note || null }) });
    if (!showCardError(entry, res)) { entry.card.ticket.disabled = false; return; }
    entry.ticket = res.body;
    entry.card.ticket.hidden = true;
    paint(entry);
    lookUp(entry); // the caller's open tickets now include it
  }

  // A complaint says what it is about: the note is its content (required), and it is linked to the call and to the ticket opened here.
  async function openComplaint(entry) {
    const summary = entry.card.note.value.trim();
    if (!summary) {
      showCardError(entry, { ok: false, body: { detail: t("desk.summaryRequired") } });
      entry.card.note.focus();
      return;
    }
    entry.card.complaint.disabled = true;
    const res = await api("/api/complaints", { method: "POST", body: JSON.stringify({
      line: entry.event.line, callId: entry.event.callId, summary, ticketId: entry.ticket ? entry.ticket.id : null }) });
    if (!showCardError(entry, res)) { entry.card.complaint.disabled = false; return; }
    entry.complaint = res.body;
    entry.card.complaint.hidden = true;
    paint(entry);
    lookUp(entry);
  }

  function dismiss(entry) {
    entry.card.root.remove();
    calls.delete(entry.event.callId);
    showEmpty();
  }

  // --- missed calls to call back -----------------------------------------------------------------------------------
  const showCallbackError = errorLine("desk-cb-error");
  let callbacks = [];
  function waited(minutes) {
    if (minutes < 60) return t("desk.cb.minutes", { m: minutes });
    if (minutes < 24 * 60) return t("desk.cb.hours", { h: Math.floor(minutes / 60), m: minutes % 60 });
    return t("desk.cb.days", { d: Math.floor(minutes / 1440), h: Math.floor((minutes % 1440) / 60) });
  }

  let refreshTimer = null;
  function refreshCallbacksSoon() {
    if (!me.permissions.includes("ViewCalls") || refreshTimer) return;
    refreshTimer = setTimeout(() => { refreshTimer = null; loadCallbacks(); }, 1000);
  }

  async function loadCallbacks() {
    const res = await api("/api/callbacks");
    if (!showCallbackError(res)) return;
    callbacks = res.body.open;
    paintCallbacks();
  }

  function paintCallbacks() {
    const list = document.getElementById("desk-cb-list");
    const typed = new Map([...list.querySelectorAll(".desk-cb-note")].map(input => [input.id, input.value])); // kept across a refresh
    document.getElementById("desk-cb-empty").hidden = callbacks.length > 0;
    list.replaceChildren(...callbacks.map(c => {
      const noteId = `desk-cb-note-${c.callId}`;
      const note = el("input", { id: noteId, class: "desk-cb-note", placeholder: t("desk.cb.note") });
      note.value = typed.get(noteId) ?? "";
      const done = el("button", { type: "button", class: "desk-cb-done", "aria-label": t("desk.cb.doneLabel", { number: c.number }), onclick: async () => {
        done.disabled = true;
        const res = await api(`/api/callbacks/${c.callId}/done`, { method: "POST", body: JSON.stringify({ note: note.value.trim() || null }) });
        if (showCallbackError(res)) await loadCallbacks(); else done.disabled = false;
      } }, t("desk.cb.done"));
      return el("li", { "data-call": c.callId },
        el("div", {}, el("strong", { class: "desk-cb-number" }, c.number), " ", el("span", { class: "muted" }, `${c.line}${c.queue ? " · " + c.queue : ""}`)),
        el("div", { class: "muted" }, `${shanghai(c.missedAt)} · ${t("desk.cb.waited", { time: waited(c.ageMinutes) })}`),
        el("div", { class: "actions" }, el("label", { for: noteId, class: "visually-hidden" }, t("desk.cb.noteLabel", { number: c.number })), note, done));
    }));
  }

  document.addEventListener("hotline95:lang", () => {
    const line = document.getElementById("desk-status");
    line.textContent = t(status.key, status.args);
    calls.forEach(paint);
    paintCallbacks();
  });

  ready.then(m => {
    me = m;
    showEmpty();
    connect();
    if (me.permissions.includes("ViewCalls")) return loadCallbacks();
    document.querySelector(".desk-callbacks").hidden = true;
  });
})();
