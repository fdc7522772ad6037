// The request pipeline every route runs through, in Polar's order of
// precedence: version check → Content-Length rules → bearer-token resolution
// → routing → body parsing → authentication/scopes → validation → handler.

import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Authenticator, Authentication } from "../auth/authenticate.js";
import { accessContext, hasAnyScope, type AccessContext } from "../auth/principal.js";
import type { Scope } from "../auth/scopes.js";
import { ValidationFailed } from "../errors.js";
import { parseUuid4 } from "../schema/uuid.js";
import type { Issue } from "../schema/issues.js";
import { INVALID } from "../schema/core.js";
import { bodyTooLarge, insufficientScope, invalidToken, lengthRequired, MAX_BODY_BYTES, unauthorized } from "./problems.js";
import { sendJson } from "./send.js";
import { isProbe } from "./probes.js";
import { resolveApiVersion, type ApiVersion } from "./versioning.js";

declare module "fastify" {
  interface FastifyRequest {
    apiVersion: ApiVersion;
    authentication: Authentication;
    access: AccessContext;
  }
}

const LEGACY_PREFIX = "/api/v1/";
const DEPRECATION_NOTICE = "The API root has moved from /api/v1 to /v1. Please update your integration.";
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);
const legacyRequests = new WeakSet<object>();

/** Fastify `rewriteUrl`: serves the legacy `/api/v1/…` root and remembers to warn about it. */
export function rewriteLegacyUrl(raw: { url?: string }): string {
  const url = lenientPercentEncoding(raw.url ?? "/");
  if (!url.startsWith(LEGACY_PREFIX)) return url;
  legacyRequests.add(raw);
  return url.slice(4);
}

const REPLACEMENT_DECODER = new TextDecoder("utf-8");

/**
 * The server in front of Starlette percent-decodes the path leniently (`unquote`: a stray `%` stays
 * literal, undecodable bytes become U+FFFD) where Fastify's router would answer 400. Re-encode such
 * spots so the router decodes the path to the same text; well-formed paths are returned untouched.
 */
function lenientPercentEncoding(url: string): string {
  const end = url.indexOf("?") < 0 ? url.length : url.indexOf("?");
  const path = url.slice(0, end);
  if (!path.includes("%")) return url;
  const fixed = path.replace(/(?:%[0-9A-Fa-f]{2})+|%/g, (run) => {
    if (run === "%") return "%25";
    try {
      decodeURIComponent(run);
      return run;
    } catch {
      const bytes = Uint8Array.from(run.slice(1).split("%"), (hex) => parseInt(hex, 16));
      return encodeURIComponent(REPLACEMENT_DECODER.decode(bytes));
    }
  });
  return fixed + url.slice(end);
}

export function registerRequestPipeline(app: FastifyInstance, authenticator: Authenticator): void {
  app.decorateRequest("apiVersion", "2026-04");
  app.decorateRequest("authentication", null as never);
  app.decorateRequest("access", null as never);

  // Callback-style hooks: the common request (cached token) passes without allocating promises.
  app.addHook("onRequest", (request, reply, done) => {
    if (isProbe(request.url)) return done();
    const version = resolveApiVersion(request.headers["polar-version"]);
    if (version === null) return void sendJson(reply, 404, { detail: "Not Found" });
    request.apiVersion = version;
    // Set up front rather than in onSend: every later answer, errors included, carries them.
    reply.header("polar-version", version).header("cache-control", "private, no-store");
    if (legacyRequests.has(request.raw)) reply.header("x-polar-deprecation-notice", DEPRECATION_NOTICE);
    if (BODY_METHODS.has(request.method)) {
      const length = request.headers["content-length"];
      if (length === undefined) return void sendJson(reply, 411, lengthRequired());
      if (Number(length) > MAX_BODY_BYTES) return void sendJson(reply, 413, bodyTooLarge());
    }
    const proceed = (authentication: Authentication) => {
      request.authentication = authentication;
      if (authentication.kind === "invalid") return done(invalidToken());
      // Fastify lets a path parameter match an empty segment (`DELETE /v1/customers/`); Starlette's `[^/]+` does not.
      if (hasEmptyParam(request.params)) return void reply.callNotFound();
      done();
    };
    const authentication = authenticator.authenticate(request.headers.authorization);
    if (authentication instanceof Promise) authentication.then(proceed, done);
    else proceed(authentication);
  });

  // Authentication and scopes are checked first thing in each scoped handler, wrapped in here
  // rather than run as a preHandler hook: same order (after body parsing, before validation), one
  // hook pass fewer on every request.
  app.addHook("onRoute", (route) => {
    const scopes = route.config?.scopes;
    if (scopes === undefined) return;
    const handler = route.handler;
    route.handler = function scoped(this: FastifyInstance, request, reply) {
      authorize(request, scopes);
      return handler.call(this, request, reply);
    };
  });
}

function authorize(request: FastifyRequest, accepted: readonly Scope[]): void {
  const { authentication } = request;
  if (authentication.kind !== "principal") throw unauthorized();
  if (!hasAnyScope(authentication.principal, accepted)) throw insufficientScope(accepted);
  request.access = accessContext(authentication.principal, organizationHeader(request));
}

function hasEmptyParam(params: unknown): boolean {
  if (params === null || typeof params !== "object") return false;
  for (const key in params) if ((params as Record<string, unknown>)[key] === "") return true;
  return false;
}

/** `Polar-Organization: <uuid>` narrows a request to one of the caller's organizations. */
function organizationHeader(request: FastifyRequest): string | null {
  const header = request.headers["polar-organization"];
  if (header === undefined) return null;
  const issues: Issue[] = [];
  const value = parseUuid4(Array.isArray(header) ? header[header.length - 1] : header, ["header", "polar-organization"], issues);
  if (value === INVALID) throw new ValidationFailed(issues, "RequestValidationError");
  return value;
}
