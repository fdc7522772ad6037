// The server benchmark (`npm run bench`): every customers endpoint, on SQLite
// and PostgreSQL, with 10 k and 1 M customers in one organization (plus noise
// organizations), against our server started as a user starts it
// (`node bin/polar-customers.js serve --database … --port …`, default
// settings, a child process). Load comes from wrk (-t1 -c32) with the Lua
// scripts in harness/lua (random ids and search terms from the data set,
// unique create bodies). Per endpoint: warm-up, then baseline, server,
// baseline; the baseline is a bare node:http server sending as many bytes as
// the endpoint's typical response. Writes bench/RESULTS.md.
//
//   npm run bench -w packages/server -- [options]
//   (or, built: node --import tsx bench/run.ts [options] from packages/server)
//
//   --sizes 10000,1000000        organization sizes (default both)
//   --backends sqlite,postgres   backends (default both; PostgreSQL from POLAR_BENCH_POSTGRES_URL,
//                                else POLAR_TEST_POSTGRES_URL, else postgres://postgres@127.0.0.1:5432/postgres)
//   --endpoints get,list,…       any of: get get-external state list list-query list-deep create patch
//                                (state-full first gives 50 customers 3 subscriptions, 5 grants and 2 meters)
//   --duration S                 seconds per measurement (default 3); warm-up is half of it (at least 1 s)
//   --workers N                  passed on as `serve --workers N` (only when given)
//   --no-memo                    passed on as `serve --no-answer-memo`: every read is computed (the miss path)
//   --out FILE                   where to write the results (default bench/RESULTS.md)
//   --reseed                     regenerate the cached data sets
//   --clean                      delete all cached data sets (bench/.data and polar_bench_* databases) and exit
//
// Generated data sets are cached (bench/.data/, git-ignored; PostgreSQL template
// databases polar_bench_tpl_*), so only the first run pays for seeding 1 M rows.
// The harness never ANALYZEs: whether the planner has statistics is the server's
// business, and each row of RESULTS.md says whether it had them.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { planFor } from "./harness/dataset.js";
import { cleanCaches, DATA_DIR, prepareDatabase, type Backend, type DatasetMeta } from "./harness/datasets.js";
import { ENDPOINTS, PROBES, writeValueFiles, type Api, type Endpoint, type ValueFiles } from "./harness/endpoints.js";
import { residentBytes, startBaseline, startServer, stop, type Child } from "./harness/processes.js";
import { flagged, renderResults, type EndpointResult, type RunResult } from "./harness/report.js";
import { requireWrk, runWrk, type WrkResult } from "./harness/wrk.js";

const { values: args } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,1000000" },
    backends: { type: "string", default: "sqlite,postgres" },
    endpoints: { type: "string" },
    duration: { type: "string", default: "3" },
    workers: { type: "string" },
    "no-memo": { type: "boolean", default: false },
    out: { type: "string", default: fileURLToPath(new URL("./RESULTS.md", import.meta.url)) },
    reseed: { type: "boolean", default: false },
    clean: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

function usage(message: string): never {
  process.stderr.write(`bench: ${message} (see the top of packages/server/bench/run.ts)\n`);
  process.exit(2);
}

const list = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
const SIZES = list(args.sizes).map((s) => {
  const n = Number(s.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < 100) usage(`--sizes takes integers ≥ 100, got "${s}"`);
  return n;
});
const BACKENDS = list(args.backends).map((b) => {
  if (b !== "sqlite" && b !== "postgres") usage(`--backends takes sqlite and/or postgres, got "${b}"`);
  return b as Backend;
});
const SELECTED: Endpoint[] = args.endpoints
  ? list(args.endpoints).map(
      (name) =>
        ENDPOINTS.find((e) => e.name === name) ?? usage(`unknown endpoint "${name}"; known: ${ENDPOINTS.map((e) => e.name).join(" ")}`),
    )
  : ENDPOINTS;
const SECONDS = Number(args.duration);
if (!(SECONDS >= 1)) usage(`--duration takes seconds ≥ 1, got "${args.duration}"`);
const WARMUP = Math.max(1, Math.round(SECONDS / 2));
const WORKERS = args.workers === undefined ? undefined : Number(args.workers);
if (WORKERS !== undefined && !(Number.isInteger(WORKERS) && WORKERS >= 1)) usage(`--workers takes an integer ≥ 1, got "${args.workers}"`);
const RUN_DIR = join(DATA_DIR, "run");

const log = (line: string) => process.stderr.write(`${line}\n`);

interface Probe {
  status: number;
  body: Buffer;
  ms: number;
}

async function send(baseUrl: string, token: string, request: { method: string; path: string; body?: string }): Promise<Probe> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (request.body !== undefined) headers["content-type"] = "application/json";
  const started = performance.now();
  const response = await fetch(baseUrl + request.path, { method: request.method, headers, body: request.body });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, body, ms: performance.now() - started };
}

/** Answers the harness relies on: exact total_count through the API (counter and organization filter), working search. */
async function checkDataset(baseUrl: string, meta: DatasetMeta): Promise<void> {
  const first = await send(baseUrl, meta.token, { method: "GET", path: "/v1/customers/?limit=1" });
  const total = (JSON.parse(first.body.toString()) as { pagination?: { total_count?: number } }).pagination?.total_count;
  if (first.status !== 200 || total !== meta.size)
    throw new Error(`data set check: list answered ${first.status} with total_count ${total}, expected ${meta.size}`);
  const term = meta.sample.queryTerms[0];
  const found = await send(baseUrl, meta.token, { method: "GET", path: `/v1/customers/?limit=1&query=${encodeURIComponent(term)}` });
  const hits = (JSON.parse(found.body.toString()) as { pagination?: { total_count?: number } }).pagination?.total_count ?? 0;
  if (found.status !== 200 || hits < 1) throw new Error(`data set check: query "${term}" answered ${found.status} with ${hits} matches`);
}

/** Wrong answers: the figures do not measure the endpoint. */
function problemsOf(label: string, r: WrkResult): string[] {
  const problems: string[] = [];
  if (r.non2xx > 0) problems.push(`${label}: ${r.non2xx} non-2xx of ${r.requests}`);
  if (r.errors > 0) problems.push(`${label}: ${r.errors} socket errors/timeouts (${r.errorKinds})`);
  return problems;
}

/** How long the server may take to finish the requests wrk left queued before it is restarted. */
const DRAIN_LIMIT_MS = 30_000;

/** Answers once the server has worked off what was queued before it (a request of the same kind queues behind them), or after `limitMs`. */
async function drained(server: Child, meta: DatasetMeta, endpoint: Endpoint, limitMs: number): Promise<boolean> {
  const timeout = new Promise<false>((r) => setTimeout(() => r(false), limitMs).unref());
  const answered = send(server.url, meta.token, endpoint.probe(meta, PROBES)).then(
    () => true,
    () => true,
  );
  return Promise.race([answered, timeout]);
}

interface ServerHolder {
  child: Child;
  /** Stops the busy server and starts a fresh one on the same database. */
  restart(): Promise<void>;
}

async function measureEndpoint(
  holder: ServerHolder,
  meta: DatasetMeta,
  endpoint: Endpoint,
  files: ValueFiles,
  hasStatistics: () => Promise<boolean>,
): Promise<EndpointResult> {
  const server = holder.child;
  const result: EndpointResult = { name: endpoint.name, title: endpoint.title(meta.size), problems: [], warnings: [] };
  if (endpoint.pending) {
    result.pending = endpoint.pending;
    return result;
  }
  if (endpoint.prepare) {
    const api: Api = async (method, path, body) => {
      const answer = await send(server.url, meta.token, { method, path, body: body === undefined ? undefined : JSON.stringify(body) });
      if (answer.status < 200 || answer.status > 299)
        throw new Error(
          `${endpoint.name}: preparing, ${method} ${path} answered ${answer.status}: ${answer.body.toString().slice(0, 300)}`,
        );
      return answer.body.length === 0 ? null : JSON.parse(answer.body.toString());
    };
    await endpoint.prepare(api, meta, files);
  }
  // A few typical requests, one at a time: all must be 2xx; the baseline sends a response of median size,
  // and their median latency is the endpoint's latency without load.
  const probes: Probe[] = [];
  for (let i = 0; i < PROBES; i++) probes.push(await send(server.url, meta.token, endpoint.probe(meta, i)));
  const bad = probes.filter((p) => p.status < 200 || p.status > 299);
  if (bad.length > 0) result.problems.push(`probe answered ${bad[0].status}: ${bad[0].body.toString().slice(0, 200)}`);
  const typical = [...probes].sort((a, b) => a.body.length - b.body.length)[Math.floor(probes.length / 2)];
  result.responseBytes = typical.body.length;
  result.aloneMs = [...probes].sort((a, b) => a.ms - b.ms)[Math.floor(probes.length / 2)].ms;
  const bodyFile = join(RUN_DIR, `baseline-${endpoint.name}.json`);
  writeFileSync(bodyFile, typical.body);

  result.plannerStatistics = await hasStatistics();
  const load = endpoint.load(files, meta.size);
  const baseline = await startBaseline(bodyFile);
  try {
    await runWrk(server.url, load, meta.token, WARMUP);
    await runWrk(baseline.url, load, meta.token, 1);
    const before = await runWrk(baseline.url, load, meta.token, SECONDS);
    const target = await runWrk(server.url, load, meta.token, SECONDS);
    result.rssBytes = residentBytes(server.process.pid!);
    // wrk stops with requests still queued in the server; they must be done before the baseline
    // runs beside it and before the next endpoint. A server that needs longer is restarted.
    if (!(await drained(server, meta, endpoint, DRAIN_LIMIT_MS))) {
      result.warnings.push(`still busy ${DRAIN_LIMIT_MS / 1000} s after its load; restarted`);
      await holder.restart();
    }
    const after = await runWrk(baseline.url, load, meta.token, SECONDS);
    result.target = target;
    result.baselines = [before, after];
    result.ratio = target.requestsPerSecond / ((before.requestsPerSecond + after.requestsPerSecond) / 2);
    result.problems.push(...problemsOf("server", target), ...problemsOf("baseline", before), ...problemsOf("baseline", after));
    // Too slow is a result, not an error; it is flagged so that a 0 is not read as a harness failure.
    if (target.requests === 0) result.warnings.push(`no response completed within ${SECONDS} s of load (see alone ms)`);
  } finally {
    await stop(baseline);
  }
  return result;
}

async function runOne(backend: Backend, size: number): Promise<RunResult> {
  log(`\n== ${backend}, ${size} customers`);
  const db = await prepareDatabase(backend, size, args.reseed);
  const { meta } = db;
  const plan = planFor(size);
  log(
    `  data set: ${meta.rows} rows, seeded at ${Math.round(meta.rows / meta.seedSeconds)} rows/s (${meta.seedSeconds.toFixed(1)} s${db.fresh ? "" : ", cached"})`,
  );
  try {
    const files = writeValueFiles(RUN_DIR, meta);
    const serverOptions = {
      databaseUrl: db.url,
      workers: WORKERS,
      noMemo: args["no-memo"],
      probePath: `/v1/customers/${meta.sample.ids[0]}`,
      token: meta.token,
    };
    const { child: first, coldStartMs } = await startServer(serverOptions);
    const holder: ServerHolder = {
      child: first,
      async restart() {
        await stop(holder.child);
        holder.child = (await startServer(serverOptions)).child;
      },
    };
    log(`  cold start: ${Math.round(coldStartMs)} ms`);
    const endpoints: EndpointResult[] = [];
    try {
      await checkDataset(holder.child.url, meta);
      for (const endpoint of SELECTED) {
        const r = await measureEndpoint(holder, meta, endpoint, files, db.hasStatistics);
        endpoints.push(r);
        if (r.pending) log(`  ${endpoint.name}: skipped (${r.pending})`);
        else
          log(
            `  ${endpoint.name.padEnd(13)} alone ${r.aloneMs!.toFixed(1)} ms  ratio ${r.ratio!.toFixed(4)}  server ${Math.round(r.target!.requestsPerSecond)} req/s  baseline ${Math.round(r.baselines![0].requestsPerSecond)}/${Math.round(r.baselines![1].requestsPerSecond)}  p50 ${r.target!.p50Ms.toFixed(2)} ms  p99 ${r.target!.p99Ms.toFixed(2)} ms${[...r.problems, ...r.warnings].length ? `  ⚠ ${[...r.problems, ...r.warnings].join("; ")}` : ""}`,
          );
      }
    } finally {
      const server = holder.child;
      await stop(server);
      if (server.process.exitCode !== 0)
        log(`  server exited with ${server.process.exitCode ?? server.process.signalCode}: ${server.stderr()}`);
    }
    return {
      backend,
      size,
      rows: meta.rows,
      seedSeconds: meta.seedSeconds,
      seededNow: db.fresh,
      seededAt: meta.seededAt,
      coldStartMs,
      endpoints,
      noise: `${plan.noiseOrganizations} noise organizations × ${plan.noiseCustomersEach} customers`,
    };
  } finally {
    await db.drop();
  }
}

async function main(): Promise<void> {
  if (args.help) {
    process.stdout.write("see the comment at the top of packages/server/bench/run.ts\n");
    return;
  }
  if (args.clean) {
    await cleanCaches();
    log("bench: caches removed");
    return;
  }
  requireWrk();
  mkdirSync(RUN_DIR, { recursive: true });
  const startedAt = new Date();
  const runs: RunResult[] = [];
  for (const size of SIZES) for (const backend of BACKENDS) runs.push(await runOne(backend, size));
  const command = `npm run bench -w packages/server -- ${process.argv.slice(2).join(" ")}`.trim();
  const text = renderResults(runs, {
    command,
    seconds: SECONDS,
    warmupSeconds: WARMUP,
    workers: WORKERS,
    noMemo: args["no-memo"],
    startedAt,
    finishedAt: new Date(),
  });
  writeFileSync(args.out, text);
  log(`\nwrote ${args.out}`);
  if (flagged(runs)) {
    log("bench: some measurements saw non-2xx responses or socket errors (flagged in the results)");
    process.exitCode = 1;
  }
}

await main();
