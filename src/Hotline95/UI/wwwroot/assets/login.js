(function () {
  const form = document.getElementById("login-form");
  const error = document.getElementById("login-error");
  form.addEventListener("submit", async e => {
    e.preventDefault();
    error.hidden = true;
    const res = await fetch("/api/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ userName: form.userName.value, password: form.password.value }),
    });
    if (res.ok) {
      const next = new URLSearchParams(location.search).get("ReturnUrl");
      location.href = next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
      return;
    }
    let detail = hotline95.t("login.failed");
    try { detail = (await res.json()).detail || detail; } catch { /* not JSON */ }
    error.textContent = detail;
    error.hidden = false;
  });
})();
