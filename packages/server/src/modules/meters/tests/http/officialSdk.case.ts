// The official @polar-sh/sdk 0.49.0 client decodes every meters answer.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Polar } from "polar-sdk-049";
import { ResourceNotFound } from "polar-sdk-049/models/errors/resourcenotfound.js";
import type { GetServer } from "../../../../../test/support/contract.js";
import { MISSING_ID, catalogOrg } from "../../../../../test/support/catalog.js";

export function meterSdkCases(get: GetServer): void {
  describe("meters: official SDK 0.49.0", () => {
    it("creates, gets, updates and lists meters with decoded models", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const polar = new Polar({ accessToken: org.token, serverURL: server.url });
      const created = await polar.meters.create({
        name: "SDK meter",
        filter: {
          conjunction: "and",
          clauses: [
            { property: "name", operator: "eq", value: "call" },
            { conjunction: "or", clauses: [{ property: "n", operator: "gt", value: 3 }] },
          ],
        },
        aggregation: { func: "unique", property: "user" },
        metadata: { x: 1 },
      });
      assert.ok(created.createdAt instanceof Date);
      assert.equal(created.name, "SDK meter");
      assert.equal(created.organizationId, org.id);
      assert.deepEqual(created.aggregation, { func: "unique", property: "user" });
      assert.equal(created.archivedAt, null);
      const fetched = await polar.meters.get({ id: created.id });
      assert.deepEqual(fetched, created);
      const updated = await polar.meters.update({ id: created.id, meterUpdate: { isArchived: true, aggregation: { func: "count" } } });
      assert.ok(updated.archivedAt instanceof Date);
      assert.deepEqual(updated.aggregation, { func: "count" });
      await polar.meters.create({
        name: "Second",
        filter: { conjunction: "and", clauses: [] },
        aggregation: { func: "avg", property: "latency" },
      });
      const seen: string[] = [];
      for await (const page of await polar.meters.list({ limit: 1 })) for (const meter of page.result.items) seen.push(meter.name);
      assert.deepEqual(seen, ["SDK meter", "Second"]);
      await assert.rejects(() => polar.meters.get({ id: MISSING_ID }), ResourceNotFound);
    });
  });
}
