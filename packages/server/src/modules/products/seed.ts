// The `products` section of a seed file: Polar ProductCreate bodies, created
// as POST /v1/products/ does, plus seed-only fields: `key`, a metered
// price's `meter` (a meter key instead of `meter_id`) and `benefits` (benefit
// keys or ids, attached as POST /v1/products/{id}/benefits does). A
// non-archived product of the organization with the entry's name is the
// entry's product on a later run, and is left as it is (benefits included).
import { isPlainObject } from "../../platform/schema/core.js";
import { canonicalUuid } from "../../platform/schema/uuid.js";
import { SeedError, type SeedOrganization, type SeedPath } from "../../platform/seed.js";
import { asSeedEntry, parseEntry } from "../../platform/seed-issues.js";
import { defineSeedSection, liveNamed } from "../../platform/seed-section.js";
import { withReference } from "../../platform/seed-keys.js";
import { productBenefitsUpdate, productCreate } from "./requests.js";
import { ProductService, type ProductsDeps } from "./service.js";

/** The entry's `benefits`: each a benefit key of this organization entry, else a benefit id; checked as the benefits endpoint checks them. */
function benefitIds(organization: SeedOrganization, entry: Record<string, unknown>, at: SeedPath): string[] | undefined {
  const value = entry.benefits;
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new SeedError([...at, "benefits"], "must be a list of benefit keys or ids");
  const ids = value.map((item, i) => {
    if (typeof item !== "string") return item;
    const id = organization.keys.find("benefits", item);
    if (id !== undefined || canonicalUuid(item) !== null) return id ?? item;
    return organization.keys.resolve("benefits", item, [...at, "benefits", i]);
  });
  return parseEntry(productBenefitsUpdate, { benefits: ids }, at).benefits;
}

/** The entry's fields as ProductCreate: without `benefits`, its prices' meter keys turned into meter ids. */
function createBody(organization: SeedOrganization, fields: Record<string, unknown>, at: SeedPath): Record<string, unknown> {
  const { benefits: _benefits, ...input } = fields;
  if (!Array.isArray(input.prices)) return input;
  const meter = { keyField: "meter", idField: "meter_id", section: "meters" };
  return {
    ...input,
    prices: input.prices.map((price, i) =>
      isPlainObject(price) ? withReference(organization.keys, price, meter, [...at, "prices", i]) : price,
    ),
  };
}

export const productsSeeder = defineSeedSection({
  section: "products",
  noun: "product",
  keyed: true,
  service: (deps: ProductsDeps) => new ProductService(deps),
  input: (fields, { organization, at }) => createBody(organization, fields, at),
  schema: productCreate,
  extra: ({ organization, entry, at }) => benefitIds(organization, entry, at),
  matchedBy: { field: "name", value: (body) => body.name },
  findExisting: (body, { deps, organization, at }) =>
    liveNamed((query) => deps.products.list(query), organization.id, body.name, at, "products"),
  async create(body, { service, context, entry, at }, benefits) {
    const product = await service.create(context, body);
    // Its own call, so a problem with the benefits is located in the entry (where `benefits` is) rather than the create body.
    if (benefits !== undefined && benefits.length > 0) await asSeedEntry(at, entry, () => service.setBenefits(context, product, benefits));
    return product;
  },
});
