// The README's quick start runs as written: its sh and ts blocks, in order,
// in one bash session started in the repository, against a fresh
// `polar-customers serve`. Only the token (printed by the server) and the
// port (a free one rather than 8000) are filled in.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { startServeProcess, type ServeProcess } from "../support/serveProcess.js";

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const REPO = join(PACKAGE_DIR, "..", "..");

interface Block {
  lang: string;
  code: string;
}

function quickStartBlocks(markdown: string): Block[] {
  const start = markdown.indexOf("\n## Quick start\n");
  assert.ok(start >= 0, "README has a Quick start section");
  const end = markdown.indexOf("\n## ", start + 1);
  const section = markdown.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], code: m[2] }));
}

/** One bash script: sh blocks as they are, each ts block written to the file its first line names. */
function script(blocks: Block[], token: string, url: string): string {
  const lines = ["set -euo pipefail"];
  for (const { lang, code } of blocks) {
    const filled = code.replaceAll("http://127.0.0.1:8000", url).replace(/^TOKEN=polar_oat_…/m, `TOKEN=${token}`);
    if (lang === "sh") lines.push(filled);
    else if (lang === "ts") {
      const file = /^\/\/ (\S+\.ts)\n/.exec(code)?.[1];
      assert.ok(file, `a ts block names its file on its first line:\n${code}`);
      lines.push(`cat > ${file} <<'README_TS_BLOCK'\n${filled}README_TS_BLOCK`);
    } else assert.fail(`unexpected ${lang} block in the quick start`);
  }
  return lines.join("\n");
}

describe("README quick start", () => {
  const dir = mkdtempSync(join(tmpdir(), "polar-readme-"));
  let server: ServeProcess;
  before(async () => {
    server = await startServeProcess(
      process.execPath,
      [join(PACKAGE_DIR, "bin", "polar-customers.js"), "serve", "--database", `sqlite:${join(dir, "readme.db")}`, "--port", "0"],
      { cwd: dir },
    );
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs every snippet as written, in order", async () => {
    const blocks = quickStartBlocks(readFileSync(join(REPO, "README.md"), "utf8"));
    assert.ok(
      blocks.filter((b) => b.lang === "sh").length >= 3 && blocks.filter((b) => b.lang === "ts").length >= 2,
      "curl, install and both SDKs",
    );
    assert.ok(server.token, "the fresh server printed its token");
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn("bash", ["-c", script(blocks, server.token!, server.url)], {
        cwd: REPO,
        // mktemp -d lands in this test's folder; npm reuses its cache when it can.
        env: {
          ...process.env,
          TMPDIR: dir,
          npm_config_prefer_offline: "true",
          npm_config_audit: "false",
          npm_config_fund: "false",
          npm_config_update_notifier: "false",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c) => (stdout += c));
      child.stderr.on("data", (c) => (stderr += c));
      child.on("exit", (code) => resolve({ code, stdout, stderr }));
    });
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    // curl: the customer, the search and the state; then the two SDK scripts.
    assert.match(result.stdout, /"email":"jane@example\.com"[^]*"external_id":"usr_1337"/);
    assert.match(result.stdout, /"pagination":\{"total_count":1,/);
    assert.match(result.stdout, /"active_subscriptions":\[\]/);
    assert.match(result.stdout, /^[0-9a-f-]{36} ada@example\.com$/m);
    assert.match(result.stdout, /^2$/m, "the official SDK lists both customers");
    assert.match(result.stdout, /^grace@example\.com 0$/m);

    const list = await fetch(`${server.url}/v1/customers/?limit=10`, { headers: { authorization: `Bearer ${server.token}` } });
    assert.equal(((await list.json()) as { pagination: { total_count: number } }).pagination.total_count, 3);
  });
});
