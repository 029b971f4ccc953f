// The API page: Swagger UI (served by the product from /assets/swagger-ui) renders the OpenAPI document; "Try it out"
// sends the requests with the signed-in session and the UI's language.
(function () {
  window.SwaggerUIBundle({
    url: "/openapi/v1.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
    requestInterceptor: request => {
      request.headers["Accept-Language"] = window.hotline95.lang() === "en" ? "en" : "zh-CN";
      return request;
    },
  });
})();
