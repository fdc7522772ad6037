// Health probes for supervisors and load balancers, outside Polar's API:
// GET /healthz answers while the process runs; GET /readyz also runs a trivial
// query and answers 503 when the database does not answer in time. Neither
// needs a token, and neither goes through Polar's pipeline (an Authorization
// or Polar-Version header is ignored), so a probe never depends on either.
import type { FastifyInstance } from "fastify";
import type { KnownRoute } from "./fallbacks.js";
import { sendJson } from "./send.js";

export interface Probes {
  /** Resolves when the database answers a trivial query (the schema is migrated before the server starts). */
  checkDatabase(): Promise<void>;
}

/** A readiness check that takes longer than this is a failure: a hung database must not hang the probe. */
export const READINESS_TIMEOUT_MS = 2_000;

export const PROBE_ROUTES: readonly KnownRoute[] = [
  { method: "GET", path: "/healthz" },
  { method: "GET", path: "/readyz" },
];

/**
 * Whether the request pipeline should let a request through untouched. A
 * string test, not the route's config: `request.routeOptions` builds a new
 * object on every access, which the hot path cannot afford.
 */
export function isProbe(url: string): boolean {
  if (url.charCodeAt(1) === 118 /* "v": every /v1/… request */) return false;
  const path = url.includes("?") ? url.slice(0, url.indexOf("?")) : url;
  return path === "/healthz" || path === "/readyz";
}

function withTimeout(check: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([check, timeout]).finally(() => clearTimeout(timer));
}

export function registerProbes(app: FastifyInstance, probes: Probes): void {
  app.get("/healthz", (_request, reply) => sendJson(reply, 200, { status: "ok" }));
  app.get("/readyz", async (_request, reply) => {
    try {
      await withTimeout(probes.checkDatabase(), READINESS_TIMEOUT_MS);
      return sendJson(reply, 200, { status: "ok", database: "ok" });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return sendJson(reply, 503, { status: "unavailable", database: `unreachable: ${reason}` });
    }
  });
}
