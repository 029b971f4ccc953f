// The sign-in page.
hotline95.define({
  "login.title": ["登录 · Hotline95", "Sign in · Hotline95"],
  "app.tagline": ["95码号全生命周期管理平台", "The whole life of a 95 customer-service number"],
  "login.user": ["用户名", "User name"],
  "login.password": ["密码", "Password"],
  "login.submit": ["登录", "Sign in"],
  "login.failed": ["登录失败。", "Sign-in failed."],
});
