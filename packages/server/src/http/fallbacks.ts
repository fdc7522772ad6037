// What Starlette does when no route matches (§1): another method on a known
// path → 405; the same path with or without a trailing slash → 307 there.

import type { FastifyInstance, FastifyRequest } from "fastify";
import { sendJson } from "./errors.js";
import { CUSTOMER_OPERATIONS, pathPattern } from "./operations.js";

interface KnownPath {
  pattern: RegExp;
  methods: Set<string>;
}

function knownPaths(extra: { method: string; path: string }[]): KnownPath[] {
  const byPath = new Map<string, KnownPath>();
  for (const { method, path } of [...Object.values(CUSTOMER_OPERATIONS), ...extra]) {
    const known = byPath.get(path) ?? { pattern: pathPattern(path), methods: new Set<string>() };
    known.methods.add(method);
    if (method === "GET") known.methods.add("HEAD");
    byPath.set(path, known);
  }
  return [...byPath.values()];
}

const absoluteUrl = (request: FastifyRequest, path: string, search: string) =>
  `${request.protocol}://${request.headers.host ?? "localhost"}${path}${search}`;

export function registerFallbacks(app: FastifyInstance, publicRoutes: { method: string; path: string }[]): void {
  const paths = knownPaths(publicRoutes);
  app.setNotFoundHandler((request, reply) => {
    const [path, query] = splitUrl(request.url);
    const known = paths.find((p) => p.pattern.test(path));
    if (known) return sendJson(reply, 405, { detail: "Method Not Allowed" }, { allow: [...known.methods].join(", ") });
    const toggled = path.endsWith("/") ? path.slice(0, -1) : `${path}/`;
    if (path !== "/" && paths.some((p) => p.pattern.test(toggled))) {
      return reply.code(307).header("location", absoluteUrl(request, toggled, query)).send();
    }
    return sendJson(reply, 404, { detail: "Not Found" });
  });
}

function splitUrl(url: string): [string, string] {
  const q = url.indexOf("?");
  return q < 0 ? [url, ""] : [url.slice(0, q), url.slice(q)];
}
