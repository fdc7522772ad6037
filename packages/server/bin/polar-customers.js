#!/usr/bin/env node
// Committed entry point for the `polar-customers` command. npm links bins at
// install time, before `prepare` builds dist/, so the bin must not live in dist/.
// It runs the startup bundle (dist/bundle/, see scripts/bundle.mjs), else the
// per-module build (dist/cli/).
import { existsSync } from "node:fs";

const bundle = new URL("../dist/bundle/main.js", import.meta.url);
const entry = existsSync(bundle) ? bundle.href : "../dist/cli/main.js";
try {
  await import(entry);
} catch (error) {
  if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/cli/main.js")) {
    process.stderr.write("polar-customers: not built yet; run `npm run build` in the repository first\n");
    process.exit(1);
  }
  throw error;
}
