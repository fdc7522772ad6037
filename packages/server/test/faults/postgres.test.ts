// PostgreSQL going away under load: a TCP proxy between the server and the
// database is cut (every connection destroyed, the port closed) and restored.
// The server must not exit, must answer 503 + Retry-After while the database
// is gone, keep serving what needs no database, recover by itself, and lose
// nothing it acknowledged.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Polar } from "polar-sdk-049";
import { HTTPClient } from "polar-sdk-049/lib/http.js";
import { ANSWER_BOUND_MS, assertAllPresent, assertUnavailable, eventually, timed, Writers } from "../support/faults.js";
import { createTestDatabase, withAdmin, type TestDatabase } from "../support/postgres.js";
import { TcpProxy } from "../support/proxy.js";
import { unique, TestServer } from "../support/server.js";

const CONNECTION_TIMEOUT_MS = 1500;

describe("faults: PostgreSQL becomes unreachable", () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let server: TestServer;
  let known: { id: string };

  before(async () => {
    database = await createTestDatabase();
    proxy = await TcpProxy.start(new URL(database.url));
    server = await TestServer.start(proxy.route(database.url), { storage: { connectionTimeoutMs: CONNECTION_TIMEOUT_MS } });
    known = await server.createCustomer();
  });

  after(async () => {
    await proxy.restore();
    await server?.close();
    await proxy?.close();
    await database?.drop();
  });

  it("survives connections dropped mid-transaction, answers 503 during the outage and recovers", async () => {
    const writers = new Writers(server, 6);
    await eventually(async () => (writers.acknowledged.length >= 20 ? true : undefined), ANSWER_BOUND_MS, "writes before the fault");

    // Hold every byte so that requests are caught inside their transactions on checked-out
    // connections, then drop those connections: the case that used to crash the process.
    proxy.freeze();
    const caught = Array.from({ length: 4 }, () =>
      server.request("POST", "/v1/customers/", { body: { email: `${unique("mid")}@example.com` } }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await proxy.cut();
    for (const reply of await Promise.all(caught)) assert.ok(reply.status === 503 || reply.status === 201, `${reply.status} ${reply.text}`);

    // While it is gone: everything that needs the database says 503, promptly.
    const freshToken = unique("polar_oat_never_seen_");
    for (const [what, call] of [
      ["get by id", () => server.request("GET", `/v1/customers/${known.id}`)],
      ["list", () => server.request("GET", "/v1/customers/?limit=5")],
      ["create", () => server.request("POST", "/v1/customers/", { body: { email: `${unique("out")}@example.com` } })],
      ["token lookup", () => server.request("GET", "/v1/customers/", { token: freshToken })],
    ] as const) {
      const { value, ms } = await timed(call());
      assertUnavailable(value, what);
      assert.ok(ms < ANSWER_BOUND_MS, `${what} took ${ms} ms`);
    }
    // What needs no database is still served.
    const { value: openapi, ms: openapiMs } = await timed(server.request("GET", "/openapi.json", { token: null }));
    assert.equal(openapi.status, 200);
    assert.ok(openapiMs < ANSWER_BOUND_MS);
    assert.ok(openapi.body.paths["/v1/customers/"].post.responses["503"], "503 is documented");

    await proxy.restore();
    const restored = performance.now();
    await eventually(
      async () => ((await server.request("GET", `/v1/customers/${known.id}`)).status === 200 ? true : undefined),
      ANSWER_BOUND_MS,
      "recovery",
    );
    const countBefore = writers.acknowledged.length;
    await eventually(
      async () => (writers.acknowledged.length > countBefore + 5 ? true : undefined),
      ANSWER_BOUND_MS,
      "writes after recovery",
    );
    console.log(`# PostgreSQL: reads answered again ${Math.round(performance.now() - restored)} ms after the database came back`);
    await writers.stop();

    assert.deepEqual(
      [...writers.statuses.keys()].filter((s) => s !== 201 && s !== 503),
      [],
      `unexpected statuses ${JSON.stringify([...writers.statuses])}`,
    );
    assert.ok((writers.statuses.get(503) ?? 0) > 0, "the writers saw the outage");
    await assertAllPresent(server, writers.acknowledged);
  });

  it("a database that refuses connections (ALLOW_CONNECTIONS false, as during maintenance) gives 503 and recovers", async () => {
    const name = new URL(database.url).pathname.slice(1);
    const admin = (text: string) => withAdmin((client) => client.query(text));
    await admin(`alter database "${name}" allow_connections false`);
    try {
      await admin(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`);
      for (const [what, call] of [
        ["state", () => server.request("GET", `/v1/customers/${known.id}/state`)],
        ["get by id", () => server.request("GET", `/v1/customers/${known.id}`)],
        ["create", () => server.request("POST", "/v1/customers/", { body: { email: `${unique("refused")}@example.com` } })],
      ] as const) {
        const { value, ms } = await timed(call());
        assertUnavailable(value, what);
        assert.ok(ms < ANSWER_BOUND_MS, `${what} took ${ms} ms`);
      }
    } finally {
      await admin(`alter database "${name}" allow_connections true`);
    }
    await eventually(
      async () => ((await server.request("GET", `/v1/customers/${known.id}/state`)).status === 200 ? true : undefined),
      ANSWER_BOUND_MS,
      "recovery",
    );
  });

  it("the official SDK's retries (retryCodes include 503) ride over an outage", async () => {
    const statuses: number[] = [];
    const httpClient = new HTTPClient().addHook("response", (response) => void statuses.push(response.status));
    const polar = new Polar({
      httpClient,
      accessToken: server.org.token,
      serverURL: server.url,
      retryConfig: {
        strategy: "backoff",
        backoff: { initialInterval: 200, maxInterval: 2000, exponent: 1.5, maxElapsedTime: 30_000 },
        retryConnectionErrors: true,
      },
    });
    await proxy.cut();
    const created = polar.customers.create({ email: `${unique("sdk")}@example.com` });
    setTimeout(() => void proxy.restore(), 1500);
    const { value: customer, ms } = await timed(created);
    console.log(`# official SDK across the outage: answers ${statuses.join(", ")}; created after ${Math.round(ms)} ms`);
    assert.ok(statuses.includes(503), "the SDK met the outage");
    assert.equal(statuses.at(-1), 201);
    assert.equal((await server.request("GET", `/v1/customers/${customer.id}`)).status, 200);
  });
});
