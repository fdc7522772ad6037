// Wall-clock time of a fresh `node` that imports a package, compared with a bare `node -e ''`.
import { spawnSync } from "node:child_process";

export type ColdCase = { name: string; args: string[] };

export function coldCases(): ColdCase[] {
  const esm = (spec: string) => ["--input-type=module", "-e", `await import(${JSON.stringify(spec)})`];
  return [
    { name: "bare node -e ''", args: ["-e", ""] },
    // What Node's ESM loader costs by itself, for reading the ESM rows.
    { name: "ESM loader only (import of node:path)", args: esm("node:path") },
    { name: "ours (ESM import)", args: esm("@polar-customers/sdk") },
    { name: "ours (CJS require)", args: ["-e", `require("@polar-customers/sdk")`] },
    // The unbundled ESM root that bundlers resolve, for comparison with the Node bundle above.
    { name: "per-file ESM root (import of …/sdk/index.js)", args: esm("@polar-customers/sdk/index.js") },
    { name: "0.49.0 (ESM import)", args: esm("polar-sdk-049") },
    { name: "1.0.1 /2026-04 (ESM import)", args: esm("polar-sdk-101/2026-04") },
  ];
}

function timeOnce(args: string[], cwd: string): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${run.stderr}`);
  return ms;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export type ColdResult = {
  /** Median wall time of the case's runs. */
  ms: number;
  /**
   * Median of the per-round differences to the bare-node run of the same round. Rounds run every
   * case back to back, so a slow moment of the machine hits both sides of a difference and one noisy
   * run cannot decide the result.
   */
  aboveBare: number;
};

/** Runs the cases interleaved (round-robin, `runs` rounds); the first case must be the bare node. */
export function coldStart(cases: ColdCase[], runs: number, cwd: string): Map<string, ColdResult> {
  const times = cases.map(() => [] as number[]);
  for (const c of cases) timeOnce(c.args, cwd); // warm the file system cache
  for (let i = 0; i < runs; i++) cases.forEach((c, k) => times[k]!.push(timeOnce(c.args, cwd)));
  const bare = times[0]!;
  return new Map(cases.map((c, k) => [c.name, { ms: median(times[k]!), aboveBare: median(times[k]!.map((t, i) => t - bare[i]!)) }]));
}
