// The resource modules this server is made of, in dependency order (a
// module's tables may reference those of the modules before it). Adding a
// resource: a folder under modules/ exporting its Module, and one line here.

import type { Scope } from "./platform/auth/scopes.js";
import { accountsModule } from "./modules/accounts/index.js";
import { customersModule } from "./modules/customers/index.js";
import { metersModule } from "./modules/meters/index.js";
import { benefitsModule } from "./modules/benefits/index.js";
import { productsModule } from "./modules/products/index.js";
import { eventsModule } from "./modules/events/index.js";
import { customerMetersModule } from "./modules/customerMeters/index.js";
import { grantsModule } from "./modules/grants/index.js";
import { subscriptionsModule } from "./modules/subscriptions/index.js";
import { stateModule } from "./modules/state/index.js";
import { testClockModule } from "./modules/test-clock/index.js";
import { webhooksModule } from "./modules/webhooks/index.js";

export const MODULES = [
  accountsModule,
  customersModule,
  metersModule,
  benefitsModule,
  productsModule,
  eventsModule,
  customerMetersModule,
  grantsModule,
  subscriptionsModule,
  stateModule,
  testClockModule,
  webhooksModule,
] as const;

/** Every scope some operation of this server accepts: what a token needs to use all of it. */
export function servedScopes(): Scope[] {
  const scopes = new Set<Scope>();
  for (const module of MODULES) for (const op of module.operations ?? []) for (const scope of op.scopes) scopes.add(scope);
  return [...scopes];
}
