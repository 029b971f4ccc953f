// Shared by the tickets and complaints pages: time left as days and hours, enum values through their keys, withheld texts.
(function () {
  const { el, api, shanghai } = window.h95;
  const t = (key, args) => window.hotline95.t(key, args);

  // Seconds to a deadline as the server counted them (it owns the working-day calendar): "剩 …" or "已超时 …"; null: met.
  function countdown(seconds) {
    return seconds === null || seconds === undefined ? t("svc.met") : window.h95.timeLeft(seconds);
  }

  // A countdown that keeps counting in the page between reloads: data-seconds as the server said, data-at when it was drawn.
  function liveCountdown(seconds, attrs) {
    const known = seconds !== null && seconds !== undefined;
    const span = el("span", Object.assign({ class: "countdown" + (known && seconds < 0 ? " overdue-text" : "") }, attrs || {}), countdown(seconds));
    if (known) { span.dataset.seconds = String(seconds); span.dataset.at = String(Date.now()); }
    return span;
  }
  function redraw() {
    document.querySelectorAll("span.countdown[data-seconds]").forEach(span => {
      const left = Number(span.dataset.seconds) - Math.floor((Date.now() - Number(span.dataset.at)) / 1000);
      span.textContent = countdown(left);
      span.classList.toggle("overdue-text", left < 0);
    });
  }
  setInterval(redraw, 60 * 1000);
  document.addEventListener("hotline95:lang", redraw);

  // An enum value shown through its key (enum.TicketStep.Answered); an unknown value is shown as sent.
  function enumText(type, value) {
    if (value === null || value === undefined) return "";
    const key = `enum.${type}.${value}`;
    const text = t(key);
    return text === key ? value : text;
  }

  // A text there is but this reader may not see: says so, and why on hover.
  function withheld() {
    return el("span", { class: "muted withheld", title: t("svc.withheldTitle") }, t("svc.withheld"));
  }

  // The record's id from the page's address (/tickets/12 → 12).
  function pathId() {
    return Number(location.pathname.split("/").pop());
  }

  // The linked call, masked, with a link to it on the calls page; only its number for a reader who may not see calls.
  async function linkedCall(cell, callId, me) {
    if (!callId) { cell.replaceChildren(t("svc.noCall")); return; }
    if (!me.permissions.includes("ViewCalls")) { cell.replaceChildren(`#${callId}`); return; }
    const res = await api(`/api/calls?id=${callId}`);
    const call = res.ok ? res.body.items[0] : null;
    const link = el("a", { href: `/calls?id=${callId}`, class: "call-link" }, t("svc.callLink", { id: callId }));
    cell.replaceChildren(...(call ? [el("span", { class: "call-summary" }, `${shanghai(call.startedAt)} · ${call.line} · ${call.customer}`), el("br", {})] : []), link);
  }

  // A labelled form field: its <label for> and the control, which takes the id.
  function field(id, labelKey, control) {
    control.id = id;
    return [el("label", { for: id }, t(labelKey)), control];
  }

  // An action's form: its fields and one button named by the verb; onSubmit(form) answers the API's reply.
  function actionForm(name, verbKey, fields, onSubmit) {
    const form = el("form", { class: "act stack", "data-action": name }, ...fields, el("button", { type: "submit", class: "act-go" }, t(verbKey)));
    form.addEventListener("submit", async e => {
      e.preventDefault();
      form.querySelector(".act-go").disabled = true;
      try { await onSubmit(form); } finally { form.querySelector(".act-go").disabled = false; }
    });
    return form;
  }

  // "已保存。" under the actions, in the UI's language also after a switch (the catalog's pass redraws data-i18n).
  function saved() {
    const line = document.getElementById("actions-saved");
    line.setAttribute("data-i18n", "svc.saved");
    line.textContent = t("svc.saved");
  }

  window.h95cases = { countdown, liveCountdown, enumText, withheld, pathId, linkedCall, field, actionForm, saved };
})();
