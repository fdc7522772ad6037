// The `polar-customers` command as operators use it: the built CLI (the
// committed bin, as npm links it) in a child process, in a temporary working
// directory. Needs `npm run build` first (the package's `pretest` does it).
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), "../../bin/polar-customers.js");
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
export const OAT = /^polar_oat_[A-Za-z0-9_-]{43}$/;
export const PAT = /^polar_pat_[A-Za-z0-9_-]{43}$/;

/** A temporary working directory for one test file, and fresh SQLite URLs in it. */
export class Workspace {
  readonly dir: string;
  private counter = 0;

  constructor() {
    assert.ok(existsSync(MAIN), `${MAIN} is missing: run "npm run build -w packages/server" first`);
    this.dir = mkdtempSync(join(tmpdir(), "polar-cli-"));
  }

  /** A SQLite database URL that does not exist yet. */
  newDatabase(): string {
    return `sqlite:${join(this.dir, `db${this.counter++}.sqlite`)}`;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "silent", ...extra };
  for (const name of ["POLAR_DATABASE_URL", "POLAR_BOOTSTRAP_TOKEN", "POLAR_ENABLE_TEST_ENDPOINTS", "HOST", "PORT"])
    if (!(name in extra)) delete env[name];
  return env;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cli(cwd: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { cwd, env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** The one stderr line a successful command may print: that it created the SQLite file. */
export const CREATED_NOTICE = /^polar-customers: created new database at \/[^\n]+\n$/;

/** Runs a command that must succeed and returns its stdout; stderr must be empty, or the creation notice. */
export async function ok(cwd: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  const run = await cli(cwd, args, env);
  assert.equal(run.code, 0, `${args.join(" ")} failed: ${run.stderr}`);
  if (run.stderr !== "") assert.match(run.stderr, CREATED_NOTICE);
  return run.stdout;
}

/** Runs a command that must fail with `code` and exactly one stderr line with the one prefix, and no stack trace. */
export async function fails(cwd: string, args: string[], code: number, pattern: RegExp, env: Record<string, string> = {}): Promise<string> {
  const run = await cli(cwd, args, env);
  assert.equal(run.code, code, `${args.join(" ")}: ${run.stderr}`);
  assert.equal(run.stdout, "", args.join(" "));
  assert.match(run.stderr, /^polar-customers: [^\n]+\n$/, `${args.join(" ")}: ${JSON.stringify(run.stderr)}`);
  assert.doesNotMatch(run.stderr, /\bat .+:\d+:\d+/);
  assert.match(run.stderr, pattern, args.join(" "));
  return run.stderr;
}

export const json = (stdout: string) => {
  assert.match(stdout, /^[^\n]+\n$/, "exactly one line");
  return JSON.parse(stdout);
};

export const token = (stdout: string, pattern: RegExp) => {
  assert.match(stdout, /^[^\n]+\n$/, "exactly one line");
  const value = stdout.trimEnd();
  assert.match(value, pattern);
  return value;
};

export interface Served {
  child: ChildProcess;
  url: string;
  /** The startup lines' text: each is a JSON log record (stdout is not a terminal), this is its `msg`. */
  lines: string[];
  records: (Record<string, unknown> & { msg: string })[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
}

/** Starts `serve --port 0` and resolves once it prints its URL (the last line it prints at start). */
export function serve(cwd: string, args: string[], env: Record<string, string> = {}): Promise<Served> {
  const child = spawn(process.execPath, [MAIN, "serve", "--port", "0", ...args], {
    cwd,
    env: childEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.on("exit", (code, signal) => r({ code, signal })),
  );
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`serve did not start: ${stdout} ${stderr}`));
    }, 10_000);
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      const match = /listening on (http:\/\/[^\s]+)/.exec(stdout);
      if (match && stdout.endsWith("\n")) {
        clearTimeout(timer);
        const records = stdout
          .trimEnd()
          .split("\n")
          .map((line) => JSON.parse(line) as Record<string, unknown> & { msg: string });
        resolvePromise({ child, url: match[1], lines: records.map((r) => r.msg), records, exited, stderr: () => stderr });
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${stderr}`));
    });
  });
}

export async function stop(server: Served, signal: NodeJS.Signals = "SIGTERM") {
  server.child.kill(signal);
  const result = await server.exited;
  assert.deepEqual(result, { code: 0, signal: null }, server.stderr());
}

export async function call(url: string, method: string, path: string, bearer: string | null, body?: unknown) {
  const headers: Record<string, string> = {};
  if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text === "" ? null : JSON.parse(text) };
}
