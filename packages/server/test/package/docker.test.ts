// The Docker image builds, starts as a non-root user on the /data volume, and
// serves the API, where a Docker daemon is available. Without one the test is
// skipped and says why (building needs the daemon and the node base image).

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, it } from "node:test";

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
