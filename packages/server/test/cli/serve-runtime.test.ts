// `serve` at run time, as operators run it (the built CLI in a child process
// over a SQLite file): the request log on stdout, and `--workers N`. Needs
// `npm run build` first (the package's `pretest` does it).

import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { after, describe, it } from "node:test";
import { RawConnection } from "../support/rawHttp.js";

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), "../../bin/polar-customers.js");
const dir = mkdtempSync(join(tmpdir(), "polar-serve-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

interface Served {
  child: ChildProcess;
  url: string;
  token: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `serve --port 0` on a fresh database with the request log on; resolves once it prints its URL. */
function serve(args: string[] = [], extraEnv: Record<string, string> = {}): Promise<Served> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "info", ...extraEnv };
  for (const name of ["POLAR_DATABASE_URL", "HOST", "PORT", "LOG_FORMAT", "NO_COLOR"]) if (!(name in extraEnv)) delete env[name];
  const database = `sqlite:${join(dir, `db${counter++}.sqlite`)}`;
  const child = spawn(process.execPath, [MAIN, "serve", "--port", "0", "--database", database, ...args], {
    cwd: dir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.on("exit", (code, signal) => r({ code, signal })),
  );
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`serve did not start: ${stdout} ${stderr}`));
    }, 20_000);
    child.stdout!.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      const token = /keep it safe\): (polar_oat_[A-Za-z0-9_-]+)/.exec(stdout)?.[1];
      if (url && token) {
        clearTimeout(timer);
        resolvePromise({ child, url, token, stdout: () => stdout, stderr: () => stderr, exited });
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${stderr}`));
    });
  });
}

/** One request on its own connection (so that, with workers, connections spread over the processes). */
function send(
  url: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> | null }> {
  return new Promise((resolvePromise, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, connection: "close" };
    if (payload !== undefined)
      Object.assign(headers, { "content-type": "application/json", "content-length": String(Buffer.byteLength(payload)) });
    const req = request(url + path, { method, headers, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (d: string) => (text += d));
      res.on("end", () => resolvePromise({ status: res.statusCode!, body: text === "" ? null : JSON.parse(text) }));
    });
    req.on("error", reject);
    req.end(payload);
  });
}

interface RequestLine {
  pid: number;
  method: string;
  path: string;
  status: number;
  ms: number;
  msg: string;
}

const requestLines = (stdout: string): RequestLine[] =>
  stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as RequestLine & { msg: string })
    .filter((line) => line.msg === "request");

const hasScript = () => spawnSync("script", ["--version"]).status === 0;

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("serve: the request log", () => {
  it("writes one line per request (method, path without the query, status, duration) and flushes it on shutdown", async () => {
    const server = await serve();
    let id: string;
    try {
      const created = await send(server.url, "POST", "/v1/customers/", server.token, { email: "logged@example.com" });
      assert.equal(created.status, 201);
      id = created.body!.id as string;
      assert.equal((await send(server.url, "GET", `/v1/customers/${id}`, server.token)).status, 200);
      assert.equal((await send(server.url, "GET", "/v1/customers/?query=logged%40example.com&limit=1", server.token)).status, 200);
      assert.equal((await send(server.url, "GET", "/v1/customers/", "polar_oat_not-a-token")).status, 401);
      server.child.kill("SIGTERM");
      assert.deepEqual(await server.exited, { code: 0, signal: null }, server.stderr());
    } finally {
      if (server.child.exitCode === null) server.child.kill("SIGKILL");
    }
    const lines = requestLines(server.stdout());
    assert.deepEqual(
      lines.map(({ method, path, status }) => ({ method, path, status })),
      [
        { method: "POST", path: "/v1/customers/", status: 201 },
        { method: "GET", path: `/v1/customers/${id}`, status: 200 },
        { method: "GET", path: "/v1/customers/", status: 200 },
        { method: "GET", path: "/v1/customers/", status: 401 },
      ],
    );
    for (const line of lines) {
      // pino's record, key for key: level, time and pid first, then the fields, then msg.
      assert.deepEqual(Object.keys(line), ["level", "time", "pid", "method", "path", "status", "ms", "msg"]);
      assert.equal(typeof line.ms, "number");
      assert.ok(line.ms >= 0);
      assert.equal(line.pid, server.child.pid);
    }
    assert.ok(
      !server.stdout().includes("logged%40example.com") && !server.stdout().includes("logged@example.com"),
      "queries and bodies stay out of the log",
    );
  });
});

describe("serve: log format and level", () => {
  it("writes startup lines as JSON records with their fields when stdout is not a terminal", async () => {
    const server = await serve();
    try {
      const records = server
        .stdout()
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.ok(records.every((r) => r.level === 30 && typeof r.time === "number" && typeof r.msg === "string"));
      const listening = records.at(-1)!;
      assert.equal(listening.url, server.url);
      assert.match(String(listening.database), /^sqlite:.*db\d+\.sqlite$/);
      assert.ok(records.some((r) => r.docs === `${server.url}/docs`));
      assert.ok(!records.some((r) => /Server listening at/.test(String(r.msg))), "Fastify's own line is not repeated");
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  });

  it("writes pino-pretty lines with LOG_FORMAT=pretty: one per request, without colour into a pipe", async () => {
    const server = await serve([], { LOG_FORMAT: "pretty" });
    try {
      assert.equal((await send(server.url, "GET", "/v1/customers/?query=secret", server.token)).status, 200);
      assert.equal((await send(server.url, "GET", "/v1/customers/nope", server.token)).status, 422);
      server.child.kill("SIGTERM");
      assert.deepEqual(await server.exited, { code: 0, signal: null }, server.stderr());
    } finally {
      if (server.child.exitCode === null) server.child.kill("SIGKILL");
    }
    const lines = server.stdout().trimEnd().split("\n");
    assert.ok(!server.stdout().includes("\u001b["), "no colour codes outside a terminal");
    const stamp = String.raw`^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: `;
    for (const line of lines) assert.match(line, new RegExp(stamp), line);
    assert.ok(
      lines.some((l) => new RegExp(`${stamp}polar-customers listening on ${server.url} \\(database sqlite:`).test(l)),
      lines.join("\n"),
    );
    const requests = lines.filter((l) => / ms$/.test(l));
    assert.equal(requests.length, 2, lines.join("\n"));
    // One line per request; matched by content, not position, so the check says which one is missing.
    for (const expected of [`GET /v1/customers/ 200`, `GET /v1/customers/nope 422`])
      assert.ok(
        requests.some((l) => new RegExp(`${stamp}${expected} \\d+(\\.\\d+)? ms$`).test(l)),
        `no line for ${expected} in:\n${lines.join("\n")}`,
      );
    assert.ok(!server.stdout().includes("secret"), "no query string in the log");
  });

  it("colours the pretty lines on a terminal by default", { skip: !hasScript() && "needs script(1) for a pseudo-terminal" }, async () => {
    const database = `sqlite:${join(dir, `db${counter++}.sqlite`)}`;
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "info" };
    for (const name of ["POLAR_DATABASE_URL", "HOST", "PORT", "LOG_FORMAT", "NO_COLOR"]) delete env[name];
    // script(1) gives the server a pseudo-terminal as stdout, as a person's shell does.
    const child = spawn("script", ["-qec", `${process.execPath} ${MAIN} serve --port 0 --database ${database}`, "/dev/null"], {
      cwd: dir,
      env,
      stdio: ["pipe", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    try {
      await new Promise<void>((resolvePromise, reject) => {
        child.stdout!.setEncoding("utf8").on("data", (d: string) => {
          output += d;
          if (/listening on [^\n]*\n/.test(output)) resolvePromise();
        });
        void exited.then(() => reject(new Error(`exited: ${output}`)));
      });
    } finally {
      // Ctrl-C on the terminal: the server stops as it would in a shell, and script(1) with it.
      child.stdin!.write("\u0003");
      await exited;
    }
    const colour = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, "g");
    assert.match(output, colour, "colour codes on a terminal");
    assert.match(output.replace(colour, ""), /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: polar-customers listening on http:\/\/127\.0\.0\.1:\d+ /m);
    assert.doesNotMatch(output, /^\{/m, "no JSON on a terminal");
  });

  for (const [how, args, env] of [
    ["LOG_LEVEL=verbose", [], { LOG_LEVEL: "verbose" }],
    ["--log-level loud", ["--log-level", "loud"], {}],
    ["LOG_FORMAT=xml", [], { LOG_FORMAT: "xml" }],
  ] as const) {
    it(`refuses ${how} with a usage error (exit 2) before creating the database`, async () => {
      const file = join(dir, `never-${counter++}.sqlite`);
      const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
      if (!("LOG_LEVEL" in env)) delete childEnv.LOG_LEVEL;
      if (!("LOG_FORMAT" in env)) delete childEnv.LOG_FORMAT;
      const child = spawn(process.execPath, [MAIN, "serve", "--port", "0", "--database", `sqlite:${file}`, ...args], {
        cwd: dir,
        env: childEnv,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
      child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
      const code = await new Promise<number | null>((r) => child.on("close", (c) => r(c)));
      assert.equal(code, 2, stderr);
      assert.equal(stdout, "");
      assert.match(stderr, /^polar-customers: [^\n]+\n$/, "one line");
      if (how.includes("FORMAT")) assert.match(stderr, /must be one of auto, json, pretty, got "xml"/);
      else assert.match(stderr, /must be one of fatal, error, warn, info, debug, trace, silent, got "(verbose|loud)"/);
      assert.equal(existsSync(file), false, "no database was created");
    });
  }
});

describe("serve: stdout closed by its reader (serve | head -1)", () => {
  it("goes on serving without logging, says so once on stderr, and still exits 0 on SIGTERM", async () => {
    const server = await serve();
    try {
      // The reader goes away, as `head -1` does after its line.
      server.child.stdout!.destroy();
      // Request lines are written in batches: send until one write fails, which the server reports once.
      let sent = 0;
      while (!server.stderr().includes("stdout is closed") && sent < 5_000) {
        assert.equal((await send(server.url, "GET", "/healthz", server.token)).status, 200);
        sent++;
      }
      assert.match(server.stderr(), /^polar-customers: stdout is closed \(EPIPE\); the log is off, the server goes on serving\n$/);
      for (let i = 0; i < 50; i++) assert.equal((await send(server.url, "GET", "/v1/customers/?limit=1", server.token)).status, 200);
      assert.equal(server.child.exitCode, null, "still running");
      server.child.kill("SIGTERM");
      assert.deepEqual(await server.exited, { code: 0, signal: null }, server.stderr());
      assert.equal(server.stderr().match(/stdout is closed/g)?.length, 1, server.stderr());
    } finally {
      if (server.child.exitCode === null) server.child.kill("SIGKILL");
    }
  });
});

describe("serve --workers", () => {
  it("serves from several processes on one port, each seeing the others' writes, and drains them all on SIGTERM", async () => {
    const server = await serve(["--workers", "2"]);
    try {
      const ids: string[] = [];
      for (let i = 0; i < 8; i++) {
        const created = await send(server.url, "POST", "/v1/customers/", server.token, { email: `w${i}@example.com` });
        assert.equal(created.status, 201);
        ids.push(created.body!.id as string);
      }
      // Whichever process answers, every acknowledged write is visible.
      for (let round = 0; round < 3; round++) {
        for (const id of ids) assert.equal((await send(server.url, "GET", `/v1/customers/${id}`, server.token)).status, 200);
      }
      const list = await send(server.url, "GET", "/v1/customers/?limit=1", server.token);
      assert.equal((list.body!.pagination as { total_count: number }).total_count, 8);

      // An in-flight request when the stop comes is still answered.
      const body = JSON.stringify({ email: "inflight@example.com" });
      const connection = await RawConnection.open(server.url);
      try {
        const head = [
          "POST /v1/customers/ HTTP/1.1",
          `Host: ${new URL(server.url).host}`,
          `Authorization: Bearer ${server.token}`,
          "Content-Type: application/json",
          `Content-Length: ${Buffer.byteLength(body)}`,
          "",
          body.slice(0, 5),
        ];
        await connection.write(head.join("\r\n"));
        await new Promise((r) => setTimeout(r, 150));
        server.child.kill("SIGTERM");
        await new Promise((r) => setTimeout(r, 300));
        await connection.write(body.slice(5));
        const reply = await connection.response();
        assert.equal(reply.status, 201);
      } finally {
        connection.close();
      }
      assert.deepEqual(await server.exited, { code: 0, signal: null }, server.stderr());
    } finally {
      if (server.child.exitCode === null) server.child.kill("SIGKILL");
    }
    const lines = requestLines(server.stdout());
    const workerPids = [...new Set(lines.map((line) => line.pid))];
    assert.equal(workerPids.length, 2, `requests were answered by ${workerPids.join(", ")}`);
    assert.ok(!workerPids.includes(server.child.pid!), "the primary only supervises");
    assert.equal(lines.filter((line) => line.method === "POST" && line.status === 201).length, 9, "the in-flight create was logged too");
    for (const pid of workerPids) assert.equal(isRunning(pid), false, `worker ${pid} exited`);
    assert.equal(server.stdout().match(/listening on/g)?.length, 1, "one announcement");
  });

  it("refuses a --workers that is not a positive integer", async () => {
    const child = spawn(process.execPath, [MAIN, "serve", "--workers", "0", "--database", `sqlite:${join(dir, "never.sqlite")}`], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const code = await new Promise((r) => child.on("exit", r));
    assert.equal(code, 2);
    assert.match(stderr, /--workers/);
  });
});
