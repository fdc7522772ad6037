// The grants module: benefit grants, created and revoked as subscriptions start,
// end, renew and change (keeper.ts), and Polar's two grant listings.
import { defineModule } from "../../platform/module.js";
import { grantsMigrations } from "./migrations.js";
import { grantOperations } from "./operations.js";
import { GrantService, type GrantsDeps } from "./service.js";
import type { GrantStore } from "./store.js";
import { KyselyGrantStore } from "./store-kysely.js";

export const grantsModule = defineModule({
  name: "grants",
  migrations: grantsMigrations,
  store: (context): GrantStore => new KyselyGrantStore(context),
  resetOrganization: (store, organizationId) => store.deleteOrganizationData(organizationId),
  services: (deps: GrantsDeps) => ({ grants: new GrantService(deps) }),
  operations: grantOperations,
});

export type { GrantKey, GrantRecord, MeterCreditGrantProperties, MeterLedger } from "./model.js";
export type { GrantStore, StateGrant } from "./store.js";
export { cycleSubscriptionGrants, revokeBenefitGrants, syncSubscriptionGrants, type GrantHolder, type GrantUnit } from "./keeper.js";
export { stateGrantResponse } from "./responses.js";
