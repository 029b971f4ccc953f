(function () {
  // Only a path on this site is followed after sign-in: not //host, /\host, an encoded slash or backslash, a scheme,
  // or anything a browser would resolve to another origin.
  function localPath(next) {
    if (!next || !/^\/[^\/\\]/.test(next) && next !== "/") return "/";
    if (/[\\\s]|%2f|%5c|%09|%0a|%0d/i.test(next)) return "/";
    try {
      const url = new URL(next, location.origin);
      return url.origin === location.origin ? url.pathname + url.search + url.hash : "/";
    } catch { return "/"; }
  }
  const form = document.getElementById("login-form");
  const error = document.getElementById("login-error");
  form.addEventListener("submit", async e => {
    e.preventDefault();
    error.hidden = true;
    const res = await fetch("/api/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept-Language": hotline95.lang() === "en" ? "en" : "zh-CN" },
      body: JSON.stringify({ userName: form.userName.value, password: form.password.value }),
    });
    if (res.ok) {
      location.href = localPath(new URLSearchParams(location.search).get("ReturnUrl"));
      return;
    }
    let detail = hotline95.t("login.failed");
    try { detail = hotline95.pick((await res.json()).detail) || detail; } catch { /* not JSON */ }
    error.textContent = detail;
    error.hidden = false;
  });
})();
