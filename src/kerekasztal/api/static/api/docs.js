// Starts Swagger UI on /api/docs with the schema named in the page (no inline script: CSP).
document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    // Deep links put a link inside each operation's toggle button (nested controls).
    deepLinking: false,
    layout: "BaseLayout",
  });
  // Code examples scroll sideways: keyboard users must be able to focus them (WCAG 2.1.1).
  new MutationObserver(() => {
    for (const code of root.querySelectorAll(".highlight-code > pre:not([tabindex])")) {
      code.setAttribute("tabindex", "0");
    }
  }).observe(root, { childList: true, subtree: true });
});
