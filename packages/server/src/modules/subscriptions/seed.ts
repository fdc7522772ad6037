// The `subscriptions` section of a seed file: Polar SubscriptionCreate bodies,
// created as POST /v1/subscriptions/ does (free products only; the same
// grants, meter credits and webhooks, on the seed's transaction), plus
// seed-only fields: `product` (a product key instead of `product_id`) and
// `customer_email` (instead of `customer_id` / `external_customer_id`). A
// subscription of the same customer to the same product that has not ended
// is the entry's subscription on a later run, and is left as it is.
import type { CustomerRecord } from "../customers/index.js";
import { SeedError, allPages, type SeedOrganization, type SeedPath } from "../../platform/seed.js";
import { defineSeedSection } from "../../platform/seed-section.js";
import { withReference } from "../../platform/seed-keys.js";
import { subscriptionCreate, type SubscriptionCreate } from "./requests.js";
import { SubscriptionService, type SubscriptionsDeps } from "./service.js";

const CUSTOMER_FIELDS = ["customer_id", "external_customer_id", "customer_email"];

/** The entry as SubscriptionCreate: its product key and customer email turned into ids. */
async function createBody(deps: SubscriptionsDeps, organization: SeedOrganization, entry: Record<string, unknown>, at: SeedPath) {
  if (entry.customer_external_id !== undefined)
    throw new SeedError([...at, "customer_external_id"], "unknown key: the API's name is external_customer_id");
  const given = CUSTOMER_FIELDS.filter((field) => entry[field] !== undefined);
  if (given.length > 1) throw new SeedError([...at, given[1]], `give one of ${CUSTOMER_FIELDS.join(", ")}, not ${given.join(" and ")}`);
  const { customer_email: email, ...input } = withReference(
    organization.keys,
    entry,
    { keyField: "product", idField: "product_id", section: "products" },
    at,
  );
  if (email === undefined) return input;
  if (typeof email !== "string") throw new SeedError([...at, "customer_email"], "must be the email of a customer of this organization");
  const { items } = await deps.customers.list({
    organizationIds: [organization.id],
    email,
    sorting: [{ field: "created_at", descending: false }],
    limit: 1,
    offset: 0,
  });
  if (items.length === 0) throw new SeedError([...at, "customer_email"], `no customer of this organization has the email "${email}"`);
  return { ...input, customer_id: items[0].id };
}

/** The subscription already there for the entry's customer and product, if both exist. */
async function existingSubscription(deps: SubscriptionsDeps, organizationId: string, body: SubscriptionCreate) {
  const product = await deps.products.findById([organizationId], body.product_id);
  let customer: CustomerRecord | undefined;
  if (body.customer_id !== undefined) customer = await deps.customers.findById([organizationId], body.customer_id);
  else [customer] = await deps.customers.findByExternalId([organizationId], body.external_customer_id!);
  if (!product || !customer) return undefined;
  const subscriptions = await allPages((page) =>
    deps.subscriptions.list({
      organizationIds: [organizationId],
      customerIds: [customer.id],
      productIds: [product.id],
      sorting: [{ field: "started_at", descending: false }],
      ...page,
    }),
  );
  return subscriptions.find((s) => s.endedAt === null);
}

export const subscriptionsSeeder = defineSeedSection({
  section: "subscriptions",
  noun: "subscription",
  service: (deps: SubscriptionsDeps) => new SubscriptionService(deps),
  input: (entry, { deps, organization, at }) => createBody(deps, organization, entry, at),
  // A problem with the product or customer is reported at the field the entry gave.
  aliases: (entry) => ({
    ...(entry.product !== undefined && { product_id: "product" }),
    ...(entry.customer_email !== undefined && { customer_id: "customer_email" }),
  }),
  schema: subscriptionCreate,
  findExisting: (body, { deps, organization }) => existingSubscription(deps, organization.id, body),
  create: (body, { service, context }) => service.create(context, body),
});
