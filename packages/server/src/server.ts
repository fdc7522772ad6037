// Starting and stopping a server: storage + HTTP app + listener.

import type { FastifyServerOptions } from "fastify";
import { openStorage } from "./storage/open.js";
import type { Storage } from "./storage/types.js";
import { buildApp, type App } from "./http/app.js";

export interface ServerOptions {
  databaseUrl: string;
  host?: string;
  port?: number;
  logger?: FastifyServerOptions["logger"];
  /** Use an already opened storage instead of opening `databaseUrl`. */
  storage?: Storage;
}

export interface RunningServer {
  url: string;
  app: App;
  storage: Storage;
  /** Stops accepting connections, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const storage = options.storage ?? (await openStorage(options.databaseUrl));
  const app = buildApp({ storage, logger: options.logger });
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
        if (!options.storage) await storage.close();
      })()),
  };
}
