// Reused answers (src/platform/http/answer-memo.ts), on both backends: a read
// marked `memo` is answered from the body computed earlier only while nothing
// has been committed since, by this server, another server on the same
// database or another process; and only ever for the same caller and
// organizations.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { AnswerMemo } from "../../src/platform/http/answer-memo.js";
import { coalescedSnapshots } from "../../src/platform/storage/postgres/change-mark.js";
import { CATALOG_SCOPES, createProduct } from "../support/catalog.js";
import { ok, Workspace } from "../support/cli.js";
import { createTestDatabase, type TestDatabase } from "../support/postgres.js";
import { TestServer, unique } from "../support/server.js";

/** A server on a fresh database of the backend for one suite, and the workspace its CLI runs in. */
function serverOn(backend: "sqlite" | "postgres") {
  const workspace = new Workspace();
  let running: TestServer;
  let database: TestDatabase | undefined;
  before(async () => {
    if (backend === "postgres") database = await createTestDatabase();
    running = await TestServer.start(database?.url ?? workspace.newDatabase());
  });
  after(async () => {
    await running.close();
    await database?.drop();
    workspace.remove();
  });
  return {
    workspace,
    get server() {
      return running;
    },
  };
}

const SUBSCRIBER_SCOPES = ["customers:read", "customers:write", "products:read", "products:write", "subscriptions:write"];

for (const backend of ["sqlite", "postgres"] as const)
  describe(`answer memo (${backend}): reads after a commit see it`, () => {
    const suite = serverOn(backend);

    it("a write through the same server shows on the next read of every memo'd operation", async () => {
      const customer = await suite.server.createCustomer({ name: "Before", external_id: unique("ext") });
      const paths = [
        `/v1/customers/${customer.id}`,
        `/v1/customers/external/${customer.external_id}`,
        `/v1/customers/${customer.id}/state`,
        `/v1/customers/external/${customer.external_id}/state`,
      ];
      for (const path of paths)
        for (let i = 0; i < 2; i++) assert.equal((await suite.server.request("GET", path)).body.name ?? "", "Before");
      const listed = await suite.server.request("GET", "/v1/customers/?query=Before");
      assert.equal(listed.body.pagination.total_count, 1);
      assert.equal((await suite.server.request("PATCH", `/v1/customers/${customer.id}`, { body: { name: "After" } })).status, 200);
      for (const path of paths) assert.equal((await suite.server.request("GET", path)).body.name, "After", path);
      assert.equal((await suite.server.request("GET", "/v1/customers/?query=Before")).body.pagination.total_count, 0);
      assert.equal((await suite.server.request("DELETE", `/v1/customers/${customer.id}`)).status, 204);
      for (const path of paths) assert.equal((await suite.server.request("GET", path)).status, 404, path);
    });

    it("a subscription created through a second server on the same file shows in the first one's state at once", async () => {
      const org = await suite.server.newOrganization([...SUBSCRIBER_SCOPES, ...CATALOG_SCOPES]);
      const second = await TestServer.start(suite.server.databaseUrl);
      try {
        const customer = await suite.server.createCustomer({}, org.token);
        const statePath = `/v1/customers/${customer.id}/state`;
        assert.deepEqual((await suite.server.request("GET", statePath, { token: org.token })).body.active_subscriptions, []);
        const product = await createProduct(second, org.token);
        const created = await second.request("POST", "/v1/subscriptions/", {
          token: org.token,
          body: { product_id: product.id, customer_id: customer.id },
        });
        assert.equal(created.status, 201, created.text);
        const state = await suite.server.request("GET", statePath, { token: org.token });
        assert.deepEqual(
          state.body.active_subscriptions.map((s: { id: string }) => s.id),
          [created.body.id],
        );
      } finally {
        await second.close();
      }
    });

    it("a customer seeded by another process shows in the next list", async () => {
      const org = await suite.server.newOrganization();
      const listPath = "/v1/customers/?limit=100";
      assert.equal((await suite.server.request("GET", listPath, { token: org.token })).body.pagination.total_count, 0);
      const file = join(suite.workspace.dir, "seed.json");
      const email = `${unique("seeded")}@example.com`;
      writeFileSync(file, JSON.stringify({ organizations: [{ id: org.id, name: "Seeded", customers: [{ email }] }] }));
      await ok(suite.workspace.dir, ["seed", file, "--database", suite.server.databaseUrl]);
      const listed = await suite.server.request("GET", listPath, { token: org.token });
      assert.deepEqual(
        listed.body.items.map((c: { email: string }) => c.email),
        [email],
      );
    });
  });

for (const backend of ["sqlite", "postgres"] as const)
  describe(`answer memo (${backend}): an answer is reused only for the caller it was computed for`, () => {
    const suite = serverOn(backend);

    it("another organization's token, a narrowed user and a user of another organization get 404", async () => {
      const customer = await suite.server.createCustomer();
      const other = await suite.server.newOrganization();
      const member = await suite.server.newUser([[suite.server.org.id, "member"]]);
      const outsider = await suite.server.newUser([[other.id, "owner"]]);
      for (const path of [`/v1/customers/${customer.id}`, `/v1/customers/${customer.id}/state`]) {
        assert.equal((await suite.server.request("GET", path)).status, 200);
        assert.equal((await suite.server.request("GET", path, { token: member.token })).status, 200);
        assert.equal((await suite.server.request("GET", path, { token: other.token })).status, 404, path);
        assert.equal((await suite.server.request("GET", path, { token: outsider.token })).status, 404, path);
        const narrowed = await suite.server.request("GET", path, { token: member.token, headers: { "polar-organization": other.id } });
        assert.equal(narrowed.status, 404, path);
      }
      const list = (token: string) => suite.server.request("GET", "/v1/customers/", { token });
      assert.equal((await list(suite.server.org.token)).body.pagination.total_count, 1);
      assert.equal((await list(other.token)).body.pagination.total_count, 0);
    });

    it("a token without the read scope is refused even when the answer is remembered", async () => {
      const customer = await suite.server.createCustomer();
      const path = `/v1/customers/${customer.id}/state`;
      assert.equal((await suite.server.request("GET", path)).status, 200);
      const writeOnly = await suite.server.newToken(suite.server.org.id, ["products:read"]);
      assert.equal((await suite.server.request("GET", path, { token: writeOnly })).status, 403);
    });
  });

describe("AnswerMemo", () => {
  it("drops an answer computed while something was committed, and everything once the mark moves", async () => {
    let mark = 1;
    const memo = new AnswerMemo(() => mark);
    let computed = 0;
    const compute =
      (body: string, commitMeanwhile = false) =>
      async () => {
        computed++;
        if (commitMeanwhile) mark++;
        return body;
      };
    assert.equal(await memo.remember("a", compute("during a commit", true)), "during a commit");
    assert.equal(await memo.remember("a", compute("fresh")), "fresh");
    assert.equal(await memo.remember("a", compute("unused")), "fresh");
    assert.equal(computed, 2);
    mark++;
    assert.equal(await memo.remember("a", compute("after the commit")), "after the commit");
    assert.equal(computed, 3);
  });

  it("reads the mark asynchronously and computes without the memo when it cannot be read", async () => {
    let failing = false;
    const memo = new AnswerMemo(async () => {
      if (failing) throw new Error("database unreachable");
      return "snapshot 1";
    });
    assert.equal(await memo.remember("a", async () => "first"), "first");
    assert.equal(await memo.remember("a", async () => "unused"), "first");
    failing = true;
    assert.equal(await memo.remember("a", async () => "computed"), "computed");
  });

  it("keeps within its budget by forgetting the least recently used answer", () => {
    const memo = new AnswerMemo(() => 0, 80);
    memo.adopt(0);
    memo.set(0, "a", "x".repeat(10));
    memo.set(0, "b", "y".repeat(10));
    assert.equal(memo.get("a"), "x".repeat(10)); // now b is the least recently used
    for (let i = 0; i < 7; i++) memo.set(0, `c${i}`, "z".repeat(10));
    assert.equal(memo.get("b"), undefined);
    assert.equal(memo.get("a"), "x".repeat(10));
    memo.set(0, "huge", "h".repeat(11)); // more than an eighth of the budget: never kept
    assert.equal(memo.get("huge"), undefined);
  });
});

describe("coalescedSnapshots (PostgreSQL's change mark)", () => {
  it("never hands a caller a snapshot whose query was issued before the caller asked; later callers share the next one", async () => {
    const issued: { resolve: (mark: string) => void }[] = [];
    const marks = coalescedSnapshots(
      () =>
        new Promise<string>((resolve) => {
          issued.push({ resolve });
        }),
    );
    const first = marks();
    assert.equal(issued.length, 1);
    const second = marks(); // arrives while the first query is on its way: must not get its answer
    const third = marks();
    assert.equal(issued.length, 1, "the next query waits for the one on its way");
    issued[0].resolve("snapshot 1");
    assert.equal(await first, "snapshot 1");
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(issued.length, 2, "one query for both callers that waited");
    issued[1].resolve("snapshot 2");
    assert.deepEqual(await Promise.all([second, third]), ["snapshot 2", "snapshot 2"]);
    await new Promise((resolve) => setImmediate(resolve));
    const fourth = marks(); // nothing on its way any more: asked at once
    assert.equal(issued.length, 3);
    issued[2].resolve("snapshot 3");
    assert.equal(await fourth, "snapshot 3");
  });

  it("passes a failed read on to everyone who shared it, and recovers on the next call", async () => {
    let calls = 0;
    const marks = coalescedSnapshots(async () => {
      calls++;
      if (calls <= 2) throw new Error("database unreachable");
      return `snapshot ${calls}`;
    });
    const results = await Promise.allSettled([marks(), marks(), marks()]);
    assert.deepEqual(
      results.map((r) => r.status),
      ["rejected", "rejected", "rejected"],
    );
    assert.equal(calls, 2);
    assert.equal(await marks(), "snapshot 3");
  });
});
