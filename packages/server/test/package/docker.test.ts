// The Docker image builds, starts as a non-root user on the /data volume, and
// serves the API, where a Docker daemon is available. Without one that test is
// skipped and says why (building needs the daemon and the node base image),
// and the image's own steps run here instead: the build stage's install script,
// then the runtime stage's environment, entrypoint and health check, all read
// from the Dockerfile.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { after, describe, it } from "node:test";
import { freePort } from "../../bench/harness/processes.js";
import { startServeProcess } from "../support/serveProcess.js";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
const run = promisify(execFile);
const docker = (args: string[], timeout = 60_000) => run("docker", args, { cwd: REPO, timeout, maxBuffer: 64 << 20 });

async function daemonUnavailable(): Promise<string | null> {
  try {
    await docker(["info", "--format", "{{.ServerVersion}}"], 15_000);
    return null;
  } catch (error) {
    return `no Docker daemon: ${
      String((error as { stderr?: string }).stderr ?? (error as Error).message)
        .trim()
        .split("\n")[0]
    }`;
  }
}

const skip = await daemonUnavailable();
if (skip) process.stdout.write(`docker image test skipped: ${skip}\n`);

describe("Docker image", () => {
  it("builds, runs as a non-root user, becomes healthy and serves the API", { skip: skip ?? false }, async () => {
    const tag = `polar-customers-test:${process.pid}`;
    await docker(["build", "-t", tag, "."], 900_000);
    const name = `polar-customers-test-${process.pid}`;
    try {
      await docker(["run", "-d", "--name", name, "-p", "127.0.0.1::8000", tag]);
      const { stdout: user } = await docker(["exec", name, "id", "-u"]);
      assert.notEqual(user.trim(), "0");
      let health = "";
      for (let i = 0; i < 60 && health !== "healthy"; i++) {
        health = (await docker(["inspect", "--format", "{{.State.Health.Status}}", name])).stdout.trim();
        if (health !== "healthy") await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      assert.equal(health, "healthy");
      const { stdout: logs } = await docker(["logs", name]);
      const token = /\b(polar_oat_[A-Za-z0-9_-]+)/.exec(logs)?.[1];
      assert.ok(token, logs);
      const port = (await docker(["port", name, "8000/tcp"])).stdout.trim().split(":").pop();
      const reply = await fetch(`http://127.0.0.1:${port}/v1/customers/`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(reply.status, 200);
      const { stdout: mounts } = await docker(["inspect", "--format", "{{range .Mounts}}{{.Destination}}{{end}}", name]);
      assert.match(mounts, /\/data/);
    } finally {
      await docker(["rm", "-f", name]).catch(() => undefined);
      await docker(["rmi", "-f", tag]).catch(() => undefined);
    }
  });
});

/** The runtime stage of the Dockerfile: its ENV settings, ENTRYPOINT + CMD, and HEALTHCHECK command. */
function runtimeStage(dockerfile: string) {
  const runtime = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));
  const joined = runtime.replace(/\\\n\s*/g, " ");
  const env: Record<string, string> = {};
  for (const line of joined.split("\n").filter((l) => l.startsWith("ENV ")))
    for (const [, key, value] of line.slice(4).matchAll(/(\w+)=(\S+)/g)) env[key] = value;
  const exec = (instruction: string) => {
    const line = joined.split("\n").find((l) => l.startsWith(`${instruction} `));
    assert.ok(line, `the runtime stage has ${instruction}`);
    return JSON.parse(line.slice(line.indexOf("["))) as string[];
  };
  const health = joined.split("\n").find((l) => l.startsWith("HEALTHCHECK "));
  assert.ok(health, "the runtime stage has a HEALTHCHECK");
  return { env, command: [...exec("ENTRYPOINT"), ...exec("CMD")], health: JSON.parse(health.slice(health.indexOf("["))) as string[] };
}

describe("Docker image steps without Docker", { skip: skip === null ? "a Docker daemon builds the real image above" : false }, () => {
  const dir = mkdtempSync(join(tmpdir(), "polar-image-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("the build stage's install script and the runtime stage's settings give a healthy server that keeps its data in the volume", async () => {
    const app = join(dir, "app");
    // The build stage: `npm ci` has built the repository (as `npm test` just did); then the install script.
    await run("sh", ["packages/server/scripts/install-packed.sh", app], {
      cwd: REPO,
      timeout: 600_000,
      maxBuffer: 64 << 20,
      env: { ...process.env, npm_config_prefer_offline: "true", npm_config_build_from_source: "true", npm_config_update_notifier: "false" },
    });
    const { env, command, health } = runtimeStage(readFileSync(join(REPO, "Dockerfile"), "utf8"));
    assert.equal(env.HOST, "0.0.0.0");
    assert.equal(env.POLAR_DATABASE_URL, "sqlite:/data/polar.db");
    assert.equal(command[0], "node");
    assert.match(command[1], /^\/app\//);
    // The image's paths, moved into the temporary folder: /app is where the stage installed, /data the volume.
    const data = join(dir, "data");
    const port = String(await freePort());
    const settings = { ...env, PORT: port, POLAR_DATABASE_URL: `sqlite:${data}/polar.db`, LOG_LEVEL: "info" };
    const server = await startServeProcess(command[0], [join(app, command[1].slice("/app/".length)), ...command.slice(2)], {
      cwd: app,
      env: settings,
      timeoutMs: 60_000,
    });
    try {
      assert.ok(server.token, server.output());
      assert.match(server.url, new RegExp(`:${port}$`));
      await run(health[0], health.slice(1), { env: { ...process.env, ...settings }, timeout: 10_000 });
      const reply = await fetch(`http://127.0.0.1:${port}/v1/customers/`, { headers: { authorization: `Bearer ${server.token}` } });
      assert.equal(reply.status, 200);
    } finally {
      await server.stop();
    }
    assert.ok(existsSync(join(data, "polar.db")), "the database is in the volume");
  });
});
