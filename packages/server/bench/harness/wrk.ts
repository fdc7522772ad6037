// Runs wrk with one of the Lua scripts in ./lua and reads the result line the
// scripts' done() prints (request count, latency percentiles, non-2xx count).
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const LUA_DIR = fileURLToPath(new URL("./lua", import.meta.url));

export const THREADS = 1;
export const CONNECTIONS = 32;

export interface LoadScript {
  /** File in ./lua. */
  script: "random-path.lua" | "create.lua" | "patch.lua";
  /** Environment the script reads (BENCH_VALUES, BENCH_PATH_PREFIX, …). */
  env: Record<string, string>;
}

export interface WrkResult {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  /** Socket errors and timeouts. */
  errors: number;
  /** The same, by kind, for the report. */
  errorKinds: string;
}

/** Exits the process with install instructions when wrk is missing. */
export function requireWrk(): void {
  const probe = spawnSync("wrk", ["--version"], { encoding: "utf8" });
  if (probe.error) {
    process.stderr.write(
      "bench: wrk is not installed. It is the load generator of this benchmark; install it with\n" +
        "  sudo apt-get update && sudo apt-get install -y wrk      (Debian/Ubuntu)\n" +
        "  brew install wrk                                         (macOS)\n",
    );
    process.exit(2);
  }
}

let runs = 0;

export function runWrk(baseUrl: string, load: LoadScript, token: string, seconds: number): Promise<WrkResult> {
  const args = [`-t${THREADS}`, `-c${CONNECTIONS}`, `-d${seconds}s`, "--timeout", "30s", "-s", `${LUA_DIR}/${load.script}`, `${baseUrl}/`];
  const env = {
    ...process.env,
    ...load.env,
    BENCH_LUA_DIR: LUA_DIR,
    BENCH_TOKEN: token,
    BENCH_TAG: `${process.pid}x${++runs}x${Date.now().toString(36)}`,
  };
  return new Promise((resolve, reject) => {
    const child = spawn("wrk", args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.once("error", reject);
    child.once("exit", (code) => {
      const line = /^WRK_RESULT (.*)$/m.exec(out)?.[1];
      if (code !== 0 || !line) return reject(new Error(`wrk exited with ${code}:\n${out}\n${err}`));
      const r = JSON.parse(line) as Record<string, number>;
      resolve({
        requests: r.requests,
        requestsPerSecond: r.requests / (r.duration_us / 1e6),
        p50Ms: r.p50_us / 1000,
        p99Ms: r.p99_us / 1000,
        non2xx: r.non2xx,
        errors: r.connect_errors + r.read_errors + r.write_errors + r.timeouts,
        errorKinds: `connect ${r.connect_errors}, read ${r.read_errors}, write ${r.write_errors}, timeout ${r.timeouts}`,
      });
    });
  });
}
