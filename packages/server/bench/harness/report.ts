// RESULTS.md: one section per backend and size, a summary of ratios beside the
// reference figures of issue 8, and a loud flag on any run that saw non-2xx
// answers or socket errors (its figures do not measure the endpoint).
import { cpus } from "node:os";
import type { Backend } from "./datasets.js";
import { PROBES } from "./endpoints.js";
import { CONNECTIONS, THREADS, type WrkResult } from "./wrk.js";

export interface EndpointResult {
  name: string;
  title: string;
  pending?: string;
  target?: WrkResult;
  baselines?: [WrkResult, WrkResult];
  ratio?: number;
  rssBytes?: number;
  responseBytes?: number;
  /** Median latency of a few requests sent one at a time before the load. */
  aloneMs?: number;
  /** Wrong answers (non-2xx probes or load, socket errors): the figures are void, and the command exits 1. */
  problems: string[];
  /** Valid but alarming results, e.g. no response completing during the load. */
  warnings: string[];
  plannerStatistics?: boolean;
}

export interface RunResult {
  backend: Backend;
  size: number;
  rows: number;
  noise: string;
  seedSeconds: number;
  seededNow: boolean;
  seededAt: string;
  coldStartMs: number;
  endpoints: EndpointResult[];
}

export interface ReportSettings {
  command: string;
  seconds: number;
  warmupSeconds: number;
  workers?: number;
  noMemo?: boolean;
  startedAt: Date;
  finishedAt: Date;
}

/** Issue 8's reference ratios (measured elsewhere at 20 k customers): [SQLite, PostgreSQL]. */
const REFERENCE: Record<string, [number, number]> = {
  get: [0.26, 0.008],
  "get-external": [0.17, 0.009],
  state: [0.18, 0.007],
  list: [0.086, 0.057],
  "list-query": [0.007, 0.003],
  create: [0.005, 0.005],
  patch: [0.054, 0.006],
};

const LABEL: Record<Backend, string> = { sqlite: "SQLite", postgres: "PostgreSQL" };
const grouped = (n: number) => Math.round(n).toLocaleString("en-US").replace(/,/g, " ");
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const ratio = (x: number) => (x >= 0.1 ? x.toFixed(2) : x >= 0.01 ? x.toFixed(3) : x.toFixed(4));
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

export function flagged(runs: RunResult[]): boolean {
  return runs.some((r) => r.endpoints.some((e) => e.problems.length > 0));
}

const warned = (runs: RunResult[]) => runs.some((r) => r.endpoints.some((e) => e.warnings.length > 0));
const marked = (e: EndpointResult) => e.problems.length + e.warnings.length > 0;

export function renderResults(runs: RunResult[], settings: ReportSettings): string {
  const lines: string[] = [];
  const out = (line = "") => lines.push(line);
  const cpu = cpus();
  out("# Server benchmark results");
  out();
  out(`Written by \`packages/server/bench/run.ts\` (see [README.md](README.md)); do not edit by hand.`);
  out();
  out(`- Command: \`${settings.command}\``);
  out(
    `- When: ${settings.startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC, ${((settings.finishedAt.getTime() - settings.startedAt.getTime()) / 60000).toFixed(1)} min`,
  );
  out(
    `- Machine: ${cpu[0]?.model ?? "unknown CPU"} × ${cpu.length}, Node ${process.version}${settings.workers ? `, serve --workers ${settings.workers}` : ""}${settings.noMemo ? ", serve --no-answer-memo (every read computed)" : ""}`,
  );
  out(
    `- Load: wrk -t${THREADS} -c${CONNECTIONS}, ${settings.seconds} s per measurement after a ${settings.warmupSeconds} s warm-up; baseline, server, baseline`,
  );
  out("- **ratio** = server req/s ÷ mean req/s of the two baseline runs around it. The baseline is a bare `node:http` server");
  out("  (`bench/baseline-server.mjs`) sending the median response size of the endpoint. p50/p99 are the server's latencies");
  out(
    `  under that load (${CONNECTIONS} connections, so they include queueing); **alone** is the median latency of ${PROBES} requests sent`,
  );
  out("  one at a time before the load. RSS: the server process (and workers) right after its load.");
  out("- Absolute numbers depend on the machine and its other load; compare ratios, and only within one run.");
  if (flagged(runs)) {
    out();
    out("> **⚠ FLAGGED: some measurements saw non-2xx responses or socket errors** (marked ⚠ below); their figures do not");
    out("> measure the endpoint's normal answer.");
  }
  if (warned(runs)) {
    out();
    out("> **⚠ Some endpoints completed no response during their load run** (marked ⚠ below): each request took longer than");
    out("> the run, see the alone column.");
  }

  out();
  out("## Summary: ratios");
  out();
  const columns = runs.map((r) => `${LABEL[r.backend]} ${grouped(r.size)}`);
  out(`| endpoint | ${columns.join(" | ")} | issue 8 reference (20 k, SQLite / PostgreSQL) |`);
  out(`|---|${columns.map(() => "---:|").join("")}---|`);
  const names = [...new Set(runs.flatMap((r) => r.endpoints.map((e) => e.name)))];
  for (const name of names) {
    const cells = runs.map((r) => {
      const e = r.endpoints.find((x) => x.name === name);
      if (!e) return "";
      if (e.pending) return "TODO";
      return `${e.ratio === undefined ? "–" : ratio(e.ratio)}${marked(e) ? " ⚠" : ""}`;
    });
    const ref = REFERENCE[name];
    const title = runs
      .flatMap((r) => r.endpoints)
      .find((e) => e.name === name)!
      .title.replace(/page=\d+/, "page=N");
    out(`| ${title} | ${cells.join(" | ")} | ${ref ? `${ref[0]} / ${ref[1]}` : ""} |`);
  }
  const deep = runs.filter((r) => r.size >= 1_000_000).map((r) => [r, r.endpoints.find((e) => e.name === "list-deep")?.target] as const);
  if (deep.some(([, t]) => t)) {
    out();
    for (const [r, t] of deep) {
      if (!t) continue;
      const verdict = t.requests === 0 ? "no response completed: **missed**" : `${ms(t.p50Ms)} ms, ${t.p50Ms <= 50 ? "met" : "**missed**"}`;
      out(`Goal, list page 1000 at 1 M: p50 ≤ 50 ms — ${LABEL[r.backend]}: ${verdict}.`);
    }
  }

  for (const r of runs) {
    out();
    out(`## ${LABEL[r.backend]}, ${grouped(r.size)} customers`);
    out();
    out(`- Data set: ${grouped(r.size)} customers in one organization, ${r.noise}; ${grouped(r.rows)} rows.`);
    out(
      `- Seeding: ${grouped(r.rows / r.seedSeconds)} rows/s (${r.seedSeconds.toFixed(1)} s, ${r.seededNow ? "in this run" : `cached, seeded ${r.seededAt.slice(0, 16).replace("T", " ")} UTC`}).`,
    );
    out(
      `- Cold start (spawn of \`node bin/polar-customers.js serve\` → first 200 of GET /v1/customers/{id}): ${grouped(r.coldStartMs)} ms.`,
    );
    out();
    out(
      "| endpoint | ratio | server req/s | baseline req/s (before / after) | p50 ms | p99 ms | alone ms | RSS after | response bytes | planner stats | check |",
    );
    out("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
    for (const e of r.endpoints) {
      if (e.pending) {
        out(`| ${e.title} | | | | | | | | | | ${e.pending} |`);
        continue;
      }
      const t = e.target;
      const b = e.baselines;
      const check = marked(e) ? `⚠ ${[...e.problems, ...e.warnings].join("; ")}` : "all 2xx";
      out(
        `| ${e.title} | ${e.ratio === undefined ? "–" : ratio(e.ratio)} | ${t ? grouped(t.requestsPerSecond) : "–"} | ${b ? `${grouped(b[0].requestsPerSecond)} / ${grouped(b[1].requestsPerSecond)}` : "–"} | ${t && t.requests > 0 ? ms(t.p50Ms) : "–"} | ${t && t.requests > 0 ? ms(t.p99Ms) : "–"} | ${e.aloneMs === undefined ? "–" : ms(e.aloneMs)} | ${e.rssBytes ? mb(e.rssBytes) : "–"} | ${e.responseBytes ?? "–"} | ${e.plannerStatistics === undefined ? "–" : e.plannerStatistics ? "yes" : "none"} | ${check} |`,
      );
    }
  }
  out();
  return lines.join("\n");
}
