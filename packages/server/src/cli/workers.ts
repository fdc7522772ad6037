// `serve --workers N`: N server processes (node:cluster) sharing one port.
// The primary bootstraps and migrates the database once, before forking (see
// serve.ts), then only supervises: it forks the workers, reports the URL once
// all of them listen, replaces a worker that dies, and on shutdown asks every
// worker to drain (finish in-flight requests, close its database) and waits.
// Several processes on one SQLite file are supported by the storage (WAL, a
// reader per process that notices other processes' commits).

import cluster, { type Worker } from "node:cluster";
import { startServer, type ServerOptions } from "../server.js";
import type { Storage } from "../storage.js";

type Message = { type: "listening"; url: string } | { type: "stop" };

export const isWorker = () => cluster.isWorker;

export interface Workers {
  url: string;
  /** Drains every worker and resolves when all have exited. */
  close(): Promise<void>;
}

/**
 * In the primary: forks `count` workers (each runs `serve` again, see
 * serveAsWorker) and resolves once all listen. If one fails to start, the
 * others are stopped and `storage` (the primary's) is closed, as startServer does.
 */
export async function startWorkers(count: number, storage: Storage): Promise<Workers> {
  let closing = false;
  const exited = new Map<Worker, Promise<void>>();

  const fork = () =>
    new Promise<{ worker: Worker; url: string }>((resolve, reject) => {
      const worker = cluster.fork();
      exited.set(worker, new Promise((done) => worker.once("exit", () => done())));
      worker.on("message", (message: Message) => {
        if (message.type === "listening") resolve({ worker, url: message.url });
      });
      worker.once("exit", (code, signal) => {
        exited.delete(worker);
        reject(new Error(`a worker exited before listening (${signal ?? `code ${code}`})`));
        if (closing || !listening.has(worker)) return;
        // A worker that dies while serving is replaced; its connections are lost, the others' are not.
        listening.delete(worker);
        process.stderr.write(`polar-customers: worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another\n`);
        fork().then(
          ({ worker: replacement }) => listening.add(replacement),
          () => {},
        );
      });
    });

  const listening = new Set<Worker>();
  const started = await Promise.allSettled(Array.from({ length: count }, () => fork()));
  for (const result of started) if (result.status === "fulfilled") listening.add(result.value.worker);
  const failed = started.find((r): r is PromiseRejectedResult => r.status === "rejected");

  const close = async () => {
    closing = true;
    for (const worker of exited.keys()) if (worker.isConnected()) worker.send({ type: "stop" } satisfies Message);
    await Promise.all(exited.values());
  };
  if (failed) {
    await close();
    await storage.close();
    throw failed.reason;
  }
  return { url: (started[0] as PromiseFulfilledResult<{ url: string }>).value.url, close };
}

/**
 * In a worker: serve until the primary says stop (or goes away), then drain.
 * Signals are the primary's business: a Ctrl-C reaches the whole process group,
 * and a worker that stopped at once would drop its in-flight requests.
 */
export async function serveAsWorker(options: ServerOptions): Promise<void> {
  const ignore = () => {};
  process.on("SIGINT", ignore);
  process.on("SIGTERM", ignore);
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    // Migrations already ran in the primary; here they find nothing to do.
    server = await startServer(options);
  } catch (error) {
    // The IPC channel would keep a failed worker alive; the primary reports its exit.
    process.disconnect();
    throw error;
  }
  await new Promise<void>((resolve) => {
    process.on("message", (message: Message) => {
      if (message.type === "stop") resolve();
    });
    process.once("disconnect", resolve);
    process.send!({ type: "listening", url: server.url } satisfies Message);
  });
  await server.close();
  process.off("SIGINT", ignore);
  process.off("SIGTERM", ignore);
  // The IPC channel would keep the process alive.
  if (process.connected) process.disconnect();
}
