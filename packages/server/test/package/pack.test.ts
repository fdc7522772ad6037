// Installable outside the repository: both packages packed with `npm pack`,
// installed from the tarballs into an empty folder, and used from there as a
// user will once they are published: `npx polar-customers serve`, and the SDK
// talking to it. Dependencies come from the npm registry (or npm's cache).

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { startServeProcess, type ServeProcess } from "../support/serveProcess.js";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
const run = promisify(execFile);
const NPM_ENV = {
  ...process.env,
  npm_config_prefer_offline: "true",
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
  // better-sqlite3 compiles here instead of trying to download a prebuilt binary.
  npm_config_build_from_source: "true",
};

interface Packed {
  name: string;
  filename: string;
  files: { path: string }[];
}

describe("packed packages in an empty folder", () => {
  const dir = mkdtempSync(join(tmpdir(), "polar-pack-"));
  const app = join(dir, "app");
  let packed: Packed[];
  let installOutput = "";
  let server: ServeProcess | undefined;

  before(async () => {
    // `npm test` has just built both packages (pretest), which is what prepack would do.
    const { stdout } = await run(
      "npm",
      ["pack", "-w", "packages/server", "-w", "packages/sdk", "--ignore-scripts", "--json", "--pack-destination", dir],
      { cwd: REPO, env: NPM_ENV, maxBuffer: 64 << 20 },
    );
    packed = JSON.parse(stdout) as Packed[];
    mkdirSync(app);
    await run("npm", ["init", "-y"], { cwd: app, env: NPM_ENV });
    await run("npm", ["pkg", "set", "type=module"], { cwd: app, env: NPM_ENV });
    const install = await run("npm", ["install", ...packed.map((p) => join(dir, p.filename))], {
      cwd: app,
      env: NPM_ENV,
      maxBuffer: 64 << 20,
    });
    installOutput = install.stdout + install.stderr;
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("packs what the packages need and nothing from the repository's sources or tests", () => {
    const files = (name: string) => packed.find((p) => p.name === name)!.files.map((f) => f.path);
    const server = files("@polar-customers/server");
    for (const file of [
      "package.json",
      "LICENSE",
      "bin/polar-customers.js",
      "dist/cli/main.js",
      "dist/index.js",
      "dist/index.d.ts",
      "vendor/scalar/standalone.js",
      "vendor/scalar/LICENSE",
    ]) {
      assert.ok(server.includes(file), `server tarball has ${file}`);
    }
    assert.deepEqual(
      server.filter((f) => /^(src|test|bench|scripts)\//.test(f) || f.includes("/tests/")),
      [],
    );
    const sdk = files("@polar-customers/sdk");
    for (const file of ["package.json", "LICENSE", "README.md", "dist/esm/index.js", "dist/commonjs/index.js"])
      assert.ok(sdk.includes(file), `sdk tarball has ${file}`);
  });

  it("installs on Node 20 without engine warnings", () => {
    assert.doesNotMatch(installOutput, /EBADENGINE/, installOutput);
  });

  it("runs `npx polar-customers serve` and the SDK from that folder", async () => {
    server = await startServeProcess("npx", ["polar-customers", "serve", "--port", "0", "--database", "sqlite:./polar.db"], {
      cwd: app,
      env: NPM_ENV,
    });
    assert.ok(server.token, server.output());
    writeFileSync(
      join(app, "check.js"),
      `import { Polar } from "@polar-customers/sdk";
const polar = new Polar({ accessToken: process.env.TOKEN, serverURL: process.env.URL });
const created = await polar.customers.create({ email: "packed@example.com", externalId: "packed_1" });
const fetched = await polar.customers.getExternal({ externalId: "packed_1" });
console.log(JSON.stringify({ id: created.id, same: fetched.id === created.id, email: fetched.email }));
`,
    );
    const { stdout } = await run(process.execPath, ["check.js"], {
      cwd: app,
      env: { ...process.env, TOKEN: server.token!, URL: server.url },
    });
    const result = JSON.parse(stdout) as { id: string; same: boolean; email: string };
    assert.equal(result.same, true);
    assert.equal(result.email, "packed@example.com");

    // The reference page and its renderer come from the installed package.
    const page = await (await fetch(`${server.url}/docs`)).text();
    const script = /<script src="([^"]+)"/.exec(page)?.[1];
    assert.ok(script, page);
    const bundle = await fetch(server.url + script);
    assert.equal(bundle.status, 200);
    assert.ok((await bundle.arrayBuffer()).byteLength > 1_000_000);
  });
});
