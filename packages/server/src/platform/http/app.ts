// Assembles the Fastify application from the platform's request pipeline and
// the route groups of the modules, plus OpenAPI/docs and the fallbacks. No I/O
// happens here beyond what the given services do.

import Fastify, { type FastifyInstance } from "fastify";
import { Authenticator, type CredentialSource } from "../auth/authenticate.js";
import type { Clock } from "../clock.js";
import { registerBodyParsing } from "./body.js";
import { registerCors, type CorsOrigins } from "./cors.js";
import { registerDocs } from "./docs.js";
import { handleError } from "./errors.js";
import { registerFallbacks, type KnownRoute } from "./fallbacks.js";
import { limitedServerFactory, type HttpLimits } from "./listener.js";
import { buildOpenApiDocument } from "./openapi.js";
import { AnswerMemo, type ChangeMark } from "./answer-memo.js";
import { registerOperations, type Operation, type RouteGroup } from "./operation.js";
import { registerRequestPipeline, rewriteLegacyUrl } from "./pipeline.js";
import { MAX_BODY_BYTES } from "./problems.js";
import { PROBE_ROUTES, registerProbes, type Probes } from "./probes.js";
import { registerTestEndpoints, TEST_ROUTES, type TestEndpoints } from "./test-endpoints.js";
import { fastifyLogging, type RequestLog } from "./request-log.js";
import { stringifyJson } from "../schema/floats.js";

export interface AppOptions {
  credentials: CredentialSource;
  routes: readonly RouteGroup[];
  clock: Clock;
  /** Timeouts and the connection cap; defaults in listener.ts. */
  limits?: Partial<HttpLimits>;
  /** Origins allowed to call the API from a browser (`*` for any); none by default. */
  corsOrigins?: CorsOrigins;
  /** GET /healthz and /readyz. */
  probes?: Probes;
  /** The /v1/_test endpoints; absent (the default) means they do not exist. */
  testEndpoints?: TestEndpoints;
  /** Without one, nothing is logged. */
  log?: RequestLog;
  /** The storage's change mark: with one, `memo` operations reuse their answers until the next commit. */
  changeMark?: ChangeMark;
}

export interface App {
  fastify: FastifyInstance;
}

const noSchemaCompiler = () => () => {
  throw new Error("routes of this server declare no Fastify schemas");
};

export function buildApp(options: AppOptions): App {
  const { log, limits, corsOrigins = [] } = options;
  const fastify = Fastify({
    ...fastifyLogging(log),
    serverFactory: limitedServerFactory(limits),
    bodyLimit: MAX_BODY_BYTES,
    rewriteUrl: rewriteLegacyUrl,
    // Starlette keeps the query string apart from routing and ignores a trailing "?".
    routerOptions: { ignoreDuplicateSlashes: false, maxParamLength: 10_000 },
    return503OnClosing: true,
    // Routes declare no Fastify schemas (operations parse their own input), so
    // Fastify's Ajv and fast-json-stringify compilers would only cost startup time to load.
    schemaController: { compilersFactory: { buildValidator: noSchemaCompiler, buildSerializer: noSchemaCompiler } },
  });
  registerCors(fastify, corsOrigins);
  // The rest registers once the CORS plugin has loaded, so that its hook runs first: a preflight is
  // answered before the pipeline, and the pipeline's early answers (401, 404, 411) carry CORS headers.
  fastify.after(() => registerApi(fastify, options));
  return { fastify };
}

function registerApi(fastify: FastifyInstance, { credentials, routes, clock, probes, testEndpoints, changeMark }: AppOptions): void {
  fastify.setErrorHandler(handleError);
  registerRequestPipeline(fastify, new Authenticator(credentials, () => clock.now().getTime()));
  registerBodyParsing(fastify);
  const memo = changeMark && new AnswerMemo(changeMark);
  for (const group of routes) registerOperations(fastify, group, memo);

  const operations = routes.flatMap((group) => group.operations as readonly Operation<unknown>[]);
  // Examples carry JSON floats (`1.0`): the same writer as every answer.
  const openapi = stringifyJson(buildOpenApiDocument(operations));
  fastify.get("/openapi.json", (_request, reply) => reply.header("content-type", "application/json").send(openapi));
  const publicRoutes: KnownRoute[] = [{ method: "GET", path: "/openapi.json" }, ...registerDocs(fastify, JSON.parse(openapi))];
  // Not in the OpenAPI document: it describes Polar's API, and these are this server's own.
  if (probes) {
    registerProbes(fastify, probes);
    publicRoutes.push(...PROBE_ROUTES);
  }
  if (testEndpoints) {
    registerTestEndpoints(fastify, testEndpoints);
    publicRoutes.push(...TEST_ROUTES);
  }
  registerFallbacks(fastify, [...operations, ...publicRoutes]);
}
