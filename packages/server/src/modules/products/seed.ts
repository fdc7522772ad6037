// The `products` section of a seed file: Polar ProductCreate bodies, created
// as POST /v1/products/ does, plus seed-only fields: `key`, a metered
// price's `meter` (a meter key instead of `meter_id`) and `benefits` (benefit
// keys or ids, attached as POST /v1/products/{id}/benefits does). A
// non-archived product of the organization with the entry's name is the
// entry's product on a later run, and is left as it is (benefits included).
import { isPlainObject } from "../../platform/schema/core.js";
import { canonicalUuid } from "../../platform/schema/uuid.js";
import {
  SeedError,
  allPages,
  onlyMatch,
  rejectOrganizationId,
  seedAccess,
  seedEntries,
  tally,
  type ModuleSeeder,
  type SeedCount,
  type SeedOrganization,
  type SeedPath,
} from "../../platform/seed.js";
import { asSeedEntry, parseEntry } from "../../platform/seed-issues.js";
import { entryKey, MatchedOnce, withReference } from "../../platform/seed-keys.js";
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

/** The entry as ProductCreate: its prices' meter keys turned into meter ids. */
function createBody(organization: SeedOrganization, entry: Record<string, unknown>, at: SeedPath): Record<string, unknown> {
  const { key: _key, benefits: _benefits, ...input } = entry;
  if (!Array.isArray(input.prices)) return input;
  const meter = { keyField: "meter", idField: "meter_id", section: "meters" };
  return {
    ...input,
    prices: input.prices.map((price, i) =>
      isPlainObject(price) ? withReference(organization.keys, price, meter, [...at, "prices", i]) : price,
    ),
  };
}

export const productsSeeder: ModuleSeeder<ProductsDeps> = {
  section: "products",
  async apply(deps, organization, value, path) {
    const service = new ProductService(deps);
    const context = seedAccess(organization.id);
    const names = new MatchedOnce("name");
    const count: SeedCount = { created: 0, existing: 0 };
    for (const [index, entry] of seedEntries(value, path).entries()) {
      const at = [...path, index];
      const key = entryKey(entry, at);
      rejectOrganizationId(entry, at, "product");
      const input = createBody(organization, entry, at);
      const body = parseEntry(productCreate, input, at);
      const benefits = benefitIds(organization, entry, at);
      names.claim(body.name, at);
      const sameName = await allPages((page) =>
        deps.products.list({
          organizationIds: [organization.id],
          query: body.name,
          isArchived: false,
          sorting: [{ field: "created_at", descending: false }],
          ...page,
        }),
      );
      const existing = onlyMatch(
        sameName.filter((p) => p.name === body.name),
        [...at, "name"],
        `products of this organization are named "${body.name}"`,
      );
      let product = existing;
      if (!product) {
        product = await asSeedEntry(at, input, () => service.create(context, body));
        const created = product;
        if (benefits !== undefined && benefits.length > 0)
          await asSeedEntry(at, entry, () => service.setBenefits(context, created, benefits));
      }
      organization.keys.define("products", key, product.id, at);
      tally(count, existing === undefined);
    }
    return count;
  },
};
