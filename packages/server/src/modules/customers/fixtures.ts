// The `customers` section of a seed file: a list of Polar CustomerCreate
// bodies, validated and created exactly as POST /v1/customers/ would, in the
// enclosing organization. A customer whose external_id (or, without one,
// email) is already there is left alone, so a seed can be run again.
import { SeedError, rejectOrganizationId, seedAccess, seedEntries, tally, type ModuleSeeder, type SeedCount } from "../../platform/seed.js";
import { asSeedEntry, parseEntry } from "../../platform/seed-issues.js";
import { customerCreate } from "./requests.js";
import { CustomerService } from "./service.js";
import type { CustomersDeps } from "./index.js";

export const customersSeeder: ModuleSeeder<CustomersDeps> = {
  section: "customers",
  async apply(deps, organization, value, path) {
    // As the module's services are built: the same webhooks, and the meter rows a customer with an external id gets.
    const service = new CustomerService(deps.customers, deps.clock, deps.transaction, deps.customerDeletion, deps.customerIdentified);
    const context = seedAccess(organization.id);
    const count: SeedCount = { created: 0, existing: 0 };
    for (const [index, entry] of seedEntries(value, path).entries()) {
      const at = [...path, index];
      rejectOrganizationId(entry, at, "customer");
      const body = parseEntry(customerCreate, entry, at);
      const externalId = body.external_id ?? null;
      const email = body.email ?? null;
      if (externalId === null && email === null)
        throw new SeedError(at, "needs an external_id or an email, so that running the seed again recognises it");
      const exists =
        externalId !== null
          ? (await deps.customers.findByExternalId([organization.id], externalId)).length > 0
          : (await deps.customers.findConflicts(organization.id, { email })).email;
      if (!exists) await asSeedEntry(at, entry, () => service.create(context, body));
      tally(count, !exists);
    }
    return count;
  },
};
