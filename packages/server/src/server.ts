// Starting and stopping a server: storage + HTTP app + listener, wired from
// the module list.

import { sql } from "kysely";
import { resetOrganizations } from "./fixtures.js";
import { MODULES } from "./modules.js";
import { systemClock, type Clock } from "./platform/clock.js";
import { buildApp, type App } from "./platform/http/app.js";
import type { HttpLimits } from "./platform/http/listener.js";
import type { RouteGroup } from "./platform/http/operation.js";
import { openRequestLog } from "./platform/http/request-log.js";
import { openStorage, type Storage, type Stores } from "./storage.js";
import type { Cascading } from "./platform/cascade.js";
import type { MeterLedger } from "./modules/grants/index.js";
import { subscriptionReactions, type UsageReader } from "./modules/subscriptions/index.js";

/** What the usage module provides to subscriptions, grants and customer state (absent → no credits, zero usage). */
export interface UsagePorts {
  /** The meter ledger on one transaction's stores. */
  meterLedgerFor?: (tx: Stores) => MeterLedger;
  usage?: UsageReader;
}

export interface ServerOptions {
  databaseUrl: string;
  host?: string;
  port?: number;
  /** The request log (one line per request on stdout) at this pino level; off by default. */
  logger?: false | { level: string; stream?: NodeJS.WritableStream };
  /** Use an already opened storage instead of opening `databaseUrl`. */
  storage?: Storage;
  clock?: Clock;
  /** Request/header/keep-alive timeouts and the connection cap (see platform/http/listener.ts for defaults). */
  limits?: Partial<HttpLimits>;
  /** Origins allowed to call the API from a browser (`*` for any); none by default. */
  corsOrigins?: readonly string[];
  /** Serve the /v1/_test endpoints (reset); off by default, for test suites only. */
  enableTestEndpoints?: boolean;
  ports?: UsagePorts;
}

export interface RunningServer {
  url: string;
  app: App;
  storage: Storage;
  /** Stops accepting connections, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>;
}

type Modules = (typeof MODULES)[number];
type DepsOf<M> = M extends { services?(deps: infer D): unknown } ? D : never;
/** Fails to compile when the composed storage lacks what some module's services need. */
type EveryModuleServed = {
  [M in Modules as M["name"]]: [DepsOf<M>] extends [never] ? true : Storage & { clock: Clock } extends DepsOf<M> ? true : false;
};
const everyModuleServed: EveryModuleServed extends Record<string, true> ? true : never = true;
void everyModuleServed;

/**
 * The cross-module wiring: earlier modules' writes that later modules react to
 * in the same transaction (customer deletion, a product's benefits, benefit
 * deletion), and the usage ports.
 */
export function moduleDeps(storage: Storage, clock: Clock, ports: UsagePorts = {}) {
  const meterLedgerFor = ports.meterLedgerFor as ((tx: unknown) => MeterLedger) | undefined;
  const reactions = subscriptionReactions({ meterLedgerFor });
  const cascading =
    <S>(react: (tx: Stores, subject: S, at: Date) => Promise<void>): Cascading<Stores, S> =>
    (work) =>
      storage.transaction((tx) => work(tx, (subject, at) => react(tx, subject, at)));
  return {
    ...storage,
    clock,
    meterLedgerFor,
    usage: ports.usage,
    customerDeletion: cascading(reactions.customerDeleted),
    benefitsChange: cascading(reactions.productBenefitsChanged),
    benefitDeletion: cascading(reactions.benefitDeleted),
  };
}

/** Each module's operations with the services its handlers call. */
export function routeGroups(storage: Storage, clock: Clock, ports?: UsagePorts): RouteGroup[] {
  const deps = moduleDeps(storage, clock, ports);
  const groups: RouteGroup[] = [];
  for (const module of MODULES as readonly { services?(deps: unknown): unknown; operations?: RouteGroup["operations"] }[]) {
    if (module.services && module.operations) groups.push({ operations: module.operations, services: module.services(deps) });
  }
  return groups;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const storage = options.storage ?? (await openStorage(options.databaseUrl));
  const clock = options.clock ?? systemClock;
  const log = options.logger ? openRequestLog(options.logger.level, options.logger.stream) : undefined;
  const app = buildApp({
    credentials: storage.accounts,
    routes: routeGroups(storage, clock, options.ports),
    clock,
    log,
    limits: options.limits,
    corsOrigins: options.corsOrigins,
    probes: { checkDatabase: async () => void (await sql`select 1`.execute(storage.database.db)) },
    testEndpoints: options.enableTestEndpoints ? { resetOrganizations: (ids) => resetOrganizations(storage, ids) } : undefined,
  });
  let address: string;
  try {
    address = await app.fastify.listen({ host: options.host ?? "127.0.0.1", port: options.port ?? 8000 });
  } catch (error) {
    await storage.close();
    throw error;
  }
  const { port } = app.fastify.server.address() as { port: number };
  const host = options.host ?? "127.0.0.1";
  const url = address.startsWith("http") && !host.includes(":") ? `http://${host}:${port}` : address;
  let closing: Promise<void> | undefined;
  return {
    url,
    app,
    storage,
    close: () =>
      (closing ??= (async () => {
        await app.fastify.close();
        log?.flush();
        if (!options.storage) await storage.close();
      })()),
  };
}
