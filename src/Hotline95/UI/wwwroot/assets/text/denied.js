// The page a signed-in user sees on opening a page their role may not see (served with 403).
hotline95.define({
  "denied.title": ["无权访问 · Hotline95", "Access denied · Hotline95"],
  "denied.heading": ["无权访问此页面", "You may not open this page"],
  "denied.text": ["您的角色不能查看此页面。如需访问，请联系本企业的管理员调整角色。", "Your role may not see this page. Ask your enterprise's administrator if you need it."],
});
