// The API reference page (the OpenAPI document itself is in English).
hotline95.define({
  "api.title": ["API 文档 · Hotline95", "API reference · Hotline95"],
  "api.heading": ["API 参考", "API reference"],
  "api.intro": ["机器可读的 OpenAPI 文档：", "The machine-readable OpenAPI document:"],
  "api.auth": ["浏览器会话使用登录 Cookie；系统集成请在 X-Api-Key 请求头中发送 API 密钥。",
    "Browser sessions use the sign-in cookie; integrations send an API key in the X-Api-Key header."],
});
