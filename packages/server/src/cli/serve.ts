// `polar-customers serve`: bootstrap an empty database, listen, and shut
// down cleanly on SIGTERM/SIGINT (finish in-flight requests, close the DB).

import { openStorage } from "../storage.js";
import { bootstrap } from "../modules/accounts/index.js";
import { servedScopes } from "../modules.js";
import { startServer } from "../server.js";
import { isWorker, serveAsWorker, startWorkers } from "./workers.js";

export interface ServeOptions {
  databaseUrl: string;
  host: string;
  port: number;
  /** Server processes sharing the port (node:cluster); 1 serves in this process. */
  workers?: number;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

export async function serve(options: ServeOptions): Promise<void> {
  const level = process.env.LOG_LEVEL ?? "info";
  const logger = level === "silent" ? false : { level };
  if (isWorker()) return serveAsWorker({ ...options, logger });
  const storage = await openStorage(options.databaseUrl);
  try {
    const created = await bootstrap(storage, servedScopes());
    if (created) {
      say(`Created organization "${created.organization.name}" (organization id ${created.organization.id})`);
      say(`Organization access token with every scope (shown once, keep it safe): ${created.token}`);
    }
  } catch (error) {
    await storage.close();
    throw error;
  }
  // With workers, bootstrap and migrations above ran once, here in the primary, before any worker starts.
  const workers = options.workers ?? 1;
  const server = workers > 1 ? await startWorkers(workers, storage) : await startServer({ ...options, storage, logger });
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
  say(`polar-customers listening on ${server.url} (database ${redact(options.databaseUrl)})`);
  await stopped;
  await server.close();
  await storage.close();
}

/** Never print a database password. */
const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
