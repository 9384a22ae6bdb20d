// Copies the built files of our npm packages into the Django static folder.
// Nothing third-party is committed: the target folder is generated (see .gitignore).
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "src", "kerekasztal", "core", "static", "dist");
const files = [
  ["node_modules/htmx.org/dist/htmx.min.js", "htmx.min.js"],
  // The API documentation page (/api/docs): Swagger UI, served by us under our CSP.
  ["node_modules/swagger-ui-dist/swagger-ui-bundle.js", "swagger-ui/swagger-ui-bundle.js"],
  ["node_modules/swagger-ui-dist/swagger-ui.css", "swagger-ui/swagger-ui.css"],
  // collectstatic's manifest storage follows the sourceMappingURL comments: ship the maps.
  ["node_modules/swagger-ui-dist/swagger-ui-bundle.js.map", "swagger-ui/swagger-ui-bundle.js.map"],
  ["node_modules/swagger-ui-dist/swagger-ui.css.map", "swagger-ui/swagger-ui.css.map"],
  ["node_modules/swagger-ui-dist/LICENSE", "swagger-ui/LICENSE"],
];

mkdirSync(target, { recursive: true });
for (const [source, name] of files) {
  mkdirSync(dirname(join(target, name)), { recursive: true });
  copyFileSync(join(root, source), join(target, name));
  console.log(`assets: ${source} -> static/dist/${name}`);
}
