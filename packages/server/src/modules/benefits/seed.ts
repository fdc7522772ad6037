// The `benefits` section of a seed file: Polar BenefitCreate bodies (plus an
// optional seed-only `key`), validated and created as POST /v1/benefits/
// does. A meter_credit benefit may name its meter by key (`properties.meter`)
// instead of `properties.meter_id`. A live benefit of the organization with
// the entry's type and description is the entry's benefit on a later run.
import { isPlainObject } from "../../platform/schema/core.js";
import {
  allPages,
  onlyMatch,
  rejectOrganizationId,
  seedAccess,
  seedEntries,
  tally,
  type ModuleSeeder,
  type SeedCount,
} from "../../platform/seed.js";
import { asSeedEntry, parseEntry } from "../../platform/seed-issues.js";
import { entryKey, MatchedOnce, withReference } from "../../platform/seed-keys.js";
import { benefitCreate } from "./requests.js";
import { BenefitService, type BenefitsDeps } from "./service.js";

export const benefitsSeeder: ModuleSeeder<BenefitsDeps> = {
  section: "benefits",
  async apply(deps, organization, value, path) {
    const service = new BenefitService(deps);
    const context = seedAccess(organization.id);
    const seen = new MatchedOnce("description");
    const count: SeedCount = { created: 0, existing: 0 };
    for (const [index, entry] of seedEntries(value, path).entries()) {
      const at = [...path, index];
      const key = entryKey(entry, at);
      const { key: _key, ...input } = entry;
      rejectOrganizationId(input, at, "benefit");
      if (isPlainObject(input.properties))
        input.properties = withReference(
          organization.keys,
          input.properties,
          { keyField: "meter", idField: "meter_id", section: "meters" },
          [...at, "properties"],
        );
      const body = parseEntry(benefitCreate, input, at);
      seen.claim(`${body.type}: ${body.description}`, at);
      const sameDescription = await allPages((page) =>
        deps.benefits.list({
          organizationIds: [organization.id],
          types: [body.type],
          query: body.description,
          sorting: [{ field: "created_at", descending: false }],
          ...page,
        }),
      );
      const existing = onlyMatch(
        sameDescription.filter((b) => b.description === body.description),
        [...at, "description"],
        `${body.type} benefits of this organization are described "${body.description}"`,
      );
      const benefit = existing ?? (await asSeedEntry(at, input, () => service.create(context, body)));
      organization.keys.define("benefits", key, benefit.id, at);
      tally(count, existing === undefined);
    }
    return count;
  },
};
