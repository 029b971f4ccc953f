hotline95.define({
  "api.title": ["API 文档 · Hotline95", "API reference · Hotline95"],
  "api.heading": ["API 参考", "API reference"],
  "api.intro": ["机器可读的 OpenAPI 文档：", "The machine-readable OpenAPI document:"],
  "api.auth": ["浏览器会话使用登录 Cookie；系统集成请在 X-Api-Key 请求头中发送 API 密钥。", "Browser sessions use the sign-in cookie; integrations send an API key in the X-Api-Key header."],
  "api.english": ["各接口的说明以英文书写；错误答复中的 title 和 detail 按 Accept-Language 使用中文或英文，code 不变。", "The operations are described in English; the title and detail of error answers follow Accept-Language (Chinese or English), their code does not change."],
  "api.operations": ["接口列表", "Operations"],
  "api.servers": ["服务器", "Server"],
});
