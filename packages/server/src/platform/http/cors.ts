// Cross-origin access for browser apps and external docs tools, off unless
// origins are configured (`--cors-origin`). Registered before the request
// pipeline: a browser's preflight carries neither the token nor the
// Polar-Version header, so it is answered before those checks run.

import cors from "@fastify/cors";
import type { FastifyInstance } from "fastify";

/** `*` or origins as parsed by `parseCorsOrigins`. */
export type CorsOrigins = readonly string[];

export function registerCors(app: FastifyInstance, origins: CorsOrigins): void {
  if (origins.length === 0) return;
  const anyOrigin = origins.includes("*");
  const allowed = new Set(origins);
  void app.register(cors, {
    // Requests from other origins, and OPTIONS requests that are not preflights, get no CORS
    // headers and go on to the usual answers (405 for OPTIONS).
    origin: (origin, callback) =>
      callback(null, origin !== undefined && (anyOrigin || allowed.has(origin)) ? (anyOrigin ? "*" : origin) : false),
    methods: ["GET", "HEAD", "POST", "PATCH", "DELETE"],
    // Bearer tokens, not cookies: credentials mode is never needed.
    credentials: false,
    exposedHeaders: ["polar-version", "x-polar-deprecation-notice"],
    maxAge: 600,
  });
}
