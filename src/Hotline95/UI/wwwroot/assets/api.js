(async function () {
  const res = await fetch("/openapi/v1.json");
  const doc = await res.json();
  const root = document.getElementById("operations");
  const byTag = {};
  for (const [path, ops] of Object.entries(doc.paths || {})) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = (op.tags && op.tags[0]) || "Other";
      (byTag[tag] = byTag[tag] || []).push({ method: method.toUpperCase(), path, summary: op.summary || op.operationId || "" });
    }
  }
  for (const tag of Object.keys(byTag).sort()) {
    const h = document.createElement("h2");
    h.textContent = tag;
    root.appendChild(h);
    for (const op of byTag[tag]) {
      const div = document.createElement("div");
      div.className = "op";
      const m = document.createElement("span");
      m.className = "method";
      m.textContent = op.method;
      div.append(m, document.createTextNode(`${op.path}  ${op.summary}`));
      root.appendChild(div);
    }
  }
})();
