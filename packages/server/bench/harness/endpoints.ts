// The measured endpoints: what wrk sends (a Lua script and its parameters) and
// how to fetch a few typical responses first, whose median size the baseline
// then serves. Reads come first in the run order; writes last, since they
// change the data (and, on PostgreSQL, may wake autovacuum).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
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
}

export interface ValueFiles {
  ids: string;
  stateIds: string;
  externalIds: string;
  queryTerms: string;
}

/** Writes the sampled ids, external ids and search terms where the Lua scripts read them, one per line. */
export function writeValueFiles(dir: string, meta: DatasetMeta): ValueFiles {
  const files = {
    ids: join(dir, "ids.txt"),
    stateIds: join(dir, "state-ids.txt"),
    externalIds: join(dir, "external-ids.txt"),
    queryTerms: join(dir, "query-terms.txt"),
  };
  writeFileSync(files.ids, meta.sample.ids.join("\n") + "\n");
  writeFileSync(files.stateIds, meta.stateIds.join("\n") + "\n");
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
    // 3 subscriptions and 5 grants per customer (harness/state-fixture.ts); the 2 customer meters
    // appear once the usage module is part of the server.
    name: "state-full",
    title: () => "GET /v1/customers/{id}/state (3 subscriptions, 5 grants, 2 meters)",
    load: (f) => getPath({ BENCH_VALUES: f.stateIds, BENCH_PATH_PREFIX: "/v1/customers/", BENCH_PATH_SUFFIX: "/state" }),
    probe: (m, i) => ({ method: "GET", path: `/v1/customers/${nth(m.stateIds, i)}/state` }),
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
