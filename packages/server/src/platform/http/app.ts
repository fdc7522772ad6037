// Assembles the Fastify application from the platform's request pipeline and
// the route groups of the modules, plus OpenAPI/docs and the fallbacks. No I/O
// happens here beyond what the given services do.

import Fastify, { type FastifyInstance } from "fastify";
import { Authenticator, type CredentialSource } from "../auth/authenticate.js";
import type { Clock } from "../clock.js";
import { registerBodyParsing } from "./body.js";
import { renderDocsPage } from "./docs.js";
import { handleError } from "./errors.js";
import { registerFallbacks, type KnownRoute } from "./fallbacks.js";
import { buildOpenApiDocument } from "./openapi.js";
import { registerOperations, type Operation, type RouteGroup } from "./operation.js";
import { registerRequestPipeline, rewriteLegacyUrl } from "./pipeline.js";
import { MAX_BODY_BYTES } from "./problems.js";
import { fastifyLogging, type RequestLog } from "./request-log.js";

export interface AppOptions {
  credentials: CredentialSource;
  routes: readonly RouteGroup[];
  clock: Clock;
  /** Without one, nothing is logged. */
  log?: RequestLog;
}

export interface App {
  fastify: FastifyInstance;
}

const noSchemaCompiler = () => () => {
  throw new Error("routes of this server declare no Fastify schemas");
};

export function buildApp({ credentials, routes, clock, log }: AppOptions): App {
  const fastify = Fastify({
    ...fastifyLogging(log),
    bodyLimit: MAX_BODY_BYTES,
    rewriteUrl: rewriteLegacyUrl,
    // Starlette keeps the query string apart from routing and ignores a trailing "?".
    routerOptions: { ignoreDuplicateSlashes: false, maxParamLength: 10_000 },
    return503OnClosing: true,
    // Routes declare no Fastify schemas (operations parse their own input), so
    // Fastify's Ajv and fast-json-stringify compilers would only cost startup time to load.
    schemaController: { compilersFactory: { buildValidator: noSchemaCompiler, buildSerializer: noSchemaCompiler } },
  });
  fastify.setErrorHandler(handleError);
  registerRequestPipeline(fastify, new Authenticator(credentials, () => clock.now().getTime()));
  registerBodyParsing(fastify);
  for (const group of routes) registerOperations(fastify, group);

  const operations = routes.flatMap((group) => group.operations as readonly Operation<unknown>[]);
  const openapi = JSON.stringify(buildOpenApiDocument(operations));
  const docs = renderDocsPage(JSON.parse(openapi));
  fastify.get("/openapi.json", (_request, reply) => reply.header("content-type", "application/json").send(openapi));
  fastify.get("/docs", (_request, reply) => reply.header("content-type", "text/html; charset=utf-8").send(docs));
  const publicRoutes: KnownRoute[] = [
    { method: "GET", path: "/openapi.json" },
    { method: "GET", path: "/docs" },
  ];
  registerFallbacks(fastify, [...operations, ...publicRoutes]);
  return { fastify };
}
