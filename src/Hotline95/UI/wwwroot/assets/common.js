// Shared by the signed-in pages: who am I, which links may I see, sign out, JSON helpers.
(function () {
  // The top bar is the same on every signed-in page: drawn here once, before the first translation pass.
  // Short labels (nav.*) so that every entry fits one line at 1366 px in both languages; the page's heading says the rest.
  const NAV = [
    ["/", "nav.dashboard", null],
    ["/desk", "nav.desk", "HandleTickets"],
    ["/calls", "nav.calls", "ViewCalls"],
    ["/service", "nav.service", "ViewComplaints"],
    ["/security", "nav.security", "ViewKeys"],
    ["/monitoring", "nav.monitoring", "ViewMonitoring"],
    ["/licence", "nav.licence", "ViewLicence"],
    ["/compliance", "nav.compliance", "ScanText"],
    ["/roster", "nav.roster", "ViewRoster"],
    ["/admin", "nav.admin", "ManageUsers"],
    ["/docs/api", "nav.api", null],
  ];
  // Every page shows the product's icon (a page without its own link gets it here).
  if (!document.querySelector("link[rel~='icon']")) {
    const icon = document.createElement("link");
    icon.rel = "icon";
    icon.type = "image/svg+xml";
    icon.href = "/favicon.svg";
    document.head.append(icon);
  }
  const header = document.querySelector("header.topbar[data-active]");
  if (header) {
    const active = header.getAttribute("data-active");
    header.innerHTML = `<a class="brand" href="/"><span class="logo" aria-hidden="true">95</span> Hotline95</a><nav data-i18n-attr="aria-label:nav.label"></nav>
      <div class="user"><span id="me-name" translate="no"></span> · <span id="me-role"></span>
        <button type="button" class="link" data-lang-toggle>English</button>
        <button type="button" class="link" id="logout" data-i18n="nav.logout"></button></div>`;
    const nav = header.querySelector("nav");
    for (const [href, key, perm] of NAV) {
      const a = document.createElement("a");
      a.href = href;
      a.setAttribute("data-i18n", key);
      if (perm) a.setAttribute("data-perm", perm);
      if (href === active || (href !== "/" && active.startsWith(href + "/"))) {
        a.className = "active";
        a.setAttribute("aria-current", "page");
      }
      nav.append(a);
    }
    window.hotline95.apply();
  }

  // Set once the page is on its way to the sign-in page (signed out here, or the session ended): an answer refused after that
  // is the sign-out's, not an error to show, and the caller waits for the navigation instead of going on with nothing.
  let leaving = false;
  function toSignIn(url) {
    if (!leaving) { leaving = true; location.href = url; }
    return new Promise(() => {});
  }
  // A page the browser brings back from its back/forward cache is not leaving any more: a refusal takes it to sign-in again.
  window.addEventListener("pageshow", e => { if (e.persisted) leaving = false; });
  // The page's one line about the connection: shown while requests get no answer, gone with the next answer.
  function unreachable(show) {
    let line = document.getElementById("net-unreachable");
    if (!line && !show) return;
    if (!line) {
      line = document.createElement("p");
      line.id = "net-unreachable";
      line.className = "error net-unreachable";
      line.setAttribute("role", "alert");
      line.setAttribute("data-i18n", "net.unreachable");
      const top = document.querySelector("header.topbar");
      if (top) top.after(line); else document.body.prepend(line);
    }
    line.textContent = window.hotline95.t("net.unreachable");
    line.hidden = !show;
  }
  async function api(url, options) {
    // The server words its messages in the UI's language.
    const language = window.hotline95 && window.hotline95.lang() === "en" ? "en" : "zh-CN";
    const headers = { Accept: "application/json", "Accept-Language": language };
    if (!(options && options.body instanceof FormData)) headers["Content-Type"] = "application/json"; // a form (a file) sets its own
    let res;
    try {
      res = await fetch(url, Object.assign({ headers }, options || {}));
    } catch (failure) {
      // No answer at all (the server or the network is down, a node was stopped): said once at the top of the page, not
      // thrown at nobody. A read stops where it is (the page keeps what it shows); a write answers as a failure, so that
      // its form shows the message and can be sent again. Whether a write that got no answer was saved is not known.
      if (leaving) return new Promise(() => {});
      unreachable(true);
      const method = ((options && options.method) || "GET").toUpperCase();
      if (method === "GET" || method === "HEAD") return new Promise(() => {});
      return { ok: false, status: 0, body: { detail: window.hotline95.t("net.unreachable") } };
    }
    unreachable(false);
    if (res.status === 401) return toSignIn("/login?ReturnUrl=" + encodeURIComponent(location.pathname));
    let body = null;
    const type = res.headers.get("Content-Type") || "";
    if (type.includes("json")) body = await res.json();
    return { ok: res.ok, status: res.status, body };
  }
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else if (v !== null && v !== undefined) e.setAttribute(k, v);
    }
    for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c ?? ""));
    return e;
  }
  function shanghai(iso) {
    if (!iso) return "";
    return new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(new Date(iso));
  }
  // A failed answer in words: the field it names and the server's detail, in the UI's language.
  function problem(res) {
    const detail = window.hotline95.pick(res.body?.detail || res.body?.title || String(res.status));
    return (res.body?.field ? res.body.field + ": " : "") + detail;
  }
  // An alert's evidence, which the server writes in the page's language. An alert raised before that (bilingual) has its
  // figures in English, then " / " and a Chinese summary: English shows the English side; Chinese the summary followed by
  // the figures (that alert has them in English only).
  function evidence(text, bilingual) {
    if (!bilingual) return text;
    const both = window.hotline95.sides(text);
    return both && window.hotline95.lang() !== "en" ? `${both[0]} ${both[1]}` : window.hotline95.pick(text);
  }
  // The page's error line: shows a failed answer's field and detail, hides itself on success; returns whether it succeeded.
  function errorLine(id) {
    return res => {
      const box = document.getElementById(id);
      box.hidden = res.ok;
      if (!res.ok) box.textContent = problem(res);
      return res.ok;
    };
  }
  // For loaders whose calls can overlap: each call takes a turn, and only the newest turn may draw its answer.
  function turns() {
    let last = 0;
    return () => { const mine = ++last; return () => mine === last; };
  }
  const ready = (async function () {
    const me = (await api("/api/me")).body;
    const name = document.getElementById("me-name");
    if (name) name.textContent = me.displayName || me.name;
    const role = document.getElementById("me-role");
    if (role) {
      const show = () => { role.textContent = window.hotline95.enumText("Role", me.role); };
      show();
      document.addEventListener("hotline95:lang", show);
    }
    // Only ever hides: an element the page keeps hidden until it is needed must stay hidden.
    document.querySelectorAll("[data-perm]").forEach(e => { if (!me.permissions.includes(e.getAttribute("data-perm"))) e.hidden = true; });
    return me;
  })();
  const logout = document.getElementById("logout");
  if (logout) logout.addEventListener("click", async () => {
    leaving = true; // the page's requests still in flight are refused once the session ends: that is this sign-out
    const res = await fetch("/api/auth/logout", { method: "POST" }).catch(() => null);
    if (res && (res.ok || res.status === 401)) { location.href = "/login"; return; } // 401: the session had already ended
    leaving = false;
    window.alert(window.hotline95.t("nav.logoutFailed")); // still signed in: say so, rather than a click that seems to do nothing
  });
  // A date counted over a year with no State Council holiday notice yet: a visible mark that explains itself.
  function estimated(isEstimated) {
    if (!isEstimated) return "";
    const t = window.hotline95.t;
    return el("abbr", { class: "estimated", title: t("cal.estimatedTitle") }, t("cal.estimated"));
  }
  // Asks before a destructive action, stating its consequence (how many records, which key); resolves true only on "confirm".
  // h95.confirmAction({ title, consequence, confirm }) — texts already in the UI's language.
  function confirmAction({ title, consequence, confirm }) {
    const t = window.hotline95.t;
    return new Promise(resolve => {
      const dialog = el("dialog", { class: "confirm", "aria-labelledby": "confirm-title" },
        el("h2", { id: "confirm-title" }, title),
        el("p", { class: "consequence" }, consequence),
        el("div", { class: "actions" },
          el("button", { type: "button", class: "secondary confirm-cancel", onclick: () => dialog.close("cancel") }, t("common.cancel")),
          el("button", { type: "button", class: "danger confirm-ok", onclick: () => dialog.close("ok") }, confirm || t("common.confirm"))));
      dialog.addEventListener("close", () => { resolve(dialog.returnValue === "ok"); dialog.remove(); });
      document.body.append(dialog);
      dialog.showModal();
    });
  }
  // A pager under a list: "第 1–50 条，共 1,234 条" with previous/next; onPage(n) loads page n.
  // Answers are { items, total, page, pageSize } (Core's Paged<T>).
  function pager(container, answer, onPage) {
    const t = window.hotline95.t;
    container.hidden = answer.total === 0; // an empty list shows its empty state, not "0–0 of 0"
    const pages = Math.max(1, Math.ceil(answer.total / answer.pageSize));
    const first = answer.total === 0 ? 0 : (answer.page - 1) * answer.pageSize + 1;
    const last = Math.min(answer.total, answer.page * answer.pageSize);
    const n = new Intl.NumberFormat(window.hotline95.lang());
    container.replaceChildren(
      // A capped count (Paged's totalCapped) is a lower bound, and says so.
      el("span", { class: "pager-range", "data-total": answer.total }, t(answer.totalCapped ? "common.pagerRangeCapped" : "common.pagerRange", { first: n.format(first), last: n.format(last), total: n.format(answer.total) })),
      el("button", { type: "button", class: "secondary pager-prev", disabled: answer.page <= 1 ? "" : null, onclick: () => onPage(answer.page - 1) }, t("common.prev")),
      el("span", { class: "pager-page" }, t("common.pageOf", { page: answer.page, pages })),
      el("button", { type: "button", class: "secondary pager-next", disabled: answer.page >= pages ? "" : null, onclick: () => onPage(answer.page + 1) }, t("common.next")));
  }
  // yyyy-MM-dd in both languages (Asia/Shanghai).
  function day(iso) {
    if (!iso) return "";
    return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(iso));
  }
  // A length of time as countdowns show it: "2 天 3 小时", "3 小时 20 分", "15 分钟" (zero parts left out).
  function duration(seconds) {
    const t = window.hotline95.t;
    const s = Math.abs(seconds);
    const d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
    if (d > 0) return t(h > 0 ? "common.dur.dh" : "common.dur.d", { d, h });
    if (h > 0) return t(m > 0 ? "common.dur.hm" : "common.dur.h", { h, m });
    return t("common.dur.m", { m });
  }
  // Seconds to a deadline (as the server counted them): "剩 2 天 3 小时", or "已超时 5 小时" once negative.
  function timeLeft(seconds) {
    return window.hotline95.t(seconds < 0 ? "common.overdueBy" : "common.left", { t: duration(seconds) });
  }
  window.h95 = { api, el, shanghai, day, ready, turns, errorLine, problem, evidence, estimated, confirmAction, pager, duration, timeLeft };
})();
