(function () {
  const { api, el, shanghai, ready } = window.h95;
  const T = (k, zh) => hotline95.t(k, zh);

  async function load() {
    const keys = await api("/api/keys");
    if (keys.ok) {
      document.getElementById("master-key").textContent = `${keys.body.masterKeyId} (${keys.body.masterKeySource})`;
      document.getElementById("keys-body").replaceChildren(...keys.body.dataKeys.map(k => el("tr", { class: k.destroyedAt ? "destroyed" : "" },
        el("td", {}, String(k.id)), el("td", {}, k.purpose), el("td", {}, k.month), el("td", {}, shanghai(k.createdAt)),
        el("td", {}, shanghai(k.rotatedAt)), el("td", { class: "key-status" }, k.destroyedAt ? `${T("sec.destroyed", "已销毁")} ${shanghai(k.destroyedAt)}` : T("sec.active", "使用中")))));
    }
    const policy = await api("/api/retention");
    if (policy.ok) {
      const p = policy.body;
      document.getElementById("policy-text").textContent = hotline95.lang() === "en"
        ? T("sec.policyText").replace("{calls}", p.callRecordMonths).replace("{complaints}", p.complaintRecordMonths).replace("{at}", p.nightlyAt)
        : `通话记录与录音保存 ${p.callRecordMonths} 个月，投诉记录保存 ${p.complaintRecordMonths} 个月；每晚 ${p.nightlyAt}（上海时间）自动清理。`;
      document.getElementById("history-body").replaceChildren(...p.history.map(r => el("tr", {},
        el("td", {}, shanghai(r.ranAt)), el("td", {}, shanghai(r.cutoff)), el("td", {}, String(r.callsDeleted)),
        el("td", {}, String(r.recordingsDeleted)), el("td", {}, String(r.callsKeptOnHold)), el("td", {}, r.keysDestroyed || "-"))));
      document.getElementById("history-empty").hidden = p.history.length > 0;
    }
  }

  async function purge(dryRun) {
    const res = await api("/api/retention/purge", { method: "POST", body: JSON.stringify({ dryRun }) });
    const r = res.body;
    const en = hotline95.lang() === "en";
    document.getElementById("purge-result").textContent = !res.ok ? (r?.detail || String(res.status))
      : en ? `${dryRun ? "Dry run: would delete" : "Deleted"} ${r.callsDeleted} call(s), ${r.recordingsDeleted} recording(s); ${r.callsKeptOnHold} kept on legal hold.`
      : `${dryRun ? "试运行：将删除" : "已删除"}通话 ${r.callsDeleted} 条、录音 ${r.recordingsDeleted} 个；保全保留 ${r.callsKeptOnHold} 条。`;
    await load();
  }

  document.getElementById("dry-run").addEventListener("click", () => purge(true));
  document.getElementById("purge-now").addEventListener("click", () => purge(false));
  document.addEventListener("hotline95:lang", load);
  ready.then(load);
})();
