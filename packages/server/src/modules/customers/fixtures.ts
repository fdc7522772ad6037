// The `customers` section of a seed file: a list of Polar CustomerCreate
// bodies, validated and created exactly as POST /v1/customers/ would, in the
// enclosing organization. A customer whose external_id (or, without one,
// email) is already there is left alone, so a seed can be run again.
import { SeedError } from "../../platform/seed.js";
import { asSeedEntry, parseEntry } from "../../platform/seed-issues.js";
import { seedSection } from "../../platform/seed-section.js";
import { customerCreate } from "./requests.js";
import { CustomerService } from "./service.js";
import type { CustomersDeps } from "./index.js";

// Not a find-or-create section: whether the customer is there is a yes or no (its email may only be known taken).
export const customersSeeder = seedSection({
  section: "customers",
  noun: "customer",
  // As the module's services are built: the same webhooks, and the meter rows a customer with an external id gets.
  service: (deps: CustomersDeps) =>
    new CustomerService(deps.customers, deps.clock, deps.transaction, deps.customerDeletion, deps.customerIdentified),
  async seed({ deps, service, context, organization, entry, at }) {
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
    return !exists;
  },
});
