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
import { openStorage, type Storage } from "./storage.js";
import type { BackgroundTask } from "./platform/module.js";
import type { WebhookSettingsInput } from "./modules/webhooks/index.js";
import { moduleDeps } from "./module-deps.js";
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
  /** Reuse answers of pure reads until the next commit (platform/http/answer-memo.ts); on by default. */
  answerMemo?: boolean;
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

type AnyModule = {
  services?(deps: unknown): unknown;
  jobs?(deps: unknown): readonly ScheduledJob[];
  background?(deps: unknown): BackgroundTask;
};

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
    changeMark: options.answerMemo === false ? undefined : storage.database.reader?.changeMark,
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
