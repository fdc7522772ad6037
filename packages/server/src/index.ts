export { startServer, type RunningServer, type ServerOptions } from "./server.js";
export { moduleDeps } from "./module-deps.js";
export {
  periodEndJob,
  processDuePeriodEnds,
  type PeriodEndDeps,
  type PeriodEndOptions,
  type UsageReader,
} from "./modules/subscriptions/index.js";
export type { MeterLedger } from "./modules/grants/index.js";
export { buildApp } from "./platform/http/app.js";
export { openStorage, type Storage, type Stores } from "./storage.js";
export { MODULES } from "./modules.js";
export type * from "./modules/customers/index.js";
export type * from "./modules/accounts/index.js";
