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
const lines: string[] = [];
const out = (line = "") => {
  lines.push(line);
  console.log(line);
};

out(`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
out();
out("| Bundle (esbuild, minified, gzip -9) | size | goal |");
out("|---|---:|---|");
for (const c of bundleCases) {
  const { gzip } = await bundleSize(c.source, pkgDir);
  const goal = c.name.startsWith("ours: PolarCore") ? "≤ 4 KB" : c.name.startsWith("ours: Polar") ? "≤ 8 KB" : "";
  out(`| ${c.name} | ${kb(gzip)} | ${goal} |`);
}

out();
const cold = coldStart(coldCases(), quick ? 5 : 15, pkgDir);
const bare = cold.get("bare node -e ''")!;
out("| Cold start of a fresh `node` (median) | wall time | above bare node | goal |");
out("|---|---:|---:|---|");
for (const [name, ms] of cold) {
  const goal = name.startsWith("ours") ? "≤ 20 ms above" : "";
    out(`| ${name} | ${ms.toFixed(1)} ms | ${name.startsWith("bare") ? "" : `${(ms - bare).toFixed(1)} ms`} | ${goal} |`);
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
} finally {
  await server.stop();
}
