// Finds each module's contract cases by convention (src/modules/<name>/tests/index.ts),
// so the suites loop over the module list and name no module themselves.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { MODULES } from "../../src/modules.js";
import type { ModuleTests } from "./contract.js";

const MODULES_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "modules");

export async function loadModuleTests(): Promise<{ name: string; tests: ModuleTests }[]> {
  const found: { name: string; tests: ModuleTests }[] = [];
  for (const { name } of MODULES) {
    const file = join(MODULES_DIR, name, "tests", "index.ts");
    if (!existsSync(file)) continue;
    const loaded = (await import(pathToFileURL(file).href)) as { tests: ModuleTests };
    found.push({ name, tests: loaded.tests });
  }
  return found;
}
