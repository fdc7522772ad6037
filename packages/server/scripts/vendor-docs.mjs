// Copies the API reference renderer's browser bundle (Scalar's standalone
// build, a devDependency) into vendor/scalar/, where the server serves it from
// at /docs/assets/. The published package then needs no runtime dependency on
// Scalar, whose install is hundreds of packages declaring Node >= 22 for code
// that only ever runs in the browser.

import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, "..", "vendor", "scalar");
// The package exports only its ES entry; the bundle sits beside it, in dist/browser/.
const entry = fileURLToPath(import.meta.resolve("@scalar/api-reference"));
const packageRoot = (file) => {
  let dir = dirname(file);
  while (!existsSync(join(dir, "package.json"))) dir = dirname(dir);
  return dir;
};
const root = packageRoot(entry);
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
if (manifest.name !== "@scalar/api-reference") throw new Error(`expected @scalar/api-reference at ${root}, found ${manifest.name}`);

mkdirSync(target, { recursive: true });
copyFileSync(join(root, "dist", "browser", "standalone.js"), join(target, "standalone.js"));
const about = {
  name: manifest.name,
  version: manifest.version,
  license: manifest.license,
  author: manifest.author,
  repository: manifest.repository,
};
writeFileSync(join(target, "package.json"), `${JSON.stringify(about, null, 2)}\n`);
// The bundle contains Scalar's monorepo packages, whose MIT license must travel with it. The
// api-reference package ships no LICENSE file of its own; its @scalar dependencies ship the same one.
const license = [
  root,
  ...Object.keys(manifest.dependencies ?? {})
    .filter((name) => name.startsWith("@scalar/"))
    .map((name) => {
      try {
        return packageRoot(fileURLToPath(import.meta.resolve(name)));
      } catch {
        return null;
      }
    }),
]
  .map((dir) => dir && join(dir, "LICENSE"))
  .find((file) => file && existsSync(file));
if (!license) throw new Error("no LICENSE found for the Scalar bundle");
writeFileSync(
  join(target, "LICENSE"),
  `vendor/scalar/standalone.js is ${manifest.name} ${manifest.version} (dist/browser/standalone.js), by ${manifest.author}:\n\n` +
    readFileSync(license, "utf8"),
);
