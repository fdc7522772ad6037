// Builds dist/esm and dist/commonjs with two tsc runs; each folder gets a package.json naming its module type.
// Then bundles the ESM root entry for Node (see bundle-root.mjs).
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { bundleRoot } from "./bundle-root.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

rmSync(`${root}/dist`, { recursive: true, force: true });
for (const [config, dir, type] of [
  ["tsconfig.build.json", "esm", "module"],
  ["tsconfig.cjs.json", "commonjs", "commonjs"],
]) {
  execFileSync(process.execPath, [tsc, "-p", `${root}/${config}`], { stdio: "inherit" });
  mkdirSync(`${root}/dist/${dir}`, { recursive: true });
  writeFileSync(`${root}/dist/${dir}/package.json`, JSON.stringify({ type }) + "\n");
}
await bundleRoot(`${root}/dist/esm`);
