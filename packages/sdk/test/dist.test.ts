// The built package as users import it: the Node bundle of the root must share the error classes,
// HTTPClient and the environment with the per-file subpaths (one class per error, whatever the path).
import assert from "node:assert/strict";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

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
  for (const entry of ["esm/webhooks.js", "commonjs/webhooks.js", "esm/lib/hmac.js"])
    assert.ok(files.includes(entry), `${entry} is checked`);
  const builtin = new RegExp(String.raw`(?:from\s*|import\(\s*|require\(\s*)["'](?:node:[^"']+|${builtinModules.join("|")})["']`);
  const nodeGlobal = /(?<![.\w$])(?:process|Buffer|__dirname|__filename|setImmediate)\b/;
  for (const file of files) {
    // Comments may mention process.env; only code counts.
    const code = readFileSync(join(dist, file), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/(?<![:"'])\/\/.*$/gm, "");
    assert.doesNotMatch(code, builtin, `${file} imports a Node built-in`);
    assert.doesNotMatch(code, nodeGlobal, `${file} uses a Node-only global`);
  }
});

test("@polar-customers/sdk/webhooks resolves for import and require, with and without .js", async () => {
  const { createHmac } = await import("node:crypto");
  const { createRequire } = await import("node:module");
  const require = createRequire(import.meta.url);
  const body = JSON.stringify({
    type: "order.paid",
    timestamp: "2026-08-22T10:00:00Z",
    data: { id: "o1", created_at: "2026-08-22T10:00:00Z" },
  });
  const seconds = Math.floor(Date.now() / 1000);
  const secret = "whsec_dist";
  const signature = createHmac("sha256", secret).update(`m.${seconds}.${body}`).digest("base64");
  const headers = { "webhook-id": "m", "webhook-timestamp": String(seconds), "webhook-signature": `v1,${signature}` };
  const entries = [
    await import("@polar-customers/sdk/webhooks"),
    await import("@polar-customers/sdk/webhooks.js"),
    require("@polar-customers/sdk/webhooks"),
    require("@polar-customers/sdk/webhooks.js"),
  ];
  for (const { validateEvent, WebhookVerificationError } of entries) {
    const event = validateEvent(body, headers, secret);
    assert.equal(event.type, "order.paid");
    assert.deepEqual(event.data, { id: "o1", createdAt: new Date("2026-08-22T10:00:00Z") });
    assert.throws(() => validateEvent(body, headers, `${secret}x`), WebhookVerificationError);
  }
  assert.notEqual(require.resolve("@polar-customers/sdk/webhooks"), fileURLToPath(import.meta.resolve("@polar-customers/sdk/webhooks")));
});
