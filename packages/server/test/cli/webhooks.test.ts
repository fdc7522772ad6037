// `webhooks endpoints create`, `webhooks tail [--follow]` and `webhooks
// redeliver` as a developer runs them (the built CLI in a child process),
// next to a running `serve` on the same database delivering to a local receiver.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { describe, it } from "node:test";
import { call, childEnv, fails as failsIn, json, MAIN, ok as okIn, serve as serveIn, stop, token, OAT } from "../support/cli.js";
import { workspaceWithReceiver } from "../support/cliReceiver.js";

const cli = workspaceWithReceiver();
const ok = (args: string[]) => okIn(cli.dir, args);
const fails = (args: string[], code: number, pattern: RegExp) => failsIn(cli.dir, args, code, pattern);

describe("CLI: webhooks", () => {
  it("endpoints create prints the endpoint with its secret; tail shows each attempt; redeliver sends the same webhook-id", async () => {
    const database = cli.workspace.newDatabase();
    const org = json(await ok(["orgs", "create", "--name", "Hooked", "--database", database]));
    const secret = token(await ok(["tokens", "create", "--org", org.id, "--database", database]), OAT);
    const url = `${cli.receiver.url}?cli`;
    const endpoint = json(
      await ok([
        "webhooks",
        "endpoints",
        "create",
        "--org",
        org.id,
        "--url",
        url,
        "--events",
        "customer.created,customer.updated",
        "--database",
        database,
      ]),
    );
    assert.match(endpoint.secret, /^whsec_[A-Za-z0-9]{43}$/);
    assert.deepEqual(endpoint.events, ["customer.created", "customer.updated"]);
    assert.equal(endpoint.url, url);
    const served = await serveIn(cli.dir, ["--database", database, "--webhook-retry-base", "100ms"]);
    try {
      const customer = await call(served.url, "POST", "/v1/customers/", secret, { email: "tail@example.com" });
      assert.equal(customer.status, 201);
      const mine = () => cli.receiver.received.filter((r) => r.path === "/hook?cli");
      await cli.receiver.waitFor(() => mine().length >= 1, "the delivery");
      const webhookId = String(mine()[0].headers["webhook-id"]);
      let lines = "";
      for (let i = 0; i < 100 && !lines.includes(webhookId); i++)
        lines = await ok(["webhooks", "tail", "--org", org.id, "--database", database]);
      const line = lines.split("\n").find((l) => l.includes(webhookId))!;
      assert.match(line, /^\d{4}-\d\d-\d\dT\S+Z\s+customer\.created\s+\S+\s+→ http:\/\/127\.0\.0\.1:\d+\/hook\?cli\s+200\s+attempt 1\/10$/);

      // --follow prints what happens after it started.
      const follower = spawn(process.execPath, [MAIN, "webhooks", "tail", "--follow", "--lines", "0", "--database", database], {
        cwd: cli.dir,
        env: childEnv(),
        stdio: ["ignore", "pipe", "pipe"],
      });
      let followed = "";
      follower.stdout.setEncoding("utf8").on("data", (d: string) => (followed += d));
      try {
        assert.match(await ok(["webhooks", "redeliver", webhookId, "--database", database]), /queued a redelivery of customer\.created/);
        await cli.receiver.waitFor(() => mine().length >= 2, "the redelivery");
        assert.equal(mine()[1].headers["webhook-id"], webhookId);
        for (let i = 0; i < 200 && !followed.includes("attempt 2/10"); i++) await new Promise((resolve) => setTimeout(resolve, 50));
        assert.match(followed, new RegExp(`customer\\.created\\s+${webhookId}\\s+→ .*200\\s+attempt 2/10`));
      } finally {
        follower.kill("SIGTERM");
      }
    } finally {
      await stop(served);
    }
  });

  it("mistakes are one line with exit 2", async () => {
    const database = cli.workspace.newDatabase();
    const org = json(await ok(["orgs", "create", "--name", "Hooked", "--database", database]));
    const create = (...args: string[]) => ["webhooks", "endpoints", "create", "--org", org.id, ...args, "--database", database];
    await fails(create("--url", "not a url", "--events", "customer.created"), 2, /url: Input should be a valid URL/);
    await fails(create("--url", "http://localhost:3000", "--events", "customer.made"), 2, /events\.0: Input should be/);
    await fails(["webhooks", "redeliver", "nope", "--database", database], 2, /EVENT_ID must be a UUID/);
    await fails(["webhooks", "redeliver", "3f1c2a5e-8b7d-4e6f-9a0b-1c2d3e4f5a6b", "--database", database], 2, /no webhook event/);
    await fails(["webhooks", "tail", "--org", "x", "--database", database], 2, /--org must be a UUID/);
    await fails(["serve", "--webhook-retry-base", "soon", "--database", database], 2, /--webhook-retry-base must be a duration/);
  });
});
