// The official @polar-sh/sdk 0.49.0 client ingests events and decodes every customer-meters answer.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Polar } from "polar-sdk-049";
import { ResourceNotFound } from "polar-sdk-049/models/errors/resourcenotfound.js";
import type { GetServer } from "../../../../../test/support/contract.js";
import { MISSING_ID } from "../../../../../test/support/catalog.js";
import { meterOf, usageOrg } from "./support.js";

export function customerMeterSdkCases(get: GetServer): void {
  describe("customer meters: official SDK 0.49.0", () => {
    it("ingests with polar.events.ingest and reads with polar.customerMeters.list/get", async () => {
      const server = get();
      const org = await usageOrg(server);
      const polar = new Polar({ accessToken: org.token, serverURL: server.url });
      const customer = await server.createCustomer({ external_id: "sdk-ext" }, org.token);
      const meter = await meterOf(server, org.token, { func: "sum", property: "tokens" });
      const ingested = await polar.events.ingest({
        events: [
          { name: "llm", customerId: customer.id, metadata: { tokens: 5 }, externalId: "sdk-1" },
          { name: "llm", externalCustomerId: "sdk-ext", metadata: { tokens: 2.5 }, timestamp: new Date(Date.now() - 1000) },
          { name: "llm", customerId: customer.id, externalId: "sdk-1" },
        ],
      });
      assert.deepEqual(ingested, { inserted: 2, duplicates: 1 });
      const seen = [];
      for await (const page of await polar.customerMeters.list({ customerId: customer.id, limit: 1 })) seen.push(...page.result.items);
      assert.equal(seen.length, 1);
      const [row] = seen;
      assert.equal(row.consumedUnits, 7.5);
      assert.equal(row.creditedUnits, 0);
      assert.equal(row.balance, -7.5);
      assert.ok(row.createdAt instanceof Date);
      assert.equal(row.customer.id, customer.id);
      assert.equal(row.meter.id, meter.id);
      assert.deepEqual(await polar.customerMeters.get({ id: row.id }), row);
      const sorted = await polar.customerMeters.list({ sorting: ["-balance", "meter_name"] });
      assert.equal(sorted.result.items.length, 1);
      await assert.rejects(() => polar.customerMeters.get({ id: MISSING_ID }), ResourceNotFound);
    });
  });
}
