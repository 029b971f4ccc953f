// Keys and retention: the master key, the monthly data keys, the retention policy and its purges (evidence).
(function () {
  const { api, el, shanghai, day, ready, confirmAction, problem } = window.h95;
  const { t, enumText } = hotline95;

  async function load() {
    const keys = await api("/api/keys");
    if (keys.ok) {
      document.getElementById("master-key").textContent = `${keys.body.masterKeyId} (${keys.body.masterKeySource})`;
      document.getElementById("keys-body").replaceChildren(...keys.body.dataKeys.map(k => el("tr", { class: k.destroyedAt ? "destroyed" : "" },
        el("td", {}, String(k.id)), el("td", {}, enumText("DataKeyPurpose", k.purpose)), el("td", {}, k.month), el("td", {}, shanghai(k.createdAt)),
        el("td", {}, shanghai(k.rotatedAt)), el("td", { class: "key-status" }, k.destroyedAt ? `${t("sec.destroyed")} ${shanghai(k.destroyedAt)}` : t("sec.active")))));
      document.getElementById("keys-empty").hidden = keys.body.dataKeys.length > 0;
    }
    const policy = await api("/api/retention");
    if (policy.ok) {
      const p = policy.body;
      document.getElementById("policy-text").textContent = t("sec.policyText", { calls: p.callRecordMonths, complaints: p.complaintRecordMonths, at: p.nightlyAt });
      document.getElementById("history-body").replaceChildren(...p.history.map(r => el("tr", {},
        el("td", {}, shanghai(r.ranAt)), el("td", {}, day(r.cutoff)), el("td", {}, String(r.callsDeleted)),
        el("td", {}, String(r.recordingsDeleted)), el("td", {}, String(r.callsKeptOnHold)), el("td", {}, r.keysDestroyed || "-"))));
      document.getElementById("history-empty").hidden = p.history.length > 0;
    }
  }

  // What a purge deletes, counted by the purge itself in a dry run.
  const counts = r => ({ calls: r.callsDeleted, recordings: r.recordingsDeleted, held: r.callsKeptOnHold, complaints: r.complaintsDeleted,
    keys: r.enterprises.flatMap(e => e.keysDestroyed).length, cutoff: day(r.cutoff) });
  const result = document.getElementById("purge-result");

  async function dryRun() {
    const res = await api("/api/retention/purge", { method: "POST", body: JSON.stringify({ dryRun: true }) });
    result.textContent = res.ok ? t("sec.dryRunResult", counts(res.body)) : problem(res);
    return res;
  }

  // The purge deletes for good: it first counts what it would delete (a dry run) and asks, stating those counts,
  // then purges as of the same day so that the count shown is the count deleted.
  async function purgeNow() {
    const dry = await dryRun();
    if (!dry.ok) return;
    const c = counts(dry.body);
    const nothing = c.calls === 0 && c.recordings === 0 && c.complaints === 0 && c.keys === 0;
    if (nothing) { result.textContent = t("sec.nothingToPurge", c); return; }
    const go = await confirmAction({ title: t("sec.confirmTitle"), consequence: t("sec.confirmText", c), confirm: t("sec.purge") });
    if (!go) return;
    const res = await api("/api/retention/purge", { method: "POST", body: JSON.stringify({ dryRun: false, asOf: dry.body.asOf }) });
    result.textContent = res.ok ? t("sec.purged", counts(res.body)) : problem(res);
    await load();
  }

  document.getElementById("dry-run").addEventListener("click", dryRun);
  document.getElementById("purge-now").addEventListener("click", purgeNow);
  document.addEventListener("hotline95:lang", () => { result.textContent = ""; load(); });
  ready.then(load);
})();
