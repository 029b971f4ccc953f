// The dashboard: today in Shanghai, the lines and the holiday calendar, then the cards the user's role may see
// (/api/dashboard answers null for the others), the user's own role's section first.
(function () {
  const { api, el, shanghai, day } = h95;
  const t = (key, args) => hotline95.t(key, args);
  const en = () => hotline95.lang() === "en";
  const num = n => new Intl.NumberFormat(hotline95.lang()).format(n);
  const pct = v => v === null || v === undefined ? t("dash.na") : (v * 100).toFixed(1) + "%";
  const minute = iso => shanghai(iso).slice(0, 16);
  const enumText = (type, value) => t(`enum.${type}.${value}`);

  const { duration, timeLeft: countdown } = h95; // countdowns as everywhere (common.dur.* texts)

  // A card: its title, a headline figure (data-figure names it for the tests and assistive reading), lines, links.
  function card(id, titleKey, body) {
    const title = el("h3", { id: id + "-title" }, t(titleKey));
    return el("article", { class: "card dash-card", id, "aria-labelledby": id + "-title" }, title, ...body.filter(Boolean));
  }
  function figure(name, value, label, cls) {
    return el("p", { class: "dash-figure" + (cls ? " " + cls : "") },
      el("span", { class: "dash-num", "data-figure": name }, num(value)), " ", el("span", { class: "dash-label" }, label));
  }
  function line(text, cls, attrs) { return el("p", Object.assign({ class: "dash-line" + (cls ? " " + cls : "") }, attrs || {}), text); }
  function links(...pairs) {
    return el("p", { class: "dash-links" }, ...pairs.filter(Boolean).map(([href, key]) => el("a", { href }, t(key))));
  }
  function list(items) { return items.length ? el("ul", { class: "plain dash-list" }, ...items) : null; }
  function empty(text) { return el("p", { class: "muted dash-empty" }, text); }

  const cards = {
    myTickets(c) {
      return card("card-my-tickets", "dash.myTickets", [
        figure("open", c.open, t("dash.myTicketsScope")),
        c.open === 0 ? empty(t("dash.myTicketsEmpty")) : list(c.oldest.map(x => el("li", { "data-ticket": x.id },
          el("span", { class: "dash-strong" }, t("dash.ticketItem", { id: x.id })), ` · ${x.line} · ${minute(x.openedAt)}`,
          x.transferredToMe ? el("span", { class: "dash-tag" }, t("dash.transferredToMe")) : ""))),
        links(["/desk", "dash.toDesk"], ["/service", "dash.toService"]),
      ]);
    },
    callbacks(c) {
      return card("card-callbacks", "dash.callbacks", [
        figure("open", c.open, t("dash.callbacksScope", { d: c.listDays }), c.open > 0 ? "dash-warn" : ""),
        c.open === 0 ? empty(t("dash.callbacksEmpty", { d: c.listDays }))
          : line(t("dash.callbacksOldest", { t: duration(c.oldestAgeMinutes * 60) }), "", { "data-figure": "oldest" }),
        links(["/desk", "dash.toCallbacks"]),
      ]);
    },
    todayCalls(c) {
      const none = c.callsIn === 0 && c.callsOut === 0;
      return card("card-today-calls", "dash.todayCalls", [
        figure("callsIn", c.callsIn, t("dash.callsIn")),
        none ? empty(t("dash.todayEmpty")) : line(t("dash.callsLine", { answered: num(c.answeredIn), missed: num(c.missed), out: num(c.callsOut) })),
        el("dl", { class: "dash-pairs" },
          el("dt", {}, t("dash.answerRate")), el("dd", { "data-figure": "answerRate" }, pct(c.answerRate)),
          el("dt", {}, t("dash.serviceLevel", { s: c.serviceLevelSeconds })),
          el("dd", { "data-figure": "serviceLevel", class: c.serviceLevel !== null && c.serviceLevel < c.serviceLevelTarget ? "dash-bad" : "" },
            pct(c.serviceLevel), " ", el("span", { class: "muted" },
              c.queueOffered === 0 ? t("dash.noQueue") : t("dash.serviceLevelTarget", { p: pct(c.serviceLevelTarget) })))),
        links(["/monitoring", "dash.toMonitoring"]),
      ]);
    },
    complaintsAtRisk(c) {
      return card("card-complaints", "dash.complaints", [
        el("div", { class: "dash-pair-figures" },
          figure("overdue", c.overdue, t("dash.overdue"), c.overdue > 0 ? "dash-bad" : ""),
          figure("atRisk", c.atRisk, t("dash.atRisk", { w: duration(c.windowSeconds) }), c.atRisk > 0 ? "dash-warn" : "")),
        c.items.length === 0 ? empty(t("dash.complaintsEmpty", { w: duration(c.windowSeconds) })) : list(c.items.map(x => el("li",
          { "data-complaint": x.id, "data-state": x.state, class: x.secondsRemaining < 0 ? "dash-bad" : "" },
          el("span", { class: "dash-strong" }, t("dash.complaintItem", { id: x.id })), ` · ${x.line} · ${t("dash.deadline." + x.deadline)} ${minute(x.due)} `,
          h95.estimated(x.estimated), " ", el("span", { class: "countdown dash-strong" }, countdown(x.secondsRemaining))))),
        links(["/service", "dash.toService"]),
      ]);
    },
    alerts(c) {
      return card("card-alerts", "dash.alerts", [
        figure("open", c.open, Object.entries(c.byKind).map(([k, n]) => `${enumText("AlertKind", k)} ${num(n)}`).join(" · "), c.open > 0 ? "dash-warn" : ""),
        c.open === 0 ? empty(t("dash.alertsEmpty")) : list(c.newest.map(a => el("li", { "data-alert": a.id },
          `${minute(a.raisedAt)} · ${a.line} · ${enumText("AlertKind", a.kind)}`))),
        links(["/monitoring", "dash.toMonitoring"]),
      ]);
    },
    redLines(c) {
      const total = c.open + c.acknowledged;
      return card("card-red-lines", "dash.redLines", [
        figure("open", c.open, t("dash.redLinesOpen"), c.open > 0 ? "dash-bad" : ""),
        total === 0 ? empty(t("dash.redLinesEmpty")) : line(t("dash.redLinesAck", { n: num(c.acknowledged) }), "", { "data-figure": "acknowledged" }),
        total === 0 ? null : line(Object.entries(c.byRedLine).map(([k, n]) => `${enumText("RedLine", k)} ${num(n)}`).join(" · ")),
        c.oldestRaisedAt ? line(t("dash.redLinesOldest", { day: day(c.oldestRaisedAt) }), "muted") : null,
        links(["/compliance", "dash.toCompliance"]),
      ]);
    },
    licenceDuties(c) {
      const left = x => x.daysLeft < 0 ? t("dash.daysLate", { n: -x.daysLeft }) : x.daysLeft === 0 ? t("dash.dueToday") : t("dash.daysLeft", { n: x.daysLeft });
      return card("card-licence", "dash.licence", [
        figure("open", c.open, t("dash.licenceOpen"), c.late > 0 ? "dash-bad" : c.dueSoon > 0 ? "dash-warn" : ""),
        c.open === 0 ? null : line(t("dash.licenceDue", { late: num(c.late), d: c.withinDays, n: num(c.dueSoon) }), c.late > 0 ? "dash-bad" : "",
          { "data-figure": "late", "data-value": c.late }),
        c.open === 0 ? empty(t("dash.licenceEmpty")) : list(c.next.map(x => el("li", { "data-duty": x.kind, class: x.daysLeft < 0 ? "dash-bad" : "" },
          `${x.dueOn} `, h95.estimated(x.dueEstimated), ` · ${enumText("LicenceTaskKind", x.kind)}${x.forYear ? t("dash.forYear", { y: x.forYear }) : ""} · `,
          el("span", { translate: "no" }, x.dossier), ` · ${left(x)}`))),
        links(["/licence", "dash.toLicence"]),
      ]);
    },
    retention(c) {
      const past = c.callsPastRetention > 0 || c.complaintsPastRetention > 0;
      return card("card-retention", "dash.retention", [
        line(t("dash.retentionRule", { m: c.callRecordMonths, day: day(c.callCutoff) })),
        c.oldestCallHeld ? line(t("dash.oldestHeld", { day: day(c.oldestCallHeld) }), c.callsPastRetention > 0 ? "dash-bad" : "", { "data-figure": "oldestHeld" })
          : empty(t("dash.noCallsHeld")),
        c.callsPastRetention > 0 ? line(t("dash.pastRetention", { n: num(c.callsPastRetention), day: day(c.oldestCallPastRetention) }), "dash-bad", { "data-figure": "pastRetention" }) : null,
        c.complaintsPastRetention > 0 ? line(t("dash.complaintsPast", { n: num(c.complaintsPastRetention) }), "dash-bad", { "data-figure": "complaintsPast" }) : null,
        c.callsPastRetentionOnHold > 0 ? line(t("dash.onHold", { n: num(c.callsPastRetentionOnHold) }), "muted") : null,
        past ? null : line(t("dash.retentionOk"), "dash-ok"),
        links(["/security", "dash.toSecurity"]),
      ]);
    },
    auditChain(c) {
      const text = c.intact ? t("dash.auditIntact", { n: num(c.entriesChecked), a: num(c.anchorsChecked) })
        : c.firstBadSequence !== null ? t("dash.auditBroken", { seq: c.firstBadSequence }) : t("dash.auditBrokenAnchor");
      return card("card-audit", "dash.audit", [
        line(text, c.intact ? "dash-ok" : "dash-bad", { "data-figure": "intact", "data-value": String(c.intact) }),
        line(t("dash.checkedAt", { time: minute(c.checkedAt) }), "muted"),
      ]);
    },
    users(c) {
      return card("card-users", "dash.users", [
        figure("total", c.total, t("dash.usersTotal")),
        line(t("dash.usersLine", { disabled: num(c.disabled), locked: num(c.locked), never: num(c.neverSignedIn) }), c.locked > 0 ? "dash-warn" : "",
          { "data-figure": "disabled", "data-value": c.disabled }),
        links(["/admin", "dash.toAdmin"]),
      ]);
    },
    apiKeys(c) {
      const none = c.active + c.revoked === 0;
      return card("card-api-keys", "dash.apiKeys", [
        figure("active", c.active, t("dash.apiKeysActive")),
        none ? empty(t("dash.apiKeysEmpty")) : line(t("dash.apiKeysLine", { revoked: num(c.revoked), never: num(c.neverUsed) })),
        none ? null : line(c.lastUsedAt ? t("dash.apiKeysLast", { name: c.lastUsedName, time: minute(c.lastUsedAt) }) : t("dash.apiKeysNeverUsed"), "muted"),
        links(["/admin", "dash.toAdmin"]),
      ]);
    },
    keys(c, backup) {
      const purposes = c.monthPurposes.map(p => t("dash.purpose." + p)).join(t("common.listSeparator"));
      const master = c.masterKeyOpensStoredKeys === null ? t("dash.masterNoKeys", { id: c.masterKeyId })
        : c.masterKeyOpensStoredKeys ? t("dash.masterOk", { id: c.masterKeyId, n: num(c.liveDataKeys) })
        : t("dash.masterBad", { id: c.masterKeyId, n: num(c.keysUnderOtherMasterKey || c.liveDataKeys) });
      return card("card-keys", "dash.keys", [
        line(master, c.masterKeyOpensStoredKeys === false ? "dash-bad" : c.masterKeyOpensStoredKeys ? "dash-ok" : "",
          { "data-figure": "master", "data-value": String(c.masterKeyOpensStoredKeys) }),
        line(c.monthPurposes.length ? t("dash.monthKeys", { month: c.month, purposes }) : t("dash.monthNoKeys", { month: c.month })),
        c.destroyedDataKeys > 0 ? line(t("dash.destroyed", { n: num(c.destroyedDataKeys) }), "muted") : null,
        backup ? line(backup.lastBackupAt ? t("dash.lastBackup", { time: minute(backup.lastBackupAt), file: backup.file }) : t("dash.noBackup"),
          backup.lastBackupAt ? "" : "dash-warn", { "data-figure": "backup" }) : null,
        links(["/security", "dash.toSecurity"]),
      ]);
    },
  };

  // Each role's section, the cards in it (those the answer holds), and which section a role sees first.
  const SECTIONS = [
    ["work", d => [d.myTickets && cards.myTickets(d.myTickets), d.callbacks && cards.callbacks(d.callbacks)]],
    ["service", d => [d.todayCalls && cards.todayCalls(d.todayCalls), d.complaintsAtRisk && cards.complaintsAtRisk(d.complaintsAtRisk), d.alerts && cards.alerts(d.alerts)]],
    ["compliance", d => [d.redLines && cards.redLines(d.redLines), d.licenceDuties && cards.licenceDuties(d.licenceDuties),
      d.retention && cards.retention(d.retention), d.auditChain && cards.auditChain(d.auditChain)]],
    ["admin", d => [d.users && cards.users(d.users), d.apiKeys && cards.apiKeys(d.apiKeys), (d.keys || d.backup) && cards.keys(d.keys, d.backup)]],
  ];
  const FIRST = { Agent: "work", Specialist: "work", Supervisor: "service", ComplianceOfficer: "compliance", Auditor: "compliance", Admin: "admin" };

  let me = null, data = null, lines = null, years = null;

  function render() {
    if (!data) return;
    document.getElementById("dash-as-of").textContent = t("dash.asOf", { time: minute(data.asOf) });
    const today = data.today;
    document.getElementById("today").replaceChildren(
      el("span", { class: "dash-strong", "data-date": today.date }, today.date), " · ",
      el("span", { class: today.isWorkday ? "" : "dash-offday", "data-workday": String(today.isWorkday) }, t(today.isWorkday ? "dash.workday" : "dash.offday")),
      today.kind === "Weekday" ? "" : ` (${en() ? today.reasonEn : today.reasonZh})`, " ", h95.estimated(today.estimated));

    if (lines) {
      document.getElementById("lines-list").replaceChildren(...lines.map(l => el("li", { "data-line": l.number }, el("span", { class: "dash-strong" }, l.number), " ",
        el("span", { translate: "no" }, l.name))));
      const emptyLines = document.getElementById("lines-empty");
      emptyLines.hidden = lines.length > 0;
      emptyLines.textContent = t(me.permissions.includes("ManageLines") ? "dash.linesEmptyAdmin" : "dash.linesEmpty");
    }
    if (years) {
      const thisYear = Number(today.date.slice(0, 4));
      document.getElementById("calendar-years").replaceChildren(...years.filter(y => y.year >= thisYear - 1).map(y =>
        el("li", { "data-year": y.year, "data-source": y.source }, `${y.year} · ${t("dash.source." + y.source)} `, h95.estimated(y.source === "estimated"))));
    }

    const first = FIRST[me.role];
    const ordered = SECTIONS.filter(([name]) => name === first).concat(SECTIONS.filter(([name]) => name !== first));
    const sections = ordered.map(([name, build]) => {
      const built = build(data).filter(Boolean);
      return built.length === 0 ? null : el("section", { class: "dash-section", id: "section-" + name, "aria-labelledby": "section-" + name + "-title" },
        el("h2", { id: "section-" + name + "-title" }, t("dash.section." + name)), el("div", { class: "cards" }, ...built));
    }).filter(Boolean);
    document.getElementById("dash-sections").replaceChildren(...(sections.length ? sections : [empty(t("dash.noCards"))]));
  }

  async function load() {
    me = await h95.ready;
    const [dash, lineAnswer, yearAnswer] = await Promise.all([api("/api/dashboard"), api("/api/lines"), api("/api/calendar/years")]);
    const status = document.getElementById("dash-status");
    if (!dash.ok) {
      status.removeAttribute("data-i18n");
      status.className = "error";
      status.textContent = t("dash.failed", { status: dash.status });
      return;
    }
    status.hidden = true;
    data = dash.body;
    lines = !lineAnswer.ok ? null : Array.isArray(lineAnswer.body) ? lineAnswer.body : lineAnswer.body.items;
    years = yearAnswer.ok ? yearAnswer.body : null;
    render();
  }

  document.addEventListener("hotline95:lang", render);
  load();
  // Today's figures move: read them again every minute while the page is open.
  setInterval(() => { if (!document.hidden) load(); }, 60_000);
})();
