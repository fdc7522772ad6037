// Another process holds SQLite's write lock (BEGIN EXCLUSIVE). Reads must keep
// being answered while a write waits for the lock, the event loop must not
// stall on the wait, a write that cannot get the lock by its deadline gets
// 503 + Retry-After, and a write whose lock comes in time succeeds.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { after, before, describe, it } from "node:test";
import BetterSqlite3 from "better-sqlite3";
import { ANSWER_BOUND_MS, assertAllPresent, assertUnavailable, timed } from "../support/faults.js";
import { unique, TestServer } from "../support/server.js";
import { SqliteLockHolder } from "../support/sqliteLock.js";

const LOCK_DEADLINE_MS = 1500;

describe("faults: another process holds the SQLite write lock", () => {
  const dir = mkdtempSync(join(tmpdir(), "polar-fault-lock-"));
  const file = join(dir, "lock.db");
  let server: TestServer;
  let holder: SqliteLockHolder | undefined;
  const acknowledged: string[] = [];

  before(async () => {
    server = await TestServer.start(`sqlite:${file}`, { storage: { busyTimeoutMs: LOCK_DEADLINE_MS } });
    acknowledged.push((await server.createCustomer()).id);
  });

  after(async () => {
    holder?.kill();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const create = () => server.request("POST", "/v1/customers/", { body: { email: `${unique("lk")}@example.com` } });

  it("answers reads while a write waits, then 503s the write at its deadline, without stalling the event loop", async () => {
    // A token never used before: resolving it reads the database too.
    const freshOrg = await server.newOrganization();
    holder = await SqliteLockHolder.hold(file);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();

    let writeDone = false;
    const write = timed(create()).finally(() => (writeDone = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const [what, call] of [
      ["get by id", () => server.request("GET", `/v1/customers/${acknowledged[0]}`)],
      ["list", () => server.request("GET", "/v1/customers/?limit=5")],
      ["fresh token", () => server.request("GET", "/v1/customers/?limit=1", { token: freshOrg.token })],
      ["openapi", () => server.request("GET", "/openapi.json", { token: null })],
    ] as const) {
      const reply = await call();
      assert.equal(reply.status, 200, `${what}: ${reply.text}`);
      assert.equal(writeDone, false, `${what} was answered only after the waiting write gave up`);
    }

    const { value: refused, ms } = await write;
    delay.disable();
    assertUnavailable(refused, "write past the lock deadline");
    assert.ok(ms >= LOCK_DEADLINE_MS - 100 && ms < ANSWER_BOUND_MS, `refused after ${ms} ms`);
    const maxBlockMs = delay.max / 1e6;
    console.log(`# SQLite lock held: write refused after ${Math.round(ms)} ms; longest event-loop stall ${maxBlockMs.toFixed(1)} ms`);
    // A synchronous busy wait would stall the loop for the whole deadline.
    assert.ok(maxBlockMs < LOCK_DEADLINE_MS / 2, `event loop stalled ${maxBlockMs} ms`);
  });

  it("lets a waiting write through when the lock is released before its deadline", async () => {
    const write = create();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await holder?.release();
    holder = undefined;
    const reply = await write;
    assert.equal(reply.status, 201, reply.text);
    acknowledged.push(reply.body.id);
    for (let i = 0; i < 5; i++) acknowledged.push((await server.createCustomer()).id);
    await assertAllPresent(server, acknowledged);
    const check = new BetterSqlite3(file, { readonly: true });
    try {
      assert.equal(check.pragma("integrity_check", { simple: true }), "ok");
    } finally {
      check.close();
    }
  });
});
