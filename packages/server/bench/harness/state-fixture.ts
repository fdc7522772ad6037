// The customers whose full state the `state-full` endpoint reads: each gets 3
// subscriptions (to three free products) holding 5 benefit grants, created
// through the services as an API client's requests would. Their 2 customer
// meters come from the usage module once it is part of the server (until
// then active_meters is empty and the figure is for 3 subscriptions and 5 grants).
import { sql } from "kysely";
import { accessContext } from "../../src/platform/auth/principal.js";
import { systemClock } from "../../src/platform/clock.js";
import { moduleDeps } from "../../src/server.js";
import type { Storage } from "../../src/storage.js";
import { benefitsModule } from "../../src/modules/benefits/index.js";
import { productsModule } from "../../src/modules/products/index.js";
import { subscriptionsModule } from "../../src/modules/subscriptions/index.js";

/** How many customers get the full state (wrk cycles through them). */
export const STATE_CUSTOMERS = 20;

/** Customers of the organization outside the sample the other endpoints read (where there are any), each given the full state; returns their ids. */
export async function seedStateFixture(storage: Storage, organizationId: string, sampled: readonly string[]): Promise<string[]> {
  const deps = moduleDeps(storage, systemClock);
  const access = accessContext({ kind: "organization", organizationId, scopes: new Set() }, null);
  const benefits = benefitsModule.services!(deps).benefits;
  const products = productsModule.services!(deps).products;
  const subscriptions = subscriptionsModule.services!(deps).subscriptions;
  const benefit = (description: string, type: "custom" | "feature_flag") =>
    benefits.create(access, {
      type,
      description,
      metadata: { bench: true },
      organization_id: null,
      visibility: null,
      properties: type === "custom" ? { note: null } : {},
    });
  const product = async (name: string, benefitIds: string[]) => {
    const created = await products.create(access, {
      name,
      description: null,
      visibility: "public",
      metadata: {},
      organization_id: null,
      recurring_interval: "month",
      recurring_interval_count: 1,
      prices: [{ amount_type: "fixed", price_currency: "usd", tax_behavior: null, price_amount: 0 }],
    } as never);
    return products.setBenefits(access, created, benefitIds);
  };
  const b = await Promise.all([
    benefit("Support", "custom"),
    benefit("Beta access", "feature_flag"),
    benefit("Onboarding", "custom"),
    benefit("Early features", "feature_flag"),
    benefit("Priority queue", "custom"),
  ]);
  const plans = [await product("Base", [b[0].id, b[1].id]), await product("Add-on", [b[2].id, b[3].id]), await product("Extra", [b[4].id])];
  const skip = new Set(sampled);
  const rows = await sql<{ id: string }>`select id from customers where organization_id = ${organizationId} and deleted_at is null
    order by created_at limit ${STATE_CUSTOMERS + skip.size}`.execute(storage.database.db);
  const ids = rows.rows
    .map((r) => r.id)
    .filter((id) => !skip.has(id))
    .slice(0, STATE_CUSTOMERS);
  // A small data set may sample every customer: then some sampled ones (0.2 % at 10 000) get the full state.
  if (ids.length < STATE_CUSTOMERS) ids.push(...sampled.slice(ids.length - STATE_CUSTOMERS));
  for (const customerId of ids)
    for (const plan of plans) await subscriptions.create(access, { product_id: plan.id, customer_id: customerId, metadata: {} });
  return ids;
}
