// The API page: Swagger UI (served by the product from /assets/swagger-ui) renders the OpenAPI document; "Try it out"
// sends the requests with the signed-in session and the UI's language.
(function () {
  window.SwaggerUIBundle({
    url: "/openapi/v1.json",
    dom_id: "#swagger-ui",
    // Without deep links the operation's path is plain text: a link inside the operation's button would nest one
    // control in another (axe-core: nested-interactive).
    deepLinking: false,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
    // The server list is a select without a label of its own.
    onComplete: () => document.querySelector("#servers")?.setAttribute("aria-label", window.hotline95.t("api.servers")),
    requestInterceptor: request => {
      request.headers["Accept-Language"] = window.hotline95.lang() === "en" ? "en" : "zh-CN";
      return request;
    },
  });
})();
