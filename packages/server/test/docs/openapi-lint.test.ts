// The OpenAPI document a real server serves passes Redocly's recommended
// rules, except the two that Polar's own paths break (redocly.yaml says which
// and why). Redocly runs offline, with its telemetry off.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { TestServer } from "../support/server.js";

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(import.meta.url);
const REDOCLY = join(
  dirname(require.resolve("@redocly/cli/package.json")),
  (require("@redocly/cli/package.json") as { bin: { redocly: string } }).bin.redocly,
);

const lint = (file: string, args: string[]) =>
  promisify(execFile)(process.execPath, [REDOCLY, "lint", "--config", join(PACKAGE_DIR, "redocly.yaml"), ...args, file], {
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
  }).then(
    (out) => ({ code: 0, output: out.stdout + out.stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
  );

describe("OpenAPI document lint (Redocly)", () => {
  let server: TestServer;
  const dir = mkdtempSync(join(tmpdir(), "polar-lint-"));
  before(async () => {
    server = await TestServer.start("sqlite::memory:");
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("has no errors and no warnings", async () => {
    const file = join(dir, "openapi.json");
    writeFileSync(file, (await server.request("GET", "/openapi.json", { token: null })).text);
    const result = await lint(file, ["--format", "stylish"]);
    assert.equal(result.code, 0, result.output);
    // Problems are listed as "line:column  severity  rule  message".
    assert.doesNotMatch(result.output, /^\s*\d+:\d+\s+(warning|error)\b/m, result.output);
    assert.match(result.output, /openapi\.json/, "the document was linted");
  });
});

describe("OpenAPI examples", () => {
  let server: TestServer;
  const dir = mkdtempSync(join(tmpdir(), "polar-examples-"));
  before(async () => {
    server = await TestServer.start("sqlite::memory:");
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives every operation a response example and every request body an example", async () => {
    const doc = (await server.request("GET", "/openapi.json", { token: null })).body;
    const missing: string[] = [];
    let operations = 0;
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(methods)) {
        operations++;
        const where = `${method.toUpperCase()} ${path}`;
        const [, success] = Object.entries(op.responses as Record<string, any>)[0];
        const content = success.content?.["application/json"];
        if (content && content.example === undefined) missing.push(`${where}: response`);
        if (op.requestBody && op.requestBody.content["application/json"].example === undefined) missing.push(`${where}: request body`);
      }
    }
    assert.ok(operations >= 20, `the catalog and customers operations are all there (${operations})`);
    assert.deepEqual(missing, []);
  });

  // The lint above validates each example against its own schema (no-invalid-media-type-examples,
  // as an error): here two broken examples show that it does.
  it("fails the lint when an example does not match its schema", async () => {
    const doc = (await server.request("GET", "/openapi.json", { token: null })).body;
    const create = doc.paths["/v1/meters/"].post;
    create.requestBody.content["application/json"].example = { ...create.requestBody.content["application/json"].example, name: 42 };
    create.responses["201"].content["application/json"].example = {
      ...create.responses["201"].content["application/json"].example,
      created_at: false,
    };
    const file = join(dir, "broken.json");
    writeFileSync(file, JSON.stringify(doc));
    const result = await lint(file, ["--format", "stylish"]);
    assert.notEqual(result.code, 0, result.output);
    assert.equal(result.output.match(/no-invalid-media-type-examples/g)?.length, 2, result.output);
  });
});
