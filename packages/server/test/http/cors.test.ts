// CORS (`--cors-origin`): off by default; when configured, preflights are
// answered before the token and version checks and every answer, errors
// included, carries the headers a browser needs. Real servers on both backends.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parseCorsOrigins } from "../../src/platform/http/origins.js";
import { createTestDatabase, type TestDatabase } from "../support/postgres.js";
import { TestServer } from "../support/server.js";

const APP = "http://localhost:5173";
const OTHER = "https://evil.example";

const preflight = (server: TestServer, path: string, origin: string, method = "POST") =>
  fetch(server.url + path, {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": method,
      "access-control-request-headers": "authorization, content-type, polar-version",
    },
  });

const dir = mkdtempSync(join(tmpdir(), "polar-cors-"));
let database: TestDatabase | undefined;
after(async () => {
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const backends: [string, () => Promise<string>][] = [
  ["sqlite", async () => `sqlite:${join(dir, "cors.db")}`],
  [
    "postgres",
    async () => {
      database = await createTestDatabase();
      return database.url;
    },
  ],
];

for (const [backend, databaseUrl] of backends) {
  describe(`CORS (${backend})`, () => {
    let withCors: TestServer;
    let withoutCors: TestServer;
    let anyOrigin: TestServer;
    before(async () => {
      const url = await databaseUrl();
      withoutCors = await TestServer.start(url);
      withCors = await TestServer.start(url, { corsOrigins: [APP] });
      anyOrigin = await TestServer.start(url, { corsOrigins: ["*"] });
    });
    after(async () => {
      await withCors?.close();
      await withoutCors?.close();
      await anyOrigin?.close();
    });

    it("sends no CORS headers by default, and OPTIONS stays a 405", async () => {
      const reply = await preflight(withoutCors, "/v1/customers/", APP);
      assert.equal(reply.status, 405);
      assert.equal(reply.headers.get("access-control-allow-origin"), null);
      const get = await withoutCors.request("GET", "/v1/customers/", { headers: { origin: APP } });
      assert.equal(get.status, 200);
      assert.equal(get.headers.get("access-control-allow-origin"), null);
    });

    it("answers a preflight from an allowed origin without a token, on every kind of path", async () => {
      for (const [path, method] of [
        ["/v1/customers/", "POST"],
        ["/v1/customers/00000000-0000-4000-8000-000000000000", "PATCH"],
        ["/v1/customers/external/x", "DELETE"],
        ["/openapi.json", "GET"],
      ]) {
        const reply = await preflight(withCors, path, APP, method);
        assert.equal(reply.status, 204, path);
        assert.equal(reply.headers.get("access-control-allow-origin"), APP);
        assert.match(reply.headers.get("access-control-allow-methods") ?? "", new RegExp(`\\b${method}\\b`));
        assert.equal(reply.headers.get("access-control-allow-headers"), "authorization, content-type, polar-version");
        assert.equal(reply.headers.get("access-control-max-age"), "600");
        assert.equal(reply.headers.get("access-control-allow-credentials"), null);
        assert.match(reply.headers.get("vary") ?? "", /origin/i);
      }
    });

    it("lets the allowed origin make real calls and read errors and Polar-Version", async () => {
      const created = await withCors.request("POST", "/v1/customers/", {
        headers: { origin: APP },
        body: { email: `cors-${Date.now()}@example.com` },
      });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.headers.get("access-control-allow-origin"), APP);
      assert.match(created.headers.get("access-control-expose-headers") ?? "", /polar-version/);
      for (const reply of [
        await withCors.request("GET", "/v1/customers/", { token: null, headers: { origin: APP } }),
        await withCors.request("GET", "/v1/customers/", { token: "polar_oat_nope", headers: { origin: APP } }),
        await withCors.request("GET", "/v1/customers/", { headers: { origin: APP, "polar-version": "1999-01" } }),
        await withCors.request("POST", "/v1/customers/", { headers: { origin: APP }, body: { email: 1 } }),
      ]) {
        assert.ok(reply.status >= 400, String(reply.status));
        assert.equal(reply.headers.get("access-control-allow-origin"), APP, String(reply.status));
      }
    });

    it("gives other origins nothing", async () => {
      const reply = await preflight(withCors, "/v1/customers/", OTHER);
      assert.equal(reply.status, 405);
      assert.equal(reply.headers.get("access-control-allow-origin"), null);
      const get = await withCors.request("GET", "/v1/customers/", { headers: { origin: OTHER } });
      assert.equal(get.status, 200);
      assert.equal(get.headers.get("access-control-allow-origin"), null);
    });

    it('allows any origin with "*"', async () => {
      const reply = await preflight(anyOrigin, "/v1/customers/", OTHER);
      assert.equal(reply.status, 204);
      assert.equal(reply.headers.get("access-control-allow-origin"), "*");
      const get = await anyOrigin.request("GET", "/v1/customers/", { headers: { origin: OTHER } });
      assert.equal(get.headers.get("access-control-allow-origin"), "*");
    });

    it("leaves requests without Origin as they were", async () => {
      const options = await fetch(`${withCors.url}/v1/customers/`, { method: "OPTIONS" });
      assert.equal(options.status, 405);
      const get = await withCors.request("GET", "/v1/customers/");
      assert.equal(get.status, 200);
      assert.equal(get.headers.get("access-control-allow-origin"), null);
    });
  });
}

describe("CORS origin settings", () => {
  it("accepts origins, * and comma lists, normalised and deduplicated", () => {
    assert.deepEqual(parseCorsOrigins(["http://localhost:5173, https://App.Example.com/", "https://app.example.com", "*"]), [
      "http://localhost:5173",
      "https://app.example.com",
      "*",
    ]);
    assert.deepEqual(parseCorsOrigins([]), []);
    assert.deepEqual(parseCorsOrigins([" , "]), []);
  });

  for (const bad of [
    "localhost:5173",
    "ftp://files.example",
    "https://app.example.com/path",
    "https://user:pw@app.example",
    "https://app.example?x=1",
    "not a url",
    "**",
  ]) {
    it(`rejects ${JSON.stringify(bad)}`, () => {
      assert.throws(() => parseCorsOrigins([bad]), /CORS origin must be/);
    });
  }
});
