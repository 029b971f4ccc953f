// Administration › Calendar: every year the working-day calendar answers and its source (a State Council notice shipped
// with the product or loaded on the server, or estimated). Read-only: loading a notice is done on the server.
(function () {
  if (window.h95admin.section !== "calendar") return;
  const { api, el, estimated } = window.h95;
  const t = (key, args) => window.hotline95.t(key, args);

  async function load() {
    const res = await api("/api/calendar/years");
    if (!res.ok) return;
    document.getElementById("calendar-body").replaceChildren(...res.body.map(y => el("tr", { "data-year": y.year, "data-source": y.source },
      el("td", {}, String(y.year)),
      el("td", {}, t("admin.cal.source." + y.source), " ", estimated(y.source === "estimated")),
      el("td", {}, ...y.papers.flatMap((url, i) => [i ? " " : "", el("a", { href: url, rel: "noopener noreferrer", target: "_blank" },
        y.papers.length > 1 ? t("admin.cal.paperN", { n: i + 1 }) : t("admin.cal.paper"))])))));
  }

  document.addEventListener("hotline95:lang", load);
  load();
})();
