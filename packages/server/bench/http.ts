// GET /v1/customers/{id} throughput of our server (SQLite and PostgreSQL)
// against a bare node:http server sending the same bytes, measured in the
// same run with autocannon from this process. Each server runs in its own
// child process. Report: ratios, since absolute numbers are machine noise.
//   npm run build && node --import tsx bench/http.ts [--seconds 3] [--rounds 5] [--connections 10]
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { createTestDatabase } from "../test/support/postgres.js";

const { values: args } = parseArgs({
  options: { seconds: { type: "string", default: "3" }, rounds: { type: "string", default: "5" }, connections: { type: "string", default: "10" } },
});
const SECONDS = Number(args.seconds);
const ROUNDS = Number(args.rounds);
const CONNECTIONS = Number(args.connections);
const CLI = new URL("../dist/cli/main.js", import.meta.url).pathname;
const BASELINE = new URL("./baseline-server.mjs", import.meta.url).pathname;

interface Child {
  process: ChildProcess;
  url: string;
  output: string;
}

function startChild(args: string[], env: Record<string, string> = {}): Promise<Child> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, LOG_LEVEL: "silent", ...env }, stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      const url = /http:\/\/[\d.]+:\d+/.exec(output)?.[0];
      if (url) resolve({ process: child, url, output });
    });
    child.on("exit", (code) => reject(new Error(`child exited with ${code}: ${output}`)));
  });
}

async function stop(child: Child) {
  const exited = new Promise((r) => child.process.once("exit", r));
  child.process.kill("SIGTERM");
  await exited;
}

async function requestsPerSecond(url: string, headers: Record<string, string> = {}): Promise<number> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`bench saw ${result.non2xx} non-2xx and ${result.errors} errors`);
  return result.requests.average;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function ourServer(databaseUrl: string) {
  const server = await startChild([CLI, "serve", "--database", databaseUrl, "--port", "0"]);
  const token = /polar_oat_[A-Za-z0-9_-]+/.exec(server.output)?.[0];
  if (!token) throw new Error("no bootstrap token printed (database not empty?)");
  const headers = { authorization: `Bearer ${token}` };
  const created = await fetch(`${server.url}/v1/customers/`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({ email: "bench@example.com", name: "Bench Mark", external_id: "bench_1", metadata: { plan: "pro" }, billing_address: { country: "SE" } }),
  });
  const customer = (await created.json()) as { id: string };
  const path = `/v1/customers/${customer.id}`;
  const body = await (await fetch(server.url + path, { headers })).text();
  return { server, headers, path, body };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "polar-bench-"));
  const pgDatabase = await createTestDatabase();
  const rows: string[] = [];
  try {
    for (const [label, databaseUrl] of [["SQLite", `sqlite:${join(dir, "bench.db")}`], ["PostgreSQL", pgDatabase.url]] as const) {
      const ours = await ourServer(databaseUrl);
      const baseline = await startChild([BASELINE], { BASELINE_BODY: ours.body });
      const oursRps: number[] = [];
      const baseRps: number[] = [];
      await requestsPerSecond(ours.server.url + ours.path, ours.headers); // warm-up
      for (let round = 0; round < ROUNDS; round++) {
        baseRps.push(await requestsPerSecond(baseline.url + ours.path));
        oursRps.push(await requestsPerSecond(ours.server.url + ours.path, ours.headers));
      }
      await stop(baseline);
      await stop(ours.server);
      // Paired rounds: each ratio compares two runs seconds apart, so load changes on a shared machine cancel out.
      const ratio = median(oursRps.map((ours, i) => ours / baseRps[i]));
      rows.push(`| GET /v1/customers/{id} (${label}) | ${Math.round(median(baseRps))} | ${Math.round(median(oursRps))} | ${(ratio * 100).toFixed(0)}% |`);
    }
  } finally {
    await pgDatabase.drop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\n${CONNECTIONS} connections, ${SECONDS}s × ${ROUNDS} paired rounds; req/s medians, ratio = median of per-round ratios\n`);
  console.log("| endpoint | bare node:http | polar-customers | ratio |");
  console.log("|---|---|---|---|");
  for (const row of rows) console.log(row);
}

await main();
