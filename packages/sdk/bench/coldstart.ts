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

/** Runs the cases interleaved (round-robin) so machine noise hits all of them alike. */
export function coldStart(cases: ColdCase[], runs: number, cwd: string): Map<string, number> {
  const times = new Map(cases.map((c) => [c.name, [] as number[]]));
  for (const c of cases) timeOnce(c.args, cwd); // warm the file system cache
  for (let i = 0; i < runs; i++) for (const c of cases) times.get(c.name)!.push(timeOnce(c.args, cwd));
  return new Map([...times].map(([name, list]) => [name, median(list)]));
}
