// The measured endpoints: what wrk sends (a Lua script and its parameters) and
// how to fetch a few typical responses first, whose median size the baseline
// then serves. Reads come first in the run order; writes last, since they
// change the data (and, on PostgreSQL, may wake autovacuum).
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { DatasetMeta } from "./datasets.js";
import type { LoadScript } from "./wrk.js";

export const LIST_LIMIT = 10;
/** Requests sent one at a time before the load: their status is checked, their median size and latency kept. */
export const PROBES = 9;
/** The deep page: 1000 at 1 M; a smaller organization uses its last full page (page 1000 exists from 10 000 customers on). */
export const deepPage = (size: number) => Math.max(1, Math.min(1000, Math.floor(size / LIST_LIMIT)));

export interface Endpoint {
  name: string;
  title: (size: number) => string;
  load: (files: ValueFiles, size: number) => LoadScript;
  /** One typical request (the i-th of a few probes), as wrk would send it. */
  probe: (meta: DatasetMeta, i: number) => { method: string; path: string; body?: string };
  /** Not measurable yet: the reason, shown in RESULTS.md instead of figures. */
  pending?: string;
  /** Builds what the endpoint reads through the API of the running server, before its probes; may add value files. */
  prepare?: (api: Api, meta: DatasetMeta, files: ValueFiles) => Promise<void>;
}

/** One request to the running server with the data set's token; resolves with the parsed JSON answer, throws on non-2xx. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read loosely by the harness
export type Api = (method: string, path: string, body?: unknown) => Promise<any>;

export interface ValueFiles {
  ids: string;
  externalIds: string;
  queryTerms: string;
  /** Customers given 3 subscriptions, 5 grants and 2 meters by the state-full endpoint's preparation. */
  stateful?: string;
}

/** Writes the sampled ids, external ids and search terms where the Lua scripts read them, one per line. */
export function writeValueFiles(dir: string, meta: DatasetMeta): ValueFiles {
  const files = { ids: join(dir, "ids.txt"), externalIds: join(dir, "external-ids.txt"), queryTerms: join(dir, "query-terms.txt") };
  writeFileSync(files.ids, meta.sample.ids.join("\n") + "\n");
  writeFileSync(files.externalIds, meta.sample.externalIds.map(encodeURIComponent).join("\n") + "\n");
  writeFileSync(files.queryTerms, meta.sample.queryTerms.map(encodeURIComponent).join("\n") + "\n");
  return files;
}

const nth = <T>(list: readonly T[], i: number) => list[(i * 7919) % list.length];
const getPath = (env: Record<string, string>): LoadScript => ({ script: "random-path.lua", env });

export const ENDPOINTS: Endpoint[] = [
  {
    name: "get",
    title: () => "GET /v1/customers/{id}",
    load: (f) => getPath({ BENCH_VALUES: f.ids, BENCH_PATH_PREFIX: "/v1/customers/" }),
    probe: (m, i) => ({ method: "GET", path: `/v1/customers/${nth(m.sample.ids, i)}` }),
  },
  {
    name: "get-external",
    title: () => "GET /v1/customers/external/{external_id}",
    load: (f) => getPath({ BENCH_VALUES: f.externalIds, BENCH_PATH_PREFIX: "/v1/customers/external/" }),
    probe: (m, i) => ({ method: "GET", path: `/v1/customers/external/${encodeURIComponent(nth(m.sample.externalIds, i))}` }),
  },
  {
    name: "state",
    title: () => "GET /v1/customers/{id}/state",
    load: (f) => getPath({ BENCH_VALUES: f.ids, BENCH_PATH_PREFIX: "/v1/customers/", BENCH_PATH_SUFFIX: "/state" }),
    probe: (m, i) => ({ method: "GET", path: `/v1/customers/${nth(m.sample.ids, i)}/state` }),
  },
  {
    name: "state-full",
    title: () => "GET /v1/customers/{id}/state (3 subscriptions, 5 grants, 2 meters)",
    prepare: prepareFullState,
    load: (f) => getPath({ BENCH_VALUES: f.stateful!, BENCH_PATH_PREFIX: "/v1/customers/", BENCH_PATH_SUFFIX: "/state" }),
    probe: (_m, i) => ({ method: "GET", path: `/v1/customers/${nth(fullStateCustomers, i)}/state` }),
  },
  {
    name: "list",
    title: () => `GET /v1/customers/?limit=${LIST_LIMIT} (first page)`,
    load: () => getPath({ BENCH_PATH_PREFIX: `/v1/customers/?limit=${LIST_LIMIT}` }),
    probe: () => ({ method: "GET", path: `/v1/customers/?limit=${LIST_LIMIT}` }),
  },
  {
    name: "list-query",
    title: () => `GET /v1/customers/?limit=${LIST_LIMIT}&query={4–6 chars}`,
    load: (f) => getPath({ BENCH_VALUES: f.queryTerms, BENCH_PATH_PREFIX: `/v1/customers/?limit=${LIST_LIMIT}&query=` }),
    probe: (m, i) => ({
      method: "GET",
      path: `/v1/customers/?limit=${LIST_LIMIT}&query=${encodeURIComponent(nth(m.sample.queryTerms, i))}`,
    }),
  },
  {
    name: "list-deep",
    title: (size) => `GET /v1/customers/?limit=${LIST_LIMIT}&page=${deepPage(size)}`,
    load: (_f, size) => getPath({ BENCH_PATH_PREFIX: `/v1/customers/?limit=${LIST_LIMIT}&page=${deepPage(size)}` }),
    probe: (m) => ({ method: "GET", path: `/v1/customers/?limit=${LIST_LIMIT}&page=${deepPage(m.size)}` }),
  },
  {
    name: "create",
    title: () => "POST /v1/customers/",
    load: () => ({ script: "create.lua", env: {} }),
    probe: (_m, i) => {
      const n = `probe-${process.pid}-${Date.now().toString(36)}-${i}`;
      const body = {
        email: `bench.${n}@example.com`,
        name: `Bench ${n}`,
        external_id: `bench_${n}`,
        billing_address: { country: "SE" },
        metadata: { source: "wrk", seats: 1 + (i % 50) },
      };
      return { method: "POST", path: "/v1/customers/", body: JSON.stringify(body) };
    },
  },
  {
    name: "patch",
    title: () => "PATCH /v1/customers/{id}",
    load: (f) => ({ script: "patch.lua", env: { BENCH_VALUES: f.ids } }),
    probe: (m, i) => ({
      method: "PATCH",
      path: `/v1/customers/${nth(m.sample.ids, i)}`,
      body: JSON.stringify({ name: `Renamed probe ${i}`, metadata: { plan: "pro", seats: 1 + (i % 50) } }),
    }),
  },
];

/** How many customers of the data set get the full state (their ids are what wrk requests). */
const FULL_STATE_CUSTOMERS = 50;
let fullStateCustomers: string[] = [];

/**
 * The catalog of a typical subscription business, then FULL_STATE_CUSTOMERS customers with 3
 * subscriptions (5 benefit grants in all, 2 of them meter credits) and usage on 2 meters.
 */
async function prepareFullState(api: Api, meta: DatasetMeta, files: ValueFiles): Promise<void> {
  const meter = (name: string, aggregation: object) =>
    api("POST", "/v1/meters/", {
      name,
      filter: { conjunction: "and", clauses: [{ property: "name", operator: "eq", value: name }] },
      aggregation,
    });
  const calls = await meter("api_call", { func: "count" });
  const tokens = await meter("llm_tokens", { func: "sum", property: "tokens" });
  const benefit = (type: string, description: string, properties: object) =>
    api("POST", "/v1/benefits/", { type, description, properties });
  const support = await benefit("custom", "Priority support", { note: "Write to support@example.com" });
  const beta = await benefit("feature_flag", "Beta features", {});
  const callCredits = await benefit("meter_credit", "10 000 API calls", { units: 10_000, rollover: false, meter_id: calls.id });
  const tokenCredits = await benefit("meter_credit", "1 M tokens", { units: 1_000_000, rollover: true, meter_id: tokens.id });
  const discord = await benefit("custom", "Community", { note: null });
  const product = async (name: string, meterId: string | null, benefits: string[]) => {
    const prices: object[] = [{ amount_type: "fixed", price_amount: 0 }];
    if (meterId !== null) prices.push({ amount_type: "metered_unit", meter_id: meterId, unit_amount: "0.01" });
    const created = await api("POST", "/v1/products/", { name, recurring_interval: "month", prices });
    await api("POST", `/v1/products/${created.id}/benefits`, { benefits });
    return created;
  };
  const plans = [
    await product("API", calls.id, [support.id, callCredits.id]),
    await product("LLM", tokens.id, [tokenCredits.id, beta.id]),
    await product("Community", null, [discord.id]),
  ];
  fullStateCustomers = meta.sample.ids.slice(0, FULL_STATE_CUSTOMERS);
  for (const customerId of fullStateCustomers) {
    for (const plan of plans) await api("POST", "/v1/subscriptions/", { product_id: plan.id, customer_id: customerId });
    await api("POST", "/v1/events/ingest", {
      events: [
        { name: "api_call", customer_id: customerId },
        { name: "llm_tokens", customer_id: customerId, metadata: { tokens: 1234 } },
      ],
    });
  }
  const state = await api("GET", `/v1/customers/${fullStateCustomers[0]}/state`);
  const shape = [state.active_subscriptions?.length, state.granted_benefits?.length, state.active_meters?.length].join("/");
  if (shape !== "3/5/2")
    throw new Error(`state-full: a prepared customer's state has ${shape} subscriptions/grants/meters, expected 3/5/2`);
  files.stateful = join(dirname(files.ids), "state-full-ids.txt");
  writeFileSync(files.stateful, fullStateCustomers.join("\n") + "\n");
}
