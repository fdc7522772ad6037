// Request-body parsing: our parseJson (keeps floats, limits depth and object
// size, can pause) against JSON.parse on the same texts in the same run, then
// what a 10 MiB body costs the event loop:
//   1. MB/s of parseJson and JSON.parse per body shape, and their ratio;
//   2. linearity: parseJson's MB/s on 1, 2.5, 5 and 10 MB of floats;
//   3. the longest slice of parseJsonInSlices (how long parsing holds the loop);
//   4. over HTTP, with the server in a child process: the worst latency of small
//      GETs sent one after another while the server handles each 10 MiB body.
// Not a test: timings on a shared machine are noisy, so compare ratios.
//   npm run build && node --import tsx bench/json-parse.ts [--rounds 7] [--http true|false]
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { parseArgs } from "node:util";
import { JsonParser } from "../src/platform/schema/json-parser.js";
import { JsonFloat, PARSE_SLICE_CHARS, parseJson } from "../src/platform/schema/floats.js";

const { values: args } = parseArgs({ options: { rounds: { type: "string", default: "7" }, http: { type: "string", default: "true" } } });
const ROUNDS = Number(args.rounds);
const MB = 1_000_000;
const BODY_BYTES = 10 * 1024 * 1024 - 1024; // just under the server's body limit

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `head` + items joined by commas + `tail`, with as many items (cycling through `items`) as fit in `bytes`. */
function fill(head: string, items: readonly string[], tail: string, bytes = BODY_BYTES): string {
  const parts: string[] = [];
  let length = head.length + tail.length;
  for (let i = 0; length + items[i % items.length].length + 1 <= bytes; i++) {
    parts.push(items[i % items.length]);
    length += items[i % items.length].length + 1;
  }
  return head + parts.join(",") + tail;
}

const FLOATS = ["1.5", "-0.25", "3.0", "123.456", "1e-07", "2.5e+16", "0.1", "99.99", "6.02214076e23", "-7.0"];
const INTS = ["1", "-42", "1234567", "0", "9007199254740991", "31337", "-1", "65536"];
const CUSTOMER = JSON.stringify({
  email: "jane.doe@example.com",
  name: "Jane Doe",
  external_id: "usr_1337",
  billing_address: { line1: "1 Rue de la Paix", city: "Paris", postal_code: "75002", country: "FR" },
  tax_id: "FR61954506077",
  locale: "fr-FR",
  metadata: { plan: "pro", seats: 3, ratio: 1.5, beta: true },
});
const NESTED = JSON.stringify({
  email: "n@example.com",
  metadata: { plan: "team", seats: 12, discount: 0.15, tags: ["a", 'b"c'], nested: { level: { deeper: [1, 2.5, true, null, 'x\\"y'] } } },
});

interface Shape {
  name: string;
  text: string;
  /** Parses per timed run (small bodies are parsed many times to get measurable times). */
  repeat: number;
}

const shapes: Shape[] = [
  { name: "10 MB of floats (metadata array)", text: fill('{"email":"f@example.com","metadata":[', FLOATS, "]}"), repeat: 1 },
  { name: "10 MB of ints (metadata array)", text: fill('{"email":"i@example.com","metadata":[', INTS, "]}"), repeat: 1 },
  { name: "10 MB of nested metadata objects", text: fill("[", [NESTED], "]"), repeat: 1 },
  { name: "typical customer body", text: CUSTOMER, repeat: 20_000 },
  { name: "object with 10,000 keys", text: `{${Array.from({ length: 10_000 }, (_, i) => `"key_${i}":${i}`).join(",")}}`, repeat: 50 },
];

function time(parse: (text: string) => unknown, shape: Shape): number {
  const started = performance.now();
  for (let i = 0; i < shape.repeat; i++) parse(shape.text);
  return performance.now() - started;
}

const mbPerSecond = (shape: Shape, ms: number) => (shape.text.length * shape.repeat) / MB / (ms / 1000);

function throughput(): void {
  console.log(`\n1. Throughput (${ROUNDS} paired rounds; MB/s medians, ratio = median of per-round JSON.parse time / parseJson time)\n`);
  console.log("| body | size | JSON.parse MB/s | parseJson MB/s | parseJson speed vs JSON.parse |");
  console.log("|---|---|---|---|---|");
  for (const shape of shapes) {
    time(JSON.parse, shape); // warm-up
    time(parseJson, shape);
    const native: number[] = [];
    const ours: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate the order so that neither always runs right after the other's garbage.
      if (round % 2 === 0) {
        native.push(time(JSON.parse, shape));
        ours.push(time(parseJson, shape));
      } else {
        ours.push(time(parseJson, shape));
        native.push(time(JSON.parse, shape));
      }
    }
    const ratio = median(native.map((n, i) => n / ours[i]));
    const size = shape.text.length >= MB ? `${(shape.text.length / MB).toFixed(1)} MB` : `${shape.text.length} B`;
    console.log(
      `| ${shape.name} | ${size} | ${mbPerSecond(shape, median(native)).toFixed(0)} | ${mbPerSecond(shape, median(ours)).toFixed(0)} | ${(ratio * 100).toFixed(0)}% |`,
    );
  }
}

function linearity(): void {
  console.log(`\n2. Linearity: floats bodies of growing size (MB/s medians of ${ROUNDS} runs; flat means linear time)\n`);
  console.log("| size | parseJson MB/s | JSON.parse MB/s |");
  console.log("|---|---|---|");
  for (const bytes of [1, 2.5, 5, 10].map((m) => m * MB)) {
    const shape = { name: "", text: fill("[", FLOATS, "]", bytes), repeat: 1 };
    time(parseJson, shape);
    const ours: number[] = [];
    const native: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      ours.push(time(parseJson, shape));
      native.push(time(JSON.parse, shape));
    }
    console.log(
      `| ${(bytes / MB).toFixed(1)} MB | ${mbPerSecond(shape, median(ours)).toFixed(0)} | ${mbPerSecond(shape, median(native)).toFixed(0)} |`,
    );
  }
}

function slices(): void {
  console.log(
    `\n3. Longest uninterrupted stretch of parseJsonInSlices (slices of ${PARSE_SLICE_CHARS / 1024} Ki characters; max over ${ROUNDS} runs)\n`,
  );
  console.log("| body | slices | longest slice ms | whole parse ms |");
  console.log("|---|---|---|---|");
  for (const shape of shapes.filter((s) => s.repeat === 1)) {
    let longest = 0;
    let count = 0;
    const totals: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const parser = new JsonParser(shape.text, (value) => new JsonFloat(value));
      const started = performance.now();
      count = 0;
      for (;;) {
        const sliceStart = performance.now();
        const done = parser.advance(PARSE_SLICE_CHARS);
        longest = Math.max(longest, performance.now() - sliceStart);
        count++;
        if (done) break;
      }
      totals.push(performance.now() - started);
    }
    console.log(`| ${shape.name} | ${count} | ${longest.toFixed(1)} | ${median(totals).toFixed(0)} |`);
  }
}

// --- 4. over HTTP ------------------------------------------------------------------------------

const CLI = new URL("../dist/cli/main.js", import.meta.url).pathname;

function startServer(): Promise<{ child: ChildProcess; url: string; token: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, "serve", "--database", "sqlite::memory:", "--port", "0"], {
      env: { ...process.env, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      const url = /http:\/\/[\d.]+:\d+/.exec(output)?.[0];
      const token = /polar_oat_[A-Za-z0-9_-]+/.exec(output)?.[0];
      if (url && token) resolve({ child, url, token });
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

const agent = new http.Agent({ keepAlive: true });

function send(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: hostname, port, method, path, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

/** Sends small GETs one after another until `until` settles; returns the slowest one's latency. */
async function pingWhile(url: string, path: string, headers: Record<string, string>, until: Promise<unknown>): Promise<number> {
  let done = false;
  until.finally(() => (done = true)).catch(() => undefined);
  let worst = 0;
  while (!done) {
    const started = performance.now();
    const reply = await send(url, "GET", path, headers);
    if (reply.status !== 200) throw new Error(`ping answered ${reply.status}`);
    worst = Math.max(worst, performance.now() - started);
  }
  return worst;
}

async function overHttp(): Promise<void> {
  const server = await startServer();
  try {
    const auth = { authorization: `Bearer ${server.token}` };
    const json = { ...auth, "content-type": "application/json" };
    const created = await send(server.url, "POST", "/v1/customers/", json, Buffer.from(CUSTOMER));
    const ping = `/v1/customers/${(JSON.parse(created.text) as { id: string }).id}`;
    const bodies: [string, Record<string, string>, Buffer][] = [
      ...shapes.filter((s) => s.repeat === 1).map((s): [string, Record<string, string>, Buffer] => [s.name, json, Buffer.from(s.text)]),
      ["10 MB of floats, no token", { "content-type": "application/json" }, Buffer.from(fill("[", FLOATS, "]"))],
      ["10 MB of floats, malformed at the end", json, Buffer.from(`${fill("[", FLOATS, "")},]`)],
      ["1,000-deep nesting", json, Buffer.from(`${"[".repeat(1000)}${"]".repeat(1000)}`)],
      ["100,000 unclosed [", json, Buffer.from("[".repeat(100_000))],
      ["10 MB string as name", json, Buffer.from(JSON.stringify({ email: "s@example.com", name: "x".repeat(BODY_BYTES - 100) }))],
    ];
    console.log(
      `\n4. Over HTTP (server in a child process, SQLite in memory): worst latency of back-to-back small GETs while the server handles each body (max over ${ROUNDS} runs)\n`,
    );
    const idle = await pingWhile(server.url, ping, auth, new Promise((r) => setTimeout(r, 1000)));
    console.log(`idle: worst GET latency over 1 s ${idle.toFixed(1)} ms\n`);
    console.log("| body | status | answer bytes | request ms (median) | worst concurrent GET ms |");
    console.log("|---|---|---|---|---|");
    for (const [name, headers, body] of bodies) {
      let worst = 0;
      const totals: number[] = [];
      let last = { status: 0, text: "" };
      for (let round = 0; round < ROUNDS; round++) {
        const started = performance.now();
        const big = send(server.url, "POST", "/v1/customers/", headers, body).then((reply) => {
          totals.push(performance.now() - started);
          last = reply;
        });
        worst = Math.max(worst, await pingWhile(server.url, ping, auth, big));
        await big;
      }
      console.log(`| ${name} | ${last.status} | ${last.text.length} | ${median(totals).toFixed(0)} | ${worst.toFixed(1)} |`);
    }
  } finally {
    const exited = new Promise((r) => server.child.once("exit", r));
    server.child.kill("SIGTERM");
    await exited;
    agent.destroy();
  }
}

throughput();
linearity();
slices();
if (args.http !== "false") await overHttp();
