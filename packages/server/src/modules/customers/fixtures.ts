// The `customers` section of a seed file: a list of Polar CustomerCreate
// bodies, validated and created exactly as POST /v1/customers/ would, in the
// enclosing organization. A customer whose external_id (or, without one,
// email) is already there is left alone, so a seed can be run again.
import { accessContext } from "../../platform/auth/principal.js";
import { ValidationFailed } from "../../platform/errors.js";
import { INVALID } from "../../platform/schema/core.js";
import type { Issue } from "../../platform/schema/issues.js";
import { SeedError, seedEntries, type ModuleSeeder, type SeedCount, type SeedPath } from "../../platform/seed.js";
import { CUSTOMER_TYPES, customerCreate } from "./requests.js";
import { CustomerService } from "./service.js";
import type { CustomersDeps } from "./index.js";

/**
 * A body's issues are located under ["body", …] and, for schema issues, under
 * the union branch tried (["individual", "email"]); in a seed file they are
 * under the entry.
 */
function issueError(at: SeedPath, issue: Issue): SeedError {
  const loc = issue.loc[0] === "body" ? issue.loc.slice(1) : [...issue.loc];
  if ((CUSTOMER_TYPES as readonly unknown[]).includes(loc[0])) loc.shift();
  return new SeedError([...at, ...loc], issue.msg);
}

export const customersSeeder: ModuleSeeder<CustomersDeps> = {
  section: "customers",
  async apply(deps, organizationId, value, path) {
    const service = new CustomerService(deps.customers, deps.clock, deps.transaction);
    const context = accessContext({ kind: "organization", organizationId, scopes: new Set() }, null);
    const count: SeedCount = { created: 0, existing: 0 };
    for (const [index, entry] of seedEntries(value, path).entries()) {
      const at = [...path, index];
      if (entry.organization_id !== undefined)
        throw new SeedError([...at, "organization_id"], "leave it out: a customer belongs to the organization entry it is listed in");
      const issues: Issue[] = [];
      const body = customerCreate.parse(entry, [], issues);
      if (body === INVALID || issues.length > 0) throw issueError(at, issues[0]);
      const externalId = body.external_id ?? null;
      const email = body.email ?? null;
      if (externalId === null && email === null)
        throw new SeedError(at, "needs an external_id or an email, so that running the seed again recognises it");
      const exists =
        externalId !== null
          ? (await deps.customers.findByExternalId([organizationId], externalId)).length > 0
          : (await deps.customers.findConflicts(organizationId, { email })).email;
      if (exists) {
        count.existing++;
        continue;
      }
      try {
        await service.create(context, body);
      } catch (error) {
        if (error instanceof ValidationFailed && error.issues.length > 0) throw issueError(at, error.issues[0]);
        throw error;
      }
      count.created++;
    }
    return count;
  },
};
