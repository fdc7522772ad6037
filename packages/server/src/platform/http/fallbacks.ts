// What Starlette does when no route matches: another method on a known path
// → 405 with `Allow`; the same path with or without a trailing slash → 307
// there; anything else → 404 `{"detail":"Not Found"}`.

import type { FastifyInstance, FastifyRequest } from "fastify";
import { sendJson } from "./send.js";

export interface KnownRoute {
  method: string;
  /** Fastify syntax. */
  path: string;
}

/** Regex that a concrete request path matches when it addresses `path`. */
const pathPattern = (path: string) => new RegExp(`^${path.replace(/:\w+/g, "[^/]+")}$`);

interface KnownPath {
  pattern: RegExp;
  methods: Set<string>;
}

function knownPaths(routes: readonly KnownRoute[]): KnownPath[] {
  const byPath = new Map<string, KnownPath>();
  for (const { method, path } of routes) {
    const known = byPath.get(path) ?? { pattern: pathPattern(path), methods: new Set<string>() };
    known.methods.add(method);
    if (method === "GET") known.methods.add("HEAD");
    byPath.set(path, known);
  }
  return [...byPath.values()];
}

const absoluteUrl = (request: FastifyRequest, path: string, search: string) =>
  `${request.protocol}://${request.headers.host ?? "localhost"}${path}${search}`;

export function registerFallbacks(app: FastifyInstance, routes: readonly KnownRoute[]): void {
  const paths = knownPaths(routes);
  app.setNotFoundHandler((request, reply) => {
    const [path, query] = splitUrl(request.url);
    const known = paths.find((p) => p.pattern.test(path));
    if (known) return sendJson(reply, 405, { detail: "Method Not Allowed" }, { allow: [...known.methods].join(", ") });
    const toggled = path.endsWith("/") ? path.slice(0, -1) : `${path}/`;
    if (path !== "/" && paths.some((p) => p.pattern.test(toggled))) {
      return reply
        .code(307)
        .header("location", absoluteUrl(request, toggled, query))
        .send();
    }
    return sendJson(reply, 404, { detail: "Not Found" });
  });
}

function splitUrl(url: string): [string, string] {
  const q = url.indexOf("?");
  return q < 0 ? [url, ""] : [url.slice(0, q), url.slice(q)];
}
