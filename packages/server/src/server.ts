// Starting and stopping a server: storage + HTTP app + listener, wired from
// the module list.

import { sql } from "kysely";
import { resetOrganizations } from "./fixtures.js";
import { MODULES } from "./modules.js";
import type { Clock } from "./platform/clock.js";
import { buildApp, type App } from "./platform/http/app.js";
import type { HttpLimits } from "./platform/http/listener.js";
import type { RouteGroup } from "./platform/http/operation.js";
import { openRequestLog, type LogOptions, type RequestLog } from "./platform/http/request-log.js";
import { startScheduler, type ScheduledJob } from "./platform/scheduler.js";
import { openStorage, type Storage, type UnitOfWork } from "./storage.js";
import type { BackgroundTask } from "./platform/module.js";
import type { Cascading } from "./platform/cascade.js";
import type { DeferredEventRenderer } from "./platform/events.js";
import type { WebhookSettingsInput } from "./modules/webhooks/index.js";
import { meterLedger, onCustomerCreated, usageReader } from "./modules/customerMeters/index.js";
import type { CustomerRecord } from "./modules/customers/index.js";
import { subscriptionReactions, type UsageReader } from "./modules/subscriptions/index.js";
import { formatDateTime, formatNullableDateTime } from "./platform/schema/datetime.js";
import { parseAdvanceBody, TestClocks, TestClockService, type ClockTarget } from "./modules/test-clock/index.js";

export interface ServerOptions {
  databaseUrl: string;
  host?: string;
  port?: number;
  /** The request log (one line per request on stdout) at this pino level and format; off by default. */
  logger?: false | LogOptions;
  /** An already opened log (the one `serve` announced on); takes the place of `logger`. */
  log?: RequestLog;
  /** Use an already opened storage instead of opening `databaseUrl`. */
  storage?: Storage;
  clock?: Clock;
  /** Request/header/keep-alive timeouts and the connection cap (see platform/http/listener.ts for defaults). */
  limits?: Partial<HttpLimits>;
  /** Origins allowed to call the API from a browser (`*` for any); none by default. */
  corsOrigins?: readonly string[];
  /** Serve the /v1/_test endpoints (reset, test clock); off by default, for test suites only. */
  enableTestEndpoints?: boolean;
  /** How often the scheduler looks for due work (period ends); 1 s by default. */
  schedulerIntervalMs?: number;
  /** URL policy, retry schedule and dispatcher limits of webhook deliveries (defaults: Polar's schedule, local URLs allowed). */
  webhooks?: WebhookSettingsInput;
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
  [M in Modules as M["name"]]: [DepsOf<M>] extends [never] ? true : ReturnType<typeof moduleDeps> extends DepsOf<M> ? true : false;
};
const everyModuleServed: EveryModuleServed extends Record<string, true> ? true : never = true;
void everyModuleServed;

type AnyModule = {
  services?(deps: unknown): unknown;
  jobs?(deps: unknown): readonly ScheduledJob[];
  deferredEvents?(deps: unknown): Readonly<Record<string, DeferredEventRenderer>>;
  background?(deps: unknown): BackgroundTask;
};

/** The usage reader in the shape customer state reports (`active_meters` items). */
function stateUsage(reader: ReturnType<typeof usageReader>): UsageReader {
  return {
    consumedSince: (customer, meterId, since) => reader.consumedSince(customer, meterId, since),
    activeMeters: async (customer) =>
      (await reader.activeMeters(customer)).map((m) => ({
        id: m.id,
        created_at: formatDateTime(m.createdAt),
        modified_at: formatNullableDateTime(m.modifiedAt),
        meter_id: m.meterId,
        consumed_units: m.consumedUnits,
        credited_units: m.creditedUnits,
        balance: m.balance,
      })),
  };
}

/**
 * What every module's services, jobs and background tasks are built from: the
 * storage, the clock, the server's settings, the renderers of deferred events
 * that modules contribute (see platform/events.ts), and the cross-module
 * wiring: the usage module's ledger and reader for grants, subscriptions and
 * state, and the writes of earlier modules that later ones react to in the
 * same transaction (customer deletion, a product's benefits, benefit deletion).
 */
export function moduleDeps(storage: Storage, clock: Clock, settings: Pick<ServerOptions, "webhooks"> = {}) {
  const meterLedgerFor = (tx: UnitOfWork) => meterLedger(tx);
  const reactions = subscriptionReactions({ meterLedgerFor: meterLedgerFor as (tx: unknown) => ReturnType<typeof meterLedger> });
  const cascading =
    <S>(react: (tx: UnitOfWork, subject: S, at: Date) => Promise<void>): Cascading<UnitOfWork, S> =>
    (work) =>
      storage.transaction((tx) => work(tx, (subject, at) => react(tx, subject, at)));
  const base = {
    ...storage,
    clock,
    webhookSettings: settings.webhooks,
    meterLedgerFor,
    usage: stateUsage(usageReader(storage)),
    customerDeletion: cascading(reactions.customerDeleted),
    customerIdentified: cascading<CustomerRecord>((tx, customer) => onCustomerCreated(tx, customer)),
    benefitsChange: cascading(reactions.productBenefitsChanged),
    benefitDeletion: cascading(reactions.benefitDeleted),
  };
  const deferredEventRenderers: Record<string, DeferredEventRenderer> = {};
  for (const module of MODULES as readonly AnyModule[]) Object.assign(deferredEventRenderers, module.deferredEvents?.(base));
  return { ...base, deferredEventRenderers };
}

/** Every module's scheduled jobs, built on `storage` with `clock`: what the scheduler and clock advances run. */
export function scheduledJobs(storage: Storage, clock: Clock): ScheduledJob[] {
  const deps = moduleDeps(storage, clock);
  const jobs: ScheduledJob[] = [];
  for (const module of MODULES as readonly AnyModule[]) jobs.push(...(module.jobs?.(deps) ?? []));
  return jobs;
}

/** The test clocks of every organization, read from the database, and the service that moves them. */
export async function openTestClocks(storage: Storage): Promise<{ clocks: TestClocks; service: TestClockService }> {
  const clocks = new TestClocks();
  await clocks.refresh(storage.testClocks);
  const jobs = scheduledJobs(storage, clocks);
  return { clocks, service: new TestClockService(storage.testClocks, clocks, () => jobs) };
}

/** Each module's operations with the services its handlers call. */
export function routeGroups(storage: Storage, clock: Clock, settings: Pick<ServerOptions, "webhooks"> = {}): RouteGroup[] {
  const deps = moduleDeps(storage, clock, settings);
  const groups: RouteGroup[] = [];
  for (const module of MODULES as readonly { services?(deps: unknown): unknown; operations?: RouteGroup["operations"] }[]) {
    if (module.services && module.operations) groups.push({ operations: module.operations, services: module.services(deps) });
  }
  return groups;
}

/** Runs `action` with the log raised to warnings (no request can be answered before listen resolves). */
async function quietly<T>(log: RequestLog | undefined, action: () => Promise<T>): Promise<T> {
  if (log === undefined || log.logger.level === "silent") return action();
  const level = log.logger.level;
  log.logger.level = "warn";
  try {
    return await action();
  } finally {
    log.logger.level = level;
  }
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const storage = options.storage ?? (await openStorage(options.databaseUrl));
  const testClocks = await openTestClocks(storage);
  const clock = options.clock ?? testClocks.clocks;
  const log = options.log ?? (options.logger ? openRequestLog(options.logger) : undefined);
  const jobs = scheduledJobs(storage, clock);
  const scheduler = startScheduler({
    jobs,
    intervalMs: options.schedulerIntervalMs ?? 1000,
    windows: async () => {
      await testClocks.clocks.refresh(storage.testClocks);
      return testClocks.clocks.windows();
    },
    // Retried on the next pass; a database outage must not stop the loop or the server.
    onError: (job, error) => {
      if (log) log.logger.error({ job, err: error }, "scheduled job failed");
      else process.stderr.write(`polar-customers: scheduled job ${job} failed: ${(error as Error)?.message ?? error}\n`);
    },
  });
  const app = buildApp({
    credentials: storage.accounts,
    routes: routeGroups(storage, clock, options),
    clock,
    log,
    limits: options.limits,
    corsOrigins: options.corsOrigins,
    changeMark: storage.database.reader?.changeMark,
    probes: { checkDatabase: async () => void (await sql`select 1`.execute(storage.database.db)) },
    testEndpoints: options.enableTestEndpoints
      ? {
          resetOrganizations: async (ids) => {
            await resetOrganizations(storage, ids);
            await testClocks.clocks.refresh(storage.testClocks);
          },
          clock: {
            parse: parseAdvanceBody,
            advance: (id, target) => testClocks.service.advance(id, target as ClockTarget),
            read: (id) => testClocks.service.read(id),
          },
        }
      : undefined,
  });
  let address: string;
  try {
    // Fastify's own "Server listening at" line would repeat, out of order, what `serve` announces.
    address = await quietly(log, () => app.fastify.listen({ host: options.host ?? "127.0.0.1", port: options.port ?? 8000 }));
  } catch (error) {
    await scheduler.stop();
    await storage.close();
    throw error;
  }
  // After listening: a server that failed to start sends nothing.
  const deps = moduleDeps(storage, clock, options);
  const background = (MODULES as readonly AnyModule[]).flatMap((module) => (module.background ? [module.background(deps)] : []));
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
        await scheduler.stop();
        await Promise.all(background.map((task) => task.stop()));
        log?.flush();
        if (!options.storage) await storage.close();
      })()),
  };
}
