// `npm run bench`: measures the three performance goals of the SDK in one run and prints a
// Markdown table (pasted into README.md).
import { fileURLToPath } from "node:url";
import { Polar } from "@polar-customers/sdk";
import { startServer } from "../test/support/server.js";
import { bundleCases, bundleSize } from "./bundle.js";
import { coldCases, coldStart } from "./coldstart.js";
import { clients, throughput } from "./throughput.js";

const pkgDir = fileURLToPath(new URL("..", import.meta.url));
const quick = process.argv.includes("--quick");
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const out = (line = "") => console.log(line);
/** One line per goal, printed after the tables. */
const verdicts: string[] = [];
const verdict = (goal: string, pass: boolean, measured: string) => verdicts.push(`${pass ? "PASS" : "MISS"}  ${goal}: ${measured}`);

out(`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
out();
out("| Bundle (esbuild, minified, gzip -9) | size | goal |");
out("|---|---:|---|");
for (const c of bundleCases) {
  const { gzip } = await bundleSize(c.source, pkgDir);
  // 1 KB = 1024 bytes, judged on the exact byte count rather than the rounded figure.
  const limit = c.name.startsWith("ours: PolarCore") ? 4 : c.name.startsWith("ours: Polar") ? 8 : 0;
  out(`| ${c.name} | ${kb(gzip)} | ${limit ? `≤ ${limit} KB` : ""} |`);
  if (limit) verdict(`bundle ${c.name.slice(6)} ≤ ${limit} KB`, gzip <= limit * 1024, `${gzip} bytes (${kb(gzip)})`);
}

out();
// At least 15 rounds even with --quick: fewer lets one noisy run move the median.
const coldRuns = quick ? 15 : 21;
const cold = coldStart(coldCases(), coldRuns, pkgDir);
out(`| Cold start of a fresh \`node\` (${coldRuns} interleaved rounds) | median wall time | median above bare node | goal |`);
out("|---|---:|---:|---|");
for (const [name, { ms, aboveBare }] of cold) {
  const ours = name.startsWith("ours");
  out(
    `| ${name} | ${ms.toFixed(1)} ms | ${name.startsWith("bare") ? "" : `${aboveBare.toFixed(1)} ms`} | ${ours ? "≤ 20 ms above" : ""} |`,
  );
  if (ours) verdict(`cold start, ${name.slice(6, -1)} ≤ 20 ms above bare node`, aboveBare <= 20, `${aboveBare.toFixed(1)} ms`);
}

out();
const server = await startServer();
try {
  const seed = new Polar({ accessToken: server.token, serverURL: server.url });
  const customer = await seed.customers.create({
    email: "bench@acme.io",
    name: "Bench",
    externalId: "bench-1",
    billingAddress: { country: "SE" },
    metadata: { plan: "pro", seats: 3 },
  });
  const rates = await throughput(clients(server.url, server.token), customer.id, quick ? 1 : 7, quick ? 500 : 1500);
  const base = rates.get("plain fetch + res.json()")!;
  out("| Sequential `customers.get` against a local server (median) | calls/s | vs plain fetch | goal |");
  out("|---|---:|---:|---|");
  for (const [name, rate] of rates) {
    out(`| ${name} | ${rate.toFixed(0)} | ${((rate / base) * 100).toFixed(0)}% | ${name === "ours" ? "≥ 90%" : ""} |`);
  }
  const share = rates.get("ours")! / base;
  verdict("customers.get call rate ≥ 90% of plain fetch", share >= 0.9, `${(share * 100).toFixed(0)}%`);
} finally {
  await server.stop();
}

out();
for (const line of verdicts) out(line);
