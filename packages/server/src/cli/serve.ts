// `polar-customers serve`: bootstrap an empty database, listen, and shut
// down cleanly on SIGTERM/SIGINT (finish in-flight requests, close the DB).

import { openStorage } from "../storage.js";
import { bootstrap } from "../modules/accounts/index.js";
import { servedScopes } from "../modules.js";
import { startServer } from "../server.js";
import type { HttpLimits } from "../platform/http/listener.js";

export interface ServeOptions {
  databaseUrl: string;
  host: string;
  port: number;
  limits?: Partial<HttpLimits>;
  corsOrigins?: readonly string[];
}

const say = (line: string) => process.stdout.write(`${line}\n`);

export async function serve(options: ServeOptions): Promise<void> {
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
  const level = process.env.LOG_LEVEL ?? "info";
  const server = await startServer({ ...options, storage, logger: level === "silent" ? false : { level } });
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
