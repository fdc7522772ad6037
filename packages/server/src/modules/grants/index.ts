// The grants module: benefit grants, created and revoked as subscriptions start,
// end, renew and change (keeper.ts), and Polar's two grant listings.
import { defineModule } from "../../platform/module.js";
import { grantsMigrations } from "./migrations.js";
import { grantOperations } from "./operations.js";
import { GrantService, type GrantsDeps } from "./service.js";
import type { GrantStore } from "./store.js";
import { KyselyGrantStore } from "./store-kysely.js";
import { GRANT_EVENT_TYPES } from "./keeper.js";
import { grantWireResponse } from "./responses.js";

export const grantsModule = defineModule({
  name: "grants",
  migrations: grantsMigrations,
  store: (context): GrantStore => new KyselyGrantStore(context),
  resetOrganization: (store, organizationId) => store.deleteOrganizationData(organizationId),
  services: (deps: GrantsDeps) => ({ grants: new GrantService(deps) }),
  operations: grantOperations,
  // benefit_grant.* webhooks: the grant, its customer and benefit, and its full properties, as they are when sent.
  deferredEvents: (deps: GrantsDeps) => {
    const render = async (_organizationId: string, id: string) => {
      const grant = await deps.grants.findById(id);
      const [view] = grant ? await new GrantService(deps).views([grant]) : [];
      return view && { ...grantWireResponse.serialize(view), properties: view.grant.properties, previous_properties: null };
    };
    return Object.fromEntries(GRANT_EVENT_TYPES.map((type) => [type, render]));
  },
});

export type { GrantKey, GrantRecord, MeterCreditGrantProperties, MeterLedger } from "./model.js";
export type { GrantStore, StateGrant } from "./store.js";
export { cycleSubscriptionGrants, revokeBenefitGrants, syncSubscriptionGrants, type GrantHolder, type GrantUnit } from "./keeper.js";
export { stateGrantResponse } from "./responses.js";
