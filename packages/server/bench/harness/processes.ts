// Child processes of the benchmark: our server, started as a user starts it,
// and the bare node:http baseline. Plus the measurements taken from outside:
// cold start and resident memory.
import { spawn, type ChildProcess } from "node:child_process";
import { openSync, closeSync, readFileSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/polar-customers.js", import.meta.url));
const BASELINE = fileURLToPath(new URL("../baseline-server.mjs", import.meta.url));
/** Settings a user's shell might carry that would change the server from its defaults. */
const SERVER_SETTINGS = ["LOG_LEVEL", "HOST", "PORT", "POLAR_DATABASE_URL", "POLAR_LOGO_DEV_TOKEN"];

export interface Child {
  process: ChildProcess;
  url: string;
  stderr(): string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function collectStderr(child: ChildProcess): () => string {
  let text = "";
  child.stderr?.on("data", (chunk) => {
    text = (text + chunk).slice(-20_000);
  });
  return () => text;
}

export interface ServerOptions {
  databaseUrl: string;
  /** Passed on as `serve --workers N` only when given. */
  workers?: number;
  /** `serve --no-answer-memo`: every read computed. */
  noMemo?: boolean;
  /** Any request that answers 200 once the server is ready (authenticated, so it reaches the database). */
  probePath: string;
  token: string;
}

/**
 * Spawns `node bin/polar-customers.js serve --database … --port …` with the
 * default settings and polls until the first 200. Cold start = spawn → that 200.
 */
export async function startServer(options: ServerOptions): Promise<{ child: Child; coldStartMs: number }> {
  const port = await freePort();
  const env = { ...process.env };
  for (const name of SERVER_SETTINGS) delete env[name];
  // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") goes to the server's node only:
  // NODE_OPTIONS refuses --cpu-prof, and would reach wrk's baseline too.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const args = [...nodeArgs, BIN, "serve", "--database", options.databaseUrl, "--port", String(port)];
  if (options.workers !== undefined) args.push("--workers", String(options.workers));
  if (options.noMemo) args.push("--no-answer-memo");
  // The request log stays at its default level, as for a user, but goes to
  // /dev/null: at tens of thousands of requests per second a file would grow by gigabytes.
  const log = openSync("/dev/null", "w");
  const started = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", log, "pipe"] });
  closeSync(log);
  const stderr = collectStderr(child);
  let exited: string | null = null;
  child.once("exit", (code, signal) => (exited = `exited with ${signal ?? code}`));
  const url = `http://127.0.0.1:${port}`;
  const deadline = started + 180_000;
  for (;;) {
    if (exited) throw new Error(`server ${exited} before answering: ${stderr()}`);
    if (performance.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not answer 200 within 180 s: ${stderr()}`);
    }
    try {
      const response = await fetch(url + options.probePath, { headers: { authorization: `Bearer ${options.token}` } });
      await response.arrayBuffer();
      if (response.status === 200) break;
      if (response.status !== 503) throw new Error(`readiness probe ${options.probePath} answered ${response.status}`);
    } catch (error) {
      if ((error as Error).message.startsWith("readiness probe")) {
        child.kill("SIGKILL");
        throw error;
      }
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  return { child: { process: child, url, stderr }, coldStartMs: performance.now() - started };
}

export async function startBaseline(bodyFile: string): Promise<Child> {
  const child = spawn(process.execPath, [BASELINE], {
    env: { ...process.env, BASELINE_BODY_FILE: bodyFile },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderr = collectStderr(child);
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const found = /http:\/\/[\d.]+:\d+/.exec(out)?.[0];
      if (found) resolve(found);
    });
    child.once("exit", (code) => reject(new Error(`baseline exited with ${code}: ${stderr()}`)));
  });
  return { process: child, url, stderr };
}

export async function stop(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  const exited = new Promise((r) => child.process.once("exit", r));
  child.process.kill("SIGTERM");
  const timer = setTimeout(() => child.process.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").split(" ").filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

/** Resident memory of a process and its descendants (workers, if any), in bytes. */
export function residentBytes(pid: number): number {
  let total = 0;
  for (const p of [pid, ...childrenOf(pid).flatMap((c) => [c, ...childrenOf(c)])]) {
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {
      // Exited meanwhile.
    }
  }
  return total;
}
