// `polar-customers seed` with every section, as an operator runs it (the built
// CLI in a child process): meters, benefits, products, customers,
// subscriptions and usage events from one file, read back over HTTP from
// `serve` on the same database (SQLite and PostgreSQL); a second run; and the
// JSON path of a problem anywhere, with nothing written.
import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { createTestDatabase, type TestDatabase } from "../support/postgres.js";
import { call, fails as failsIn, json, ok as okIn, serve as serveIn, stop } from "../support/cli.js";
import { workspaceWithReceiver } from "../support/cliReceiver.js";

const postgres: TestDatabase[] = [];
const cli = workspaceWithReceiver(async () => {
  for (const database of postgres) await database.drop();
});
const ok = (args: string[]) => okIn(cli.dir, args);
const fails = (args: string[], pattern: RegExp) => failsIn(cli.dir, args, 2, pattern);

const seedFile = (document: unknown) => {
  const file = join(cli.dir, `seed-${randomUUID()}.json`);
  writeFileSync(file, JSON.stringify(document));
  return file;
};

const seed = async (database: string, document: unknown) => json(await ok(["seed", seedFile(document), "--database", database]));

const COUNT_API_CALLS = { conjunction: "and", clauses: [{ property: "name", operator: "eq", value: "api_call" }] };

/** One organization entry with every section: a free plan with a metered price, a flag and 1000 credits, two subscribers, usage. */
const catalogEntry = (token: string) => ({
  name: "Seeded",
  tokens: [{ token }],
  meters: [
    { key: "api-calls", name: "API calls", filter: COUNT_API_CALLS, aggregation: { func: "count" } },
    { name: "Storage", filter: COUNT_API_CALLS, aggregation: { func: "max", property: "bytes" }, unit: "scalar" },
  ],
  benefits: [
    { key: "pro-flag", type: "feature_flag", description: "Pro features", properties: {} },
    {
      key: "api-credits",
      type: "meter_credit",
      description: "1000 API calls a month",
      properties: { meter: "api-calls", units: 1000, rollover: false },
    },
  ],
  products: [
    {
      key: "pro",
      name: "Pro",
      recurring_interval: "month",
      prices: [
        { amount_type: "fixed", price_amount: 0 },
        { amount_type: "metered_unit", meter: "api-calls", unit_amount: "0.5" },
      ],
      benefits: ["pro-flag", "api-credits"],
    },
    { key: "paid", name: "Paid", recurring_interval: "month", prices: [{ amount_type: "fixed", price_amount: 900 }] },
  ],
  customers: [
    { email: "jane@example.com", external_id: "usr_1", name: "Jane" },
    { email: "bob@example.com", name: "Bob" },
  ],
  subscriptions: [
    { product: "pro", external_customer_id: "usr_1", metadata: { source: "seed" } },
    { product: "pro", customer_email: "bob@example.com" },
  ],
  events: [
    { external_id: "evt_1", name: "api_call", external_customer_id: "usr_1" },
    { external_id: "evt_2", name: "api_call", external_customer_id: "usr_1", metadata: { bytes: 10 } },
    { external_id: "evt_3", name: "page_view", external_customer_id: "usr_1" },
  ],
});

const EVERY_SECTION_CREATED = {
  organizations: { created: 1, existing: 0 },
  tokens: { created: 1, existing: 0 },
  meters: { created: 2, existing: 0 },
  benefits: { created: 2, existing: 0 },
  products: { created: 2, existing: 0 },
  customers: { created: 2, existing: 0 },
  subscriptions: { created: 2, existing: 0 },
  events: { created: 3, existing: 0 },
};
const existing = (report: Record<string, { created: number; existing: number }>) =>
  Object.fromEntries(
    Object.entries(report).map(([section, { created, existing }]) => [section, { created: 0, existing: created + existing }]),
  );

const chosenToken = () => `polar_oat_${randomBytes(24).toString("hex")}`;

/** What the API shows of the seeded organization: totals per resource and Jane's state. */
async function snapshot(url: string, token: string) {
  const total = async (path: string) => {
    const reply = await call(url, "GET", path, token);
    assert.equal(reply.status, 200, `${path}: ${JSON.stringify(reply.body)}`);
    return reply.body.pagination.total_count;
  };
  const state = await call(url, "GET", "/v1/customers/external/usr_1/state", token);
  assert.equal(state.status, 200, JSON.stringify(state.body));
  return {
    totals: {
      meters: await total("/v1/meters/"),
      benefits: await total("/v1/benefits/"),
      products: await total("/v1/products/"),
      customers: await total("/v1/customers/"),
      subscriptions: await total("/v1/subscriptions/"),
      grants: await total("/v1/benefit-grants/"),
    },
    state: state.body,
  };
}

describe("CLI: seed with every section", () => {
  for (const backend of ["sqlite", "postgres"] as const) {
    it(`loads a whole file as the API would create it, and a second run changes nothing (${backend})`, async () => {
      let database = cli.workspace.newDatabase();
      if (backend === "postgres") {
        postgres.push(await createTestDatabase());
        database = postgres.at(-1)!.url;
      }
      const token = chosenToken();
      // The organization first, so that a webhook endpoint can listen to what the rest of the file does.
      await seed(database, { organizations: [{ name: "Seeded", tokens: [{ token }] }] });
      const [org] = json(await ok(["orgs", "list", "--database", database]));
      const hook = `${cli.receiver.url}?${backend}`;
      const types = [
        "customer.created",
        "product.created",
        "subscription.created",
        "subscription.active",
        "benefit_grant.created",
        "customer.state_changed",
      ];
      await ok(["webhooks", "endpoints", "create", "--org", org.id, "--url", hook, "--events", types.join(","), "--database", database]);

      const report = await seed(database, { organizations: [catalogEntry(token)] });
      assert.deepEqual(report, {
        ...EVERY_SECTION_CREATED,
        organizations: { created: 0, existing: 1 },
        tokens: { created: 0, existing: 1 },
      });

      let server = await serveIn(cli.dir, ["--database", database]);
      let first: Awaited<ReturnType<typeof snapshot>>;
      try {
        first = await snapshot(server.url, token);
        assert.deepEqual(first.totals, { meters: 2, benefits: 2, products: 2, customers: 2, subscriptions: 2, grants: 4 });
        const products = (await call(server.url, "GET", "/v1/products/?sorting=name", token)).body.items;
        const pro = products.find((p: { name: string }) => p.name === "Pro");
        const meters = (await call(server.url, "GET", "/v1/meters/?sorting=name", token)).body.items;
        const apiCalls = meters.find((m: { name: string }) => m.name === "API calls");
        assert.deepEqual(
          pro.prices.map((p: { amount_type: string; meter_id?: string }) => [p.amount_type, p.meter_id ?? null]),
          [
            ["fixed", null],
            ["metered_unit", apiCalls.id],
          ],
          "the price's meter key became the meter's id",
        );
        assert.deepEqual(pro.benefits.map((b: { description: string }) => b.description).sort(), [
          "1000 API calls a month",
          "Pro features",
        ]);

        const [subscription] = first.state.active_subscriptions;
        assert.equal(first.state.active_subscriptions.length, 1);
        assert.equal(subscription.product_id, pro.id);
        assert.equal(subscription.status, "active");
        assert.deepEqual(subscription.metadata, { source: "seed" });
        assert.deepEqual(first.state.granted_benefits.map((g: { benefit_type: string }) => g.benefit_type).sort(), [
          "feature_flag",
          "meter_credit",
        ]);
        const meter = first.state.active_meters.find((m: { meter_id: string }) => m.meter_id === apiCalls.id);
        assert.deepEqual(
          [meter.consumed_units, meter.credited_units, meter.balance],
          [2, 1000, 998],
          "two api_call events against 1000 credits",
        );

        const bob = (await call(server.url, "GET", "/v1/customers/?email=bob@example.com", token)).body.items[0];
        const bobState = (await call(server.url, "GET", `/v1/customers/${bob.id}/state`, token)).body;
        assert.equal(bobState.active_subscriptions[0].product_id, pro.id, "customer_email found Bob");

        // The side effects of the API's creates, recorded in the seed's transaction and delivered by the server.
        const mine = () => cli.receiver.received.filter((r) => r.path === `/hook?${backend}`).map((r) => JSON.parse(r.body).type);
        const expected = {
          "customer.created": 2,
          "product.created": 2,
          "subscription.created": 2,
          "subscription.active": 2,
          "benefit_grant.created": 4,
        };
        await cli.receiver.waitFor(
          () => Object.entries(expected).every(([type, n]) => mine().filter((t) => t === type).length >= n),
          "the webhooks",
        );
        await cli.receiver.waitFor(() => mine().includes("customer.state_changed"), "customer.state_changed");
      } finally {
        await stop(server);
      }

      assert.deepEqual(await seed(database, { organizations: [catalogEntry(token)] }), existing(EVERY_SECTION_CREATED));
      server = await serveIn(cli.dir, ["--database", database]);
      try {
        const again = await snapshot(server.url, token);
        assert.deepEqual(again.totals, first.totals);
        assert.deepEqual(again.state.active_meters, first.state.active_meters, "no event counted twice, no credit granted twice");
        assert.deepEqual(again.state.granted_benefits, first.state.granted_benefits);
      } finally {
        await stop(server);
      }
    });
  }
});

describe("CLI: seed problems", () => {
  it("a bad entry anywhere reports its JSON path, exits 2 and leaves the database as it was", async () => {
    const database = cli.workspace.newDatabase();
    const token = chosenToken();
    await seed(database, { organizations: [catalogEntry(token)] });
    const more = (extra: Record<string, unknown>) => ({ organizations: [{ ...catalogEntry(token), ...extra }] });
    const newMeter = { name: "Seats", filter: COUNT_API_CALLS, aggregation: { func: "count" } };
    const newCustomer = { email: "new@example.com", external_id: "usr_new" };
    const cases: [unknown, RegExp][] = [
      [
        more({
          meters: [...catalogEntry(token).meters, newMeter],
          products: [
            ...catalogEntry(token).products,
            {
              name: "Team",
              recurring_interval: "month",
              prices: [
                { amount_type: "fixed", price_amount: 0 },
                { amount_type: "metered_unit", meter: "api-calls", unit_amount: "-1" },
              ],
            },
          ],
        }),
        /^polar-customers: organizations\[0\]\.products\[2\]\.prices\[1\]\.unit_amount: Input should be greater than 0 /,
      ],
      [
        more({ products: [{ name: "Bad", recurring_interval: "month", prices: [{ amount_type: "bogus" }] }] }),
        /organizations\[0\]\.products\[0\]\.prices\[0\]: Input tag 'bogus' found using 'amount_type' does not match/,
      ],
      [
        // Late in the file, after a new customer and its subscription (grants, meter credits) were written in the same run.
        more({
          customers: [...catalogEntry(token).customers, newCustomer],
          subscriptions: [...catalogEntry(token).subscriptions, { product: "pro", external_customer_id: "usr_new" }],
          events: [...catalogEntry(token).events, { name: "api_call", external_customer_id: "usr_new" }],
        }),
        /organizations\[0\]\.events\[3\]\.external_id: is required in a seed file/,
      ],
      [
        more({ subscriptions: [{ product: "paid", external_customer_id: "usr_1" }] }),
        /organizations\[0\]\.subscriptions\[0\]\.product: Product is not free\./,
      ],
      [
        more({ subscriptions: [{ product: "pro", external_customer_id: "nobody" }] }),
        /organizations\[0\]\.subscriptions\[0\]\.external_customer_id: Customer does not exist\./,
      ],
      [
        more({ benefits: [{ type: "custom", description: "Notes", properties: { note: 5 } }] }),
        /organizations\[0\]\.benefits\[0\]\.properties\.note: Input should be a valid string/,
      ],
      [
        more({ meters: [...catalogEntry(token).meters, { ...newMeter, name: "API calls" }] }),
        /organizations\[0\]\.meters\[2\]\.name: organizations\[0\]\.meters\[0\] has the same name/,
      ],
      [
        more({ events: [{ external_id: "e", name: "x", customer_id: randomUUID() }] }),
        /organizations\[0\]\.events\[0\]\.customer_id: Customer not found\./,
      ],
      [
        more({ meters: [{ ...newMeter, organization_id: randomUUID() }] }),
        /organizations\[0\]\.meters\[0\]\.organization_id: leave it out/,
      ],
    ];
    for (const [document, pattern] of cases) await fails(["seed", seedFile(document), "--database", database], pattern);

    const server = await serveIn(cli.dir, ["--database", database]);
    try {
      const { totals } = await snapshot(server.url, token);
      assert.deepEqual(
        totals,
        { meters: 2, benefits: 2, products: 2, customers: 2, subscriptions: 2, grants: 4 },
        "every failed seed was rolled back",
      );
      assert.equal((await call(server.url, "GET", "/v1/customers/external/usr_new", token)).status, 404);
    } finally {
      await stop(server);
    }
  });

  it("a key no earlier entry of the organization defines is named, with the keys there are", async () => {
    const database = cli.workspace.newDatabase();
    const token = chosenToken();
    const entry = catalogEntry(token);
    await seed(database, { organizations: [] });
    const cases: [unknown, RegExp][] = [
      [
        { organizations: [{ ...entry, products: [{ ...entry.products[0], benefits: ["pro-flag", "api-credit"] }] }] },
        /organizations\[0\]\.products\[0\]\.benefits\[1\]: "api-credit" is not the key of any benefits entry of this organization \(their keys: "pro-flag", "api-credits"\)/,
      ],
      [
        { organizations: [{ ...entry, meters: [] }] },
        /organizations\[0\]\.benefits\[1\]\.properties\.meter: "api-calls" is not the key of any meters entry of this organization \(none of them has a key\)/,
      ],
      [
        { organizations: [{ ...entry, subscriptions: [{ product: "free", external_customer_id: "usr_1" }] }] },
        /organizations\[0\]\.subscriptions\[0\]\.product: "free" is not the key of any products entry of this organization \(their keys: "pro", "paid"\)/,
      ],
      [
        // Keys belong to their organization entry: another organization's are not there.
        { organizations: [entry, { name: "Other", subscriptions: [{ product: "pro", customer_email: "jane@example.com" }] }] },
        /organizations\[1\]\.subscriptions\[0\]\.product: "pro" is not the key of any products entry of this organization/,
      ],
      [
        {
          organizations: [
            {
              ...entry,
              products: [
                {
                  ...entry.products[0],
                  prices: [{ amount_type: "metered_unit", meter: "api-calls", meter_id: randomUUID(), unit_amount: "1" }],
                },
              ],
            },
          ],
        },
        /organizations\[0\]\.products\[0\]\.prices\[0\]\.meter: give meter \(a key in this file\) or meter_id, not both/,
      ],
      [
        { organizations: [{ ...entry, meters: [entry.meters[0], { ...entry.meters[1], key: "api-calls" }] }] },
        /organizations\[0\]\.meters\[1\]\.key: "api-calls" is already the key of organizations\[0\]\.meters\[0\]/,
      ],
    ];
    for (const [document, pattern] of cases) await fails(["seed", seedFile(document), "--database", database], pattern);
    assert.deepEqual(json(await ok(["orgs", "list", "--database", database])), [], "nothing was written");
  });
});
