(function () {
  async function getJson(url) {
    const res = await fetch(url, { headers: { Accept: "application/json" } });
    if (res.status === 401) { location.href = "/login"; throw new Error("signed out"); }
    return res.ok ? res.json() : null;
  }
  function ymd(d) {
    // The business calendar is Asia/Shanghai whatever the browser's zone.
    return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
  }
  async function load() {
    await h95.ready;
    const lines = (await getJson("/api/lines")) || [];
    const list = document.getElementById("lines-list");
    list.replaceChildren(...lines.map(l => { const li = document.createElement("li"); li.textContent = `${l.number} · ${l.name}`; return li; }));
    document.getElementById("lines-empty").hidden = lines.length > 0;
    const today = ymd(new Date());
    const day = await getJson(`/api/calendar/days/${today}`);
    const text = day ? `${today} · ${hotline95.t(day.isWorkday ? "dash.workday" : "dash.offday")} (${hotline95.lang() === "en" ? day.reasonEn : day.reasonZh})` : today;
    document.getElementById("today").textContent = text;
    const years = ((await getJson("/api/calendar/years")) || []).filter(y => y.year >= Number(today.slice(0, 4)) - 1);
    document.getElementById("calendar-years").replaceChildren(...years.map(y => {
      const li = document.createElement("li");
      li.setAttribute("data-year", y.year);
      li.setAttribute("data-source", y.source);
      li.append(`${y.year} · ${hotline95.enumText("CalendarSource", y.source)} `, h95.estimated(y.source === "estimated"));
      return li;
    }));
  }
  document.addEventListener("hotline95:lang", load);
  load();
})();
