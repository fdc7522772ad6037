// The `benefits` section of a seed file: Polar BenefitCreate bodies (plus an
// optional seed-only `key`), validated and created as POST /v1/benefits/
// does. A meter_credit benefit may name its meter by key (`properties.meter`)
// instead of `properties.meter_id`. A live benefit of the organization with
// the entry's type and description is the entry's benefit on a later run.
import { isPlainObject } from "../../platform/schema/core.js";
import { allPages, onlyMatch } from "../../platform/seed.js";
import { defineSeedSection } from "../../platform/seed-section.js";
import { withReference } from "../../platform/seed-keys.js";
import { benefitCreate } from "./requests.js";
import { BenefitService, type BenefitsDeps } from "./service.js";

export const benefitsSeeder = defineSeedSection({
  section: "benefits",
  noun: "benefit",
  keyed: true,
  service: (deps: BenefitsDeps) => new BenefitService(deps),
  input(fields, { organization, at }) {
    if (!isPlainObject(fields.properties)) return fields;
    const meter = { keyField: "meter", idField: "meter_id", section: "meters" };
    return { ...fields, properties: withReference(organization.keys, fields.properties, meter, [...at, "properties"]) };
  },
  schema: benefitCreate,
  matchedBy: { field: "description", value: (body) => `${body.type}: ${body.description}` },
  async findExisting(body, { deps, organization, at }) {
    const sameDescription = await allPages((page) =>
      deps.benefits.list({
        organizationIds: [organization.id],
        types: [body.type],
        query: body.description,
        sorting: [{ field: "created_at", descending: false }],
        ...page,
      }),
    );
    return onlyMatch(
      sameDescription.filter((b) => b.description === body.description),
      [...at, "description"],
      `${body.type} benefits of this organization are described "${body.description}"`,
    );
  },
  create: (body, { service, context }) => service.create(context, body),
});
