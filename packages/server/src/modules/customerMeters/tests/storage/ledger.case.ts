// The ledger and the usage reader on each backend: the floored running sum,
// resets with rollover, the rows they create, attribution by external id,
// deduplication in the events store, and writes that roll back with the
// caller's transaction.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import type { GetStorage } from "../../../../../test/support/contract.js";
import type { Storage } from "../../../../storage.js";
import { newOrg, tick } from "../../../../../test/support/fixtures.js";
import type { NewCustomer } from "../../../customers/index.js";
import type { EventRecord } from "../../../events/index.js";
import type { Aggregation, Filter } from "../../../meters/index.js";
import { meterLedger, onCustomerCreated, usageReader } from "../../index.js";
import { consumedInWindows, consumedSince } from "../../numbers.js";

const customer = (organizationId: string, overrides: Partial<NewCustomer> = {}): NewCustomer => ({
  id: randomUUID(),
  organizationId,
  createdAt: tick(),
  email: null,
  type: "individual",
  name: null,
  billingName: null,
  billingAddress: null,
  taxId: null,
  locale: null,
  externalId: null,
  metadata: {},
  ...overrides,
});

const ALL: Filter = { conjunction: "and", clauses: [] };

async function setup(s: Storage, aggregation: Aggregation = { func: "count" }, filter: Filter = ALL) {
  const org = await newOrg(s);
  const meter = await s.meters.insert({
    id: randomUUID(),
    organizationId: org.id,
    createdAt: tick(),
    name: "calls",
    unit: "scalar",
    customLabel: null,
    customMultiplier: null,
    filter,
    aggregation,
    metadata: {},
  });
  const person = await s.customers.insert(customer(org.id, { externalId: `ext-${randomUUID()}` }));
  return { org, meter, person, who: { id: person.id, organizationId: org.id, externalId: person.externalId } };
}

const userEvent = (organizationId: string, fields: Partial<EventRecord>): EventRecord => ({
  id: randomUUID(),
  organizationId,
  source: "user",
  name: "call",
  timestamp: tick(),
  ingestedAt: tick(),
  customerId: null,
  externalCustomerId: null,
  memberId: null,
  externalMemberId: null,
  externalId: null,
  parentId: null,
  meterId: null,
  metadata: {},
  ...fields,
});

export function ledgerCases(get: GetStorage): void {
  describe("customer meters: ledger and reader", () => {
    it("floors the running credit sum at 0 after each step: +100, −100, +1000 → 1000", async () => {
      const s = get();
      const { org, meter, who } = await setup(s);
      const base = { organizationId: org.id, customerId: who.id, meterId: meter.id, rollover: false };
      await s.transaction(async (tx) => {
        const ledger = meterLedger(tx);
        await ledger.credit({ ...base, units: 100, at: tick() });
        await ledger.credit({ ...base, units: -100, at: tick() });
        await ledger.credit({ ...base, units: 1000, at: tick() });
      });
      const [row] = await usageReader(s).activeMeters(who);
      assert.deepEqual([row.meterId, row.consumedUnits, row.creditedUnits, row.balance], [meter.id, 0, 1000, 1000]);
      // A debit past zero then a credit: −50 floors at 0 first, so +30 → 30 (not −20).
      const other = await setup(s);
      const b2 = { organizationId: other.org.id, customerId: other.who.id, meterId: other.meter.id, rollover: false };
      await s.transaction(async (tx) => {
        await meterLedger(tx).credit({ ...b2, units: -50, at: tick() });
        await meterLedger(tx).credit({ ...b2, units: 30, at: tick() });
      });
      assert.equal((await usageReader(s).activeMeters(other.who))[0].creditedUnits, 30);
    });

    it("writes nothing when the caller's transaction rolls back", async () => {
      const s = get();
      const { org, meter, who } = await setup(s);
      await assert.rejects(
        s.transaction(async (tx) => {
          await meterLedger(tx).credit({
            organizationId: org.id,
            customerId: who.id,
            meterId: meter.id,
            units: 5,
            rollover: false,
            at: tick(),
          });
          throw new Error("caller fails");
        }),
        /caller fails/,
      );
      assert.deepEqual(await usageReader(s).activeMeters(who), []);
    });

    it("resets the window (ingestion time) and carries rollover credits over, capped by them", async () => {
      const s = get();
      const { org, meter, who } = await setup(s);
      const base = { organizationId: org.id, customerId: who.id, meterId: meter.id };
      await s.transaction(async (tx) => {
        await meterLedger(tx).credit({ ...base, units: 50, rollover: false, at: tick() });
        await meterLedger(tx).credit({ ...base, units: 100, rollover: true, at: tick() });
      });
      await s.events.insertMany(Array.from({ length: 20 }, () => userEvent(org.id, { customerId: who.id })));
      assert.deepEqual(
        (await usageReader(s).activeMeters(who)).map((r) => [r.consumedUnits, r.creditedUnits, r.balance]),
        [[20, 150, 130]],
      );
      const resetAt = tick();
      await s.transaction((tx) => meterLedger(tx).reset({ ...base, at: resetAt }));
      assert.equal((await meterLedger(s).lastReset(base))?.getTime(), resetAt.getTime());
      // balance 130, capped by the 100 rollover units.
      assert.deepEqual(
        (await usageReader(s).activeMeters(who)).map((r) => [r.consumedUnits, r.creditedUnits, r.balance]),
        [[0, 100, 100]],
      );
      // An event with an old timestamp but ingested after the reset counts in the new window.
      await s.events.insertMany([
        userEvent(org.id, { customerId: who.id, timestamp: new Date("2020-01-01T00:00:00Z"), ingestedAt: tick() }),
      ]);
      assert.equal(await usageReader(s).consumedSince(who, meter.id, resetAt), 1);
      // Used past the rollover credit: the next reset carries max(0, floor(balance)) → 0, no credit written.
      await s.events.insertMany(Array.from({ length: 150 }, () => userEvent(org.id, { customerId: who.id })));
      await s.transaction((tx) => meterLedger(tx).reset({ ...base, at: tick() }));
      assert.deepEqual(
        (await usageReader(s).activeMeters(who)).map((r) => [r.consumedUnits, r.creditedUnits, r.balance]),
        [[0, 0, 0]],
      );
    });

    it("creates a row for every non-archived meter, and onCustomerCreated does for a customer whose external id has events", async () => {
      const s = get();
      const { org, meter, who } = await setup(s);
      const archived = await s.meters.insert({ ...meter, id: randomUUID(), createdAt: tick(), name: "old" });
      await s.meters.update(archived.id, { archivedAt: tick() });
      const second = await s.meters.insert({ ...meter, id: randomUUID(), createdAt: tick(), name: "second" });
      await s.transaction((tx) =>
        meterLedger(tx).credit({ organizationId: org.id, customerId: who.id, meterId: meter.id, units: 1, rollover: false, at: tick() }),
      );
      const rows = await usageReader(s).activeMeters(who);
      assert.deepEqual(rows.map((r) => r.meterId).sort(), [meter.id, second.id].sort());
      assert.notEqual(rows.find((r) => r.meterId === meter.id)?.modifiedAt, null);
      assert.equal(rows.find((r) => r.meterId === second.id)?.modifiedAt, null);

      await s.events.insertMany([userEvent(org.id, { externalCustomerId: "later" }), userEvent(org.id, { externalCustomerId: "later" })]);
      const late = await s.customers.insert(customer(org.id, { externalId: "later" }));
      await s.transaction((tx) => onCustomerCreated(tx, late));
      const lateRows = await usageReader(s).activeMeters({ id: late.id, organizationId: org.id, externalId: "later" });
      assert.deepEqual(
        lateRows.map((r) => [r.meterId, r.consumedUnits]).sort(),
        [
          [meter.id, 2],
          [second.id, 2],
        ].sort(),
      );
      // Without an external id there is nothing to attribute: no rows.
      const plain = await s.customers.insert(customer(org.id));
      await onCustomerCreated(s, plain);
      assert.deepEqual(await usageReader(s).activeMeters({ id: plain.id, organizationId: org.id, externalId: null }), []);
    });

    it("stores one event per external id and organization", async () => {
      const s = get();
      const { org } = await setup(s);
      const other = await newOrg(s);
      const first = await s.events.insertMany([userEvent(org.id, { externalId: "k" }), userEvent(org.id, { externalId: null })]);
      assert.equal(first.length, 2);
      const again = await s.events.insertMany([
        userEvent(org.id, { externalId: "k" }),
        userEvent(org.id, { externalId: null }),
        userEvent(other.id, { externalId: "k" }),
      ]);
      assert.equal(again.length, 2);
    });

    it("folds long windows page by page", async () => {
      const s = get();
      const { org, meter, who } = await setup(s, { func: "sum", property: "n" });
      await s.events.insertMany(Array.from({ length: 25 }, (_, i) => userEvent(org.id, { customerId: who.id, metadata: { n: i } })));
      await s.events.insertMany(
        Array.from({ length: 5 }, () => userEvent(org.id, { externalCustomerId: who.externalId, metadata: { n: 100 } })),
      );
      let pages = 0;
      let seen = 0;
      await s.events.forEachUserEvent(
        { organizationId: org.id, customerId: who.id, externalCustomerId: who.externalId, since: null },
        (page) => {
          pages++;
          seen += page.length;
        },
        7,
      );
      assert.equal(seen, 30);
      // 25 by customer id in pages of 7 (7, 7, 7, 4), then 5 by external id.
      assert.equal(pages, 5);
      assert.equal(await usageReader(s).consumedSince(who, meter.id, new Date(0)), 300 + 500);
    });

    it("folds every window of a customer in one paged pass, each as if read alone", async () => {
      const s = get();
      const { org, meter: sum, who } = await setup(s, { func: "sum", property: "n" });
      const calls = await s.meters.insert({
        ...sum,
        id: randomUUID(),
        name: "named calls",
        filter: { conjunction: "and", clauses: [{ property: "name", operator: "eq", value: "call" }] },
        aggregation: { func: "count" },
      });
      // More than a page (1000) on each scan, by id and by external id, interleaved in time.
      const start = tick().getTime();
      const at = (i: number) => new Date(start + i);
      const byId = Array.from({ length: 1500 }, (_, i) =>
        userEvent(org.id, { customerId: who.id, ingestedAt: at(2 * i), metadata: { n: i } }),
      );
      const byExternal = Array.from({ length: 1200 }, (_, i) =>
        userEvent(org.id, { name: "other", externalCustomerId: who.externalId, ingestedAt: at(2 * i + 1), metadata: { n: 1 } }),
      );
      await s.events.insertMany([...byId, ...byExternal]);
      // Someone else's events never count.
      await s.events.insertMany([userEvent(org.id, { externalCustomerId: "someone-else", ingestedAt: at(5), metadata: { n: 1000 } })]);
      // Later ticks stay after these times (each tick is 1001 ms on).
      for (let i = 0; i < 4; i++) tick();
      const windows = [
        { meter: sum, since: null },
        { meter: sum, since: at(1000) },
        { meter: calls, since: at(2001) },
        { meter: calls, since: null },
        { meter: sum, since: at(10_000) },
      ];
      // By hand: by-id event i is at 2i with n = i; by-external event j is at 2j + 1 with n = 1.
      const sumFrom = (t: number) =>
        byId.filter((_, i) => 2 * i >= t).reduce((total, e) => total + (e.metadata.n as number), 0) +
        byExternal.filter((_, j) => 2 * j + 1 >= t).length;
      const expected = [sumFrom(0), sumFrom(1000), 1500 - 1001, 1500, 0];
      assert.deepEqual(expected.slice(0, 2), [(1499 * 1500) / 2 + 1200, (1499 * 1500) / 2 - (499 * 500) / 2 + 1200 - 500]);
      assert.deepEqual(await consumedInWindows(s.events, who, windows), expected);
      // The same as reading each window alone.
      const alone = await Promise.all(windows.map((w) => consumedSince(s.events, who, w.meter, w.since)));
      assert.deepEqual(alone, expected);
    });
  });
}
