// The built package as users import it: the Node bundle of the root must share the error classes,
// HTTPClient and the environment with the per-file subpaths (one class per error, whatever the path).
import assert from "node:assert/strict";
import { test } from "node:test";

test("the bundled root and the subpaths share error classes and HTTPClient", async () => {
  const root = await import("@polar-customers/sdk");
  const { SDKError } = await import("@polar-customers/sdk/models/errors/sdkerror.js");
  const { HTTPClient } = await import("@polar-customers/sdk/lib/http.js");
  assert.equal(root.HTTPClient, HTTPClient);
  const httpClient = new HTTPClient({ fetcher: async () => new Response("boom", { status: 500 }) });
  const polar = new root.Polar({ httpClient, serverURL: "http://api.test" });
  await assert.rejects(polar.customers.get({ id: "x" }), SDKError);
});

test("the root exports the same names from the Node bundle and the per-file build", async () => {
  const bundled = await import("@polar-customers/sdk");
  const perFile = await import("@polar-customers/sdk/index.js");
  assert.deepEqual(Object.keys(bundled).sort(), Object.keys(perFile).sort());
});

test("the runtime code needs nothing but web-standard globals (browsers, Deno, Bun, workers)", async () => {
  const { readdirSync, readFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { builtinModules } = await import("node:module");
  const dist = new URL("../dist/", import.meta.url).pathname;
  const files = readdirSync(dist, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"));
  assert.ok(files.length > 40, "the build is there");
  const builtin = new RegExp(String.raw`(?:from\s*|import\(\s*|require\(\s*)["'](?:node:[^"']+|${builtinModules.join("|")})["']`);
  const nodeGlobal = /(?<![.\w$])(?:process|Buffer|__dirname|__filename|setImmediate)\b/;
  for (const file of files) {
    // Comments may mention process.env; only code counts.
    const code = readFileSync(join(dist, file), "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/(?<![:"'])\/\/.*$/gm, "");
    assert.doesNotMatch(code, builtin, `${file} imports a Node built-in`);
    assert.doesNotMatch(code, nodeGlobal, `${file} uses a Node-only global`);
  }
});
