// Process-level guarantees, on a fresh database of each backend:
// - nothing acknowledged is lost: `serve` killed with SIGKILL right after its
//   201s still delivers every event once restarted;
// - two servers on one database never both make the same attempt.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ContractTarget, GetStorage } from "../../../../../test/support/contract.js";
import { call, serve, Workspace } from "../../../../../test/support/cli.js";
import { TestServer } from "../../../../../test/support/server.js";
import { Receiver, verified } from "../receiver.js";
import { createEndpoint, deliveries, WEBHOOK_SCOPES } from "../http/support.js";

const BOOTSTRAP = `polar_oat_${"k".repeat(43)}`;

export function durabilityCases(_get: GetStorage, target: ContractTarget): void {
  describe("webhooks: durability", () => {
    let receiver: Receiver;
    before(async () => {
      receiver = await Receiver.start();
    });
    after(() => receiver.close());

    it("kill -9 right after acknowledged creates: every event is delivered after restart", async () => {
      const workspace = new Workspace();
      const database = await target.freshUrl();
      try {
        const args = [
          "--database",
          database.url,
          "--bootstrap-token",
          BOOTSTRAP,
          "--webhook-retry-base",
          "50ms",
          "--webhook-retry-cap",
          "1s",
        ];
        const first = await serve(workspace.dir, args);
        const endpoint = await call(first.url, "POST", "/v1/webhooks/endpoints", BOOTSTRAP, {
          url: `${receiver.url}?durable`,
          format: "raw",
          events: ["customer.created"],
        });
        assert.equal(endpoint.status, 201, JSON.stringify(endpoint.body));
        const created: string[] = [];
        for (let i = 0; i < 10; i++) {
          const reply = await call(first.url, "POST", "/v1/customers/", BOOTSTRAP, { email: `k${i}@example.com` });
          assert.equal(reply.status, 201);
          created.push(reply.body.id);
        }
        first.child.kill("SIGKILL");
        assert.equal((await first.exited).signal, "SIGKILL");
        const second = await serve(workspace.dir, args);
        try {
          const mine = () => receiver.received.filter((r) => r.path === "/hook?durable");
          await receiver.waitFor(
            () => new Set(mine().map((r) => JSON.parse(r.body).data.id)).size >= created.length,
            "every event",
            90_000,
          );
          assert.deepEqual(new Set(mine().map((r) => JSON.parse(r.body).data.id)), new Set(created));
          for (const r of mine()) verified(r, endpoint.body.secret);
        } finally {
          second.child.kill("SIGTERM");
          await second.exited;
        }
      } finally {
        await database.drop();
        workspace.remove();
      }
    });

    it("two servers on one database: each attempt is made by exactly one of them", async () => {
      const database = await target.freshUrl();
      const one = await TestServer.start(database.url);
      const two = await TestServer.start(database.url);
      const counted = await Receiver.start();
      try {
        const org = await one.newOrganization(WEBHOOK_SCOPES);
        const endpoint = await createEndpoint(one, org.token, counted.url, ["customer.created"]);
        const count = 40;
        await Promise.all(Array.from({ length: count }, (_, i) => (i % 2 ? one : two).createCustomer({}, org.token)));
        await counted.waitFor((all) => new Set(all.map((r) => r.headers["webhook-id"])).size >= count, `${count} events`, 60_000);
        let page = await deliveries(one, org.token, `endpoint_id=${endpoint.id}&limit=100`);
        for (let i = 0; i < 200 && page.pagination.total_count < count; i++) {
          await new Promise((resolve) => setTimeout(resolve, 25));
          page = await deliveries(two, org.token, `endpoint_id=${endpoint.id}&limit=100`);
        }
        assert.equal(page.pagination.total_count, count);
        assert.equal(new Set(page.items.map((d) => d.webhook_event.id)).size, count);
        assert.equal(counted.received.length, count, "an event was sent twice");
      } finally {
        await counted.close();
        await one.close();
        await two.close();
        await database.drop();
      }
    });
  });
}
