// `polar-customers serve`: bootstrap an empty database, listen, say where
// everything is, and shut down cleanly on SIGTERM/SIGINT (finish in-flight
// requests, close the DB). Everything is printed before the "listening on"
// line, which comes last: supervisors and tests read it as "ready".

import { bootstrap, listOrganizations, tokenHint, type OrganizationRecord } from "../modules/accounts/index.js";
import { servedScopes } from "../modules.js";
import { startServer } from "../server.js";
import type { WebhookSettingsInput } from "../modules/webhooks/index.js";
import type { HttpLimits } from "../platform/http/listener.js";
import { openRequestLog, type LogFormat, type LogLevel } from "../platform/http/request-log.js";
import { openStorage } from "../storage.js";
import { DEFAULT_DATABASE_URL, isNewFile, type DatabaseLocation } from "./database.js";
import { isWorker, serveAsWorker, startWorkers } from "./workers.js";

export interface ServeOptions {
  location: DatabaseLocation;
  host: string;
  port: number;
  limits?: Partial<HttpLimits>;
  corsOrigins?: readonly string[];
  /** POLAR_BOOTSTRAP_TOKEN / --bootstrap-token: the token an empty database starts with. */
  bootstrapToken?: string;
  enableTestEndpoints: boolean;
  /** --no-answer-memo / POLAR_ANSWER_MEMO=off: compute every read. */
  answerMemo: boolean;
  /** Server processes sharing the port (node:cluster); 1 serves in this process. */
  workers?: number;
  /** LOG_LEVEL / --log-level, already checked. */
  logLevel: LogLevel;
  /** LOG_FORMAT / --log-format: pretty lines on a terminal and JSON lines otherwise, unless chosen. */
  logFormat: LogFormat;
  webhooks?: WebhookSettingsInput;
}

/** A failure of the environment rather than of the command line (exit status 1). */
export class ListenError extends Error {}

/** At most this many organizations are listed at start; `orgs list` shows them all. */
const LISTED_ORGANIZATIONS = 10;

export async function serve(options: ServeOptions): Promise<void> {
  const { location } = options;
  const logging = { level: options.logLevel, format: options.logFormat };
  const serverOptions = {
    databaseUrl: location.url,
    host: options.host,
    port: options.port,
    logger: logging,
    limits: options.limits,
    corsOrigins: options.corsOrigins,
    enableTestEndpoints: options.enableTestEndpoints,
    answerMemo: options.answerMemo,
    webhooks: options.webhooks,
  };
  // A forked worker: the primary already bootstrapped and migrated, and does the talking.
  if (isWorker()) return serveAsWorker(serverOptions);
  const log = openRequestLog(logging);
  const isNew = isNewFile(location);
  const storage = await openStorage(location.url);
  const lines: Line[] = [];
  if (isNew) lines.push([`Created new database at ${location.file}`, { database_file: location.file }]);
  let organizations: OrganizationRecord[];
  try {
    const boot = await bootstrap(storage, servedScopes(), options.bootstrapToken);
    if (boot.kind === "created") {
      const organization = { organization_id: boot.organization.id };
      lines.push([`Created organization "${boot.organization.name}" (organization id ${boot.organization.id})`, organization]);
      lines.push(
        boot.chosen
          ? [
              `Organization access token with every scope: the bootstrap token ${tokenHint(boot.token)}… (POLAR_BOOTSTRAP_TOKEN / --bootstrap-token)`,
              organization,
            ]
          : [`Organization access token with every scope (shown once, keep it safe): ${boot.token}`, organization],
      );
    }
    organizations = await listOrganizations(storage);
  } catch (error) {
    await storage.close();
    throw error;
  }
  // With workers, bootstrap and migrations above ran once, here in the primary, before any worker starts.
  const workers = options.workers ?? 1;
  let server;
  try {
    server = workers > 1 ? await startWorkers(workers, storage) : await startServer({ ...serverOptions, log, storage });
  } catch (error) {
    throw listenError(error, options) ?? error;
  }
  // Listen for signals before announcing readiness: a supervisor may signal as soon as it reads the line.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGTERM", stop);
      process.off("SIGINT", stop);
      resolve();
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  });
  for (const [message, fields] of [...lines, ...banner(organizations, location, server.url, options.enableTestEndpoints)])
    log.announce(message, fields);
  log.announce(`polar-customers listening on ${server.url} (database ${location.display})`, {
    url: server.url,
    database: location.display,
  });
  await stopped;
  await server.close();
  await storage.close();
  log.flush();
}

/** A startup line: its text, and in JSON the fields a program would otherwise parse out of it. */
type Line = [message: string, fields?: Record<string, unknown>];

function banner(organizations: OrganizationRecord[], location: DatabaseLocation, url: string, testEndpoints: boolean): Line[] {
  const lines = organizations
    .slice(0, LISTED_ORGANIZATIONS)
    .map((org): Line => [`Organization "${org.name}" (id ${org.id})`, { organization_id: org.id }]);
  if (organizations.length > LISTED_ORGANIZATIONS)
    lines.push([`… and ${organizations.length - LISTED_ORGANIZATIONS} more: polar-customers orgs list`]);
  if (organizations.length === 0) lines.push(["No organizations: create one with polar-customers orgs create --name NAME"]);
  // The database option only when it is needed and can be copied as printed (a redacted URL cannot).
  const database =
    location.url === DEFAULT_DATABASE_URL ? "" : location.file ? ` --database sqlite:${location.file}` : " (with the same --database)";
  if (location.url === "sqlite::memory:")
    lines.push(["Get a token: none can be issued for an in-memory database from outside; start with POLAR_BOOTSTRAP_TOKEN"]);
  else lines.push([`Get a token: polar-customers tokens create --org ${organizations[0]?.id ?? "ORG_ID"}${database}`]);
  lines.push([`API reference: ${url}/docs (OpenAPI: ${url}/openapi.json)`, { docs: `${url}/docs`, openapi: `${url}/openapi.json` }]);
  if (testEndpoints) lines.push([`Test endpoints enabled: POST ${url}/v1/_test/reset`]);
  return lines;
}

/** What the operator can do about a listen failure. */
function listenError(error: unknown, options: ServeOptions): ListenError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  const where = `${options.host}:${options.port}`;
  if (code === "EADDRINUSE")
    return new ListenError(
      `port ${options.port} is already in use on ${options.host}; choose another with --port N or PORT=N (0 picks a free one)`,
    );
  if (code === "EACCES")
    return new ListenError(`not allowed to listen on ${where} (ports below 1024 need privileges); choose another with --port N or PORT=N`);
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return new ListenError(
      `cannot listen on host ${options.host}: no such local address; choose another with --host ADDRESS or HOST=ADDRESS`,
    );
  }
  return undefined;
}
