// Through the services on real databases: two storages (two server instances)
// on one database run the period-end job at once and process each period end
// exactly once; concurrent grants of one benefit make one row and one credit;
// the meter-credit revoke rules (last grant only; benefit deletion always).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { accessContext } from "../../../../platform/auth/principal.js";
import { systemClock } from "../../../../platform/clock.js";
import { moduleDeps } from "../../../../module-deps.js";
import type { Storage } from "../../../../storage.js";
import type { ContractTarget, GetStorage } from "../../../../../test/support/contract.js";
import { newOrg, tick } from "../../../../../test/support/fixtures.js";
import { benefitsModule } from "../../../benefits/index.js";
import { meterLedger } from "../../../customerMeters/index.js";
import { syncSubscriptionGrants } from "../../../grants/index.js";
import { metersModule } from "../../../meters/index.js";
import { productsModule } from "../../../products/index.js";
import { processDuePeriodEnds, subscriptionsModule } from "../../index.js";
import { randomUUID } from "node:crypto";

const DAY = 86_400_000;

/**
 * What the usage module's ledger wrote (the composition wires the real one):
 * the meter.credited and meter.reset system events of the plan's customers,
 * read back from the events table, oldest first per customer.
 */
class LedgerLog {
  readonly customers: string[] = [];
  meterId = "";
  /** Events already seen by the case, so a later check reads only what follows. */
  private skipped = 0;

  constructor(private readonly storage: Storage) {}

  private async read(name: string) {
    const all = [];
    for (const customerId of this.customers)
      all.push(...(await this.storage.events.systemEvents({ customerId, meterId: this.meterId, name, since: null })));
    return all;
  }

  async credits(): Promise<{ customerId: string; units: number }[]> {
    const events = await this.read("meter.credited");
    return events.slice(this.skipped).map((e) => ({ customerId: e.customerId!, units: Number(e.metadata.units) }));
  }

  async resets(): Promise<{ customerId: string; at: Date }[]> {
    return (await this.read("meter.reset")).map((e) => ({ customerId: e.customerId!, at: e.timestamp }));
  }

  /** Later `credits()` calls report only credits written after this one. */
  async markRead(): Promise<void> {
    this.skipped = (await this.read("meter.credited")).length;
  }
}

function services(storage: Storage) {
  const deps = moduleDeps(storage, systemClock);
  return {
    meters: metersModule.services!(deps).meters,
    benefits: benefitsModule.services!(deps).benefits,
    products: productsModule.services!(deps).products,
    subscriptions: subscriptionsModule.services!(deps).subscriptions,
  };
}

/** An organization with a free daily product granting one meter_credit benefit, and a customer. */
async function plan(storage: Storage, ledger: LedgerLog) {
  const org = await newOrg(storage);
  const access = accessContext({ kind: "organization", organizationId: org.id, scopes: new Set() }, null);
  const s = services(storage);
  const meter = await s.meters.create(access, {
    name: "Calls",
    unit: "scalar",
    custom_label: null,
    custom_multiplier: null,
    filter: { conjunction: "and", clauses: [] },
    aggregation: { func: "count" },
    metadata: {},
    organization_id: null,
  } as never);
  const credit = await s.benefits.create(access, {
    type: "meter_credit",
    description: "Credits",
    metadata: {},
    organization_id: null,
    visibility: null,
    properties: { units: 100, rollover: false, meter_id: meter.id },
  });
  const product = await s.products.create(access, {
    name: "Daily",
    description: null,
    visibility: "public",
    metadata: {},
    organization_id: null,
    recurring_interval: "day",
    recurring_interval_count: 1,
    prices: [{ amount_type: "fixed", price_currency: "usd", tax_behavior: null, price_amount: 0 }],
  } as never);
  await s.products.setBenefits(access, product, [credit.id]);
  ledger.meterId = meter.id;
  const insertCustomer = () =>
    storage.customers.insert({
      id: randomUUID(),
      organizationId: org.id,
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
    });
  const newCustomer = async () => {
    const created = await insertCustomer();
    ledger.customers.push(created.id);
    return created;
  };
  const customer = await newCustomer();
  const subscribe = async (customerId = customer.id) =>
    s.subscriptions.create(access, { product_id: product.id, customer_id: customerId, metadata: {} });
  return { org, access, s, meter, credit, product, customer, newCustomer, subscribe };
}

export function subscriptionConcurrencyCases(get: GetStorage, target: ContractTarget): void {
  describe("subscriptions: period ends and grants under concurrency", () => {
    it("two instances on one database process every due period end exactly once, in order", async () => {
      const first = get();
      const ledger = new LedgerLog(first);
      const second = await target.open();
      try {
        const { org, subscribe, newCustomer } = await plan(first, ledger);
        const subscriptions = [];
        // One customer each, so every renewal needs its own meter reset.
        for (let i = 0; i < 12; i++) subscriptions.push(await subscribe((await newCustomer()).id));
        assert.equal((await ledger.credits()).length, 12);
        const deps = (storage: Storage) => ({
          subscriptions: storage.subscriptions,
          transaction: storage.transaction,
          meterLedgerFor: meterLedger as (tx: unknown) => ReturnType<typeof meterLedger>,
        });
        const latestStart = Math.max(...subscriptions.map((s) => s.currentPeriodStart.getTime()));
        const upTo = new Date(latestStart + 3 * DAY + 1);

        const counts = await Promise.all([
          processDuePeriodEnds(deps(first), { upTo, organizationIds: [org.id] }),
          processDuePeriodEnds(deps(second), { upTo, organizationIds: [org.id] }),
          processDuePeriodEnds(deps(second), { upTo, organizationIds: [org.id] }),
        ]);
        assert.equal(counts[0] + counts[1] + counts[2], 36, `processed ${counts}`);
        for (const s of subscriptions) {
          const after = await first.subscriptions.findById([org.id], s.id);
          assert.equal(after!.currentPeriodStart.getTime(), s.currentPeriodStart.getTime() + 3 * DAY);
          assert.equal(after!.status, "active");
        }
        // Each renewal re-credits once (after the reset its cycle needs): 12 grants + 36 cycles.
        const credits = await ledger.credits();
        const resets = await ledger.resets();
        assert.equal(credits.length, 12 + 36);
        assert.equal(resets.length, 36);
        assert.ok(credits.every((c) => c.units === 100));
        // Each subscription renewed at its three period ends, in order.
        for (const sub of subscriptions) {
          const mine = resets.filter((r) => r.customerId === sub.customerId).map((r) => r.at.getTime());
          const end = sub.currentPeriodEnd.getTime();
          assert.deepEqual(mine, [end, end + DAY, end + 2 * DAY]);
        }
      } finally {
        await second.close();
      }
    });

    it("concurrent grants of one benefit to one subscription make one row and one credit", async () => {
      const first = get();
      const ledger = new LedgerLog(first);
      const second = await target.open();
      try {
        const { org, credit, customer, subscribe } = await plan(first, ledger);
        const sub = await subscribe();
        // Revoke through the store so the grant can be granted again concurrently.
        await first.transaction(async (tx) => {
          for (const g of await tx.grants.grantedOfSubscription(sub.id)) await tx.grants.markRevoked(g.id, new Date());
        });
        await ledger.markRead();
        const holder = { organizationId: org.id, customerId: customer.id, subscriptionId: sub.id };
        const attempt = (storage: Storage) =>
          storage.transaction((tx) =>
            syncSubscriptionGrants({ grants: tx.grants, benefits: tx.benefits, ledger: meterLedger(tx) }, holder, [credit.id], new Date()),
          );
        await Promise.all([first, second, first, second, second, first].map(attempt));
        const page = await first.grants.list({ organizationIds: [org.id], customerIds: [customer.id], sorting: [], limit: 100, offset: 0 });
        assert.equal(page.totalCount, 1);
        assert.ok(page.items[0].grantedAt !== null);
        assert.equal((await ledger.credits()).length, 1);
        // A second row for the same (customer, benefit, subscription) is impossible.
        await assert.rejects(
          (async () => {
            await first.database.db
              .insertInto("benefit_grants")
              .values({
                id: randomUUID(),
                organization_id: org.id,
                customer_id: customer.id,
                benefit_id: credit.id,
                subscription_id: sub.id,
                created_at: first.database.dialect.codec.time(new Date()),
                properties: first.database.dialect.codec.json({}),
              })
              .execute();
          })(),
        );
      } finally {
        await second.close();
      }
    });

    it("meter credit: revoking debits only the customer's last grant of the benefit; benefit deletion debits every grant", async () => {
      const storage = get();
      const ledger = new LedgerLog(storage);
      const { access, s, subscribe, credit, customer } = await plan(storage, ledger);
      const one = await subscribe();
      const two = await subscribe();
      assert.deepEqual(
        (await ledger.credits()).map((c) => c.units),
        [100, 100],
      );
      await s.subscriptions.revoke(access, one.id);
      assert.deepEqual(
        (await ledger.credits()).map((c) => c.units),
        [100, 100],
        "another grant of the benefit remains: no debit",
      );
      await s.subscriptions.revoke(access, two.id);
      assert.deepEqual(
        (await ledger.credits()).map((c) => c.units),
        [100, 100, -100],
      );
      const three = await subscribe();
      const four = await subscribe();
      void three;
      void four;
      await ledger.markRead();
      await s.benefits.delete(access, await s.benefits.get(access, credit.id));
      assert.deepEqual(
        (await ledger.credits()).map((c) => [c.customerId, c.units]),
        [
          [customer.id, -100],
          [customer.id, -100],
        ],
      );
      const state = await storage.grants.stateOfCustomer(customer.id);
      assert.deepEqual(state, []);
    });
  });
}
