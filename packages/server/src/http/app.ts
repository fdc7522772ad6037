// Assembles the Fastify application: conventions, body parsing, the customers
// routes, OpenAPI/docs and the fallbacks. No I/O happens here beyond what the
// given storage does.

import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import type { Storage } from "../storage/types.js";
import { Authenticator } from "../domain/auth/authenticate.js";
import { CustomerService } from "../domain/customers/service.js";
import { registerBodyParsing } from "./body.js";
import { registerConventions, rewriteLegacyUrl } from "./conventions.js";
import { handleError, MAX_BODY_BYTES } from "./errors.js";
import { registerFallbacks } from "./fallbacks.js";
import { buildOpenApiDocument, renderDocsPage } from "./openapi.js";
import { registerCustomerRoutes } from "./routes/customers.js";

export interface AppOptions {
  storage: Storage;
  logger?: FastifyServerOptions["logger"];
}

export interface App {
  fastify: FastifyInstance;
}

export function buildApp({ storage, logger = false }: AppOptions): App {
  const fastify = Fastify({
    logger,
    bodyLimit: MAX_BODY_BYTES,
    rewriteUrl: rewriteLegacyUrl,
    // Starlette keeps the query string apart from routing and ignores a trailing "?".
    routerOptions: { ignoreDuplicateSlashes: false, maxParamLength: 10_000 },
    return503OnClosing: true,
  });
  const authenticator = new Authenticator(storage);
  const service = new CustomerService(storage.customers);

  fastify.setErrorHandler(handleError);
  registerConventions(fastify, authenticator);
  registerBodyParsing(fastify);
  registerCustomerRoutes(fastify, service);

  const openapi = JSON.stringify(buildOpenApiDocument());
  const docs = renderDocsPage(JSON.parse(openapi));
  fastify.get("/openapi.json", (_request, reply) => reply.header("content-type", "application/json").send(openapi));
  fastify.get("/docs", (_request, reply) => reply.header("content-type", "text/html; charset=utf-8").send(docs));
  registerFallbacks(fastify, [
    { method: "GET", path: "/openapi.json" },
    { method: "GET", path: "/docs" },
  ]);
  return { fastify };
}
