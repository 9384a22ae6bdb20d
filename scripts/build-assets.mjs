// Copies the built files of our npm packages into the Django static folder.
// Nothing third-party is committed: the target folder is generated (see .gitignore).
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "src", "kerekasztal", "core", "static", "dist");
const files = [
  ["node_modules/htmx.org/dist/htmx.min.js", "htmx.min.js"],
];

mkdirSync(target, { recursive: true });
for (const [source, name] of files) {
  copyFileSync(join(root, source), join(target, name));
  console.log(`assets: ${source} -> static/dist/${name}`);
}
