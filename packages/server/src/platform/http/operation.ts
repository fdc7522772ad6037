// One definition per operation. The same object registers the route, checks
// its scopes, parses its path, query and body (issues collected in FastAPI's
// order: path, query, body), serialises its answer and documents it in the
// OpenAPI document. Handlers receive parsed input and return a value; the
// definition's response schema turns it into JSON.

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AccessContext } from "../auth/principal.js";
import type { Scope } from "../auth/scopes.js";
import { ValidationFailed } from "../errors.js";
import type { NamedSchema } from "../schema/component.js";
import { INVALID } from "../schema/core.js";
import type { Issue } from "../schema/issues.js";
import { parsePath, type PathParam, type PathValues, type QueryDefinition, type RawQuery } from "../schema/query.js";
import type { ResponseSchema } from "../schema/response.js";
import type { AnswerMemo } from "./answer-memo.js";
import { bodyInput } from "./body.js";
import type { DocumentedError } from "./errors.js";
import { sendJson, sendJsonText } from "./send.js";
import { stringifyJson } from "../schema/floats.js";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

export interface OperationInput<P, Q, B> {
  access: AccessContext;
  params: P;
  query: Q;
  body: B;
}

export interface OperationSpec<Services, P extends Record<string, PathParam<unknown>>, Q, B, R> {
  method: HttpMethod;
  /** Fastify syntax (`/v1/customers/:id`); parameter names are the wire names. */
  path: string;
  /** Polar's `group:name` (the SDKs' method names come from it). */
  operationId: string;
  summary: string;
  description: string;
  /** The request is allowed when the token has any of these. */
  scopes: readonly Scope[];
  params?: P;
  query?: QueryDefinition<Q>;
  body?: NamedSchema<B>;
  /** Success status and body; no body means an empty answer (204). */
  response: { status: number; body?: ResponseSchema<R> };
  /** Domain errors the handler may raise, documented from the error registry. */
  errors?: readonly DocumentedError[];
  /** Documentation only: a body the endpoint accepts, and a value its handler returns (serialised by `response.body`). */
  examples?: OperationExamples<R>;
  /**
   * The answer depends only on stored data, the caller and the request (no clock, no side
   * effects): its body may be reused until the next commit (see answer-memo.ts).
   */
  memo?: boolean;
  handle(input: OperationInput<PathValues<P>, Q, B>, services: Services): Promise<R>;
}

export interface OperationExamples<R> {
  /** A request body as a client sends it (JSON). */
  body?: Record<string, unknown>;
  /** What the handler returns; the published example is its serialised form, so it cannot drift from the wire format. */
  response?: R;
}

/** An operation with its types erased, as routing and documentation see it. */
export interface Operation<Services = never> {
  readonly method: HttpMethod;
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  readonly scopes: readonly Scope[];
  readonly params?: Record<string, PathParam<unknown>>;
  readonly query?: QueryDefinition<unknown>;
  readonly body?: NamedSchema<unknown>;
  readonly response: { status: number; body?: ResponseSchema<unknown> };
  readonly errors?: readonly DocumentedError[];
  readonly examples?: OperationExamples<unknown>;
  readonly memo?: boolean;
  handle(input: OperationInput<unknown, unknown, unknown>, services: Services): Promise<unknown>;
}

/** Declares an operation for a module whose handlers use `Services`; the input types follow from the spec. */
export const operationsFor =
  <Services>() =>
  <P extends Record<string, PathParam<unknown>> = Record<never, never>, Q = undefined, B = undefined, R = void>(
    spec: OperationSpec<Services, P, Q, B, R>,
  ): Operation<Services> =>
    spec as unknown as Operation<Services>;

/** The operations of one module together with the services their handlers call. */
export interface RouteGroup {
  operations: readonly Operation<never>[];
  services: unknown;
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** Scopes the route accepts; routes without it are public (docs, OpenAPI). */
    scopes?: readonly Scope[];
  }
}

/** A missing body is FastAPI's `missing` at ["body"]. */
function readBody(schema: NamedSchema<unknown>, request: FastifyRequest, issues: Issue[]): unknown {
  if (request.body === undefined || request.body === null) {
    issues.push({ type: "missing", loc: ["body"], msg: "Field required", input: null });
    return INVALID;
  }
  return schema.parse(bodyInput(request.body), ["body"], issues);
}

type AnyRequest = FastifyRequest<{ Params: Record<string, string>; Querystring: RawQuery }>;

/** Who asks and what they see: a memo'd answer is only ever reused for the same caller and organizations. */
function memoKey(op: Operation<unknown>, request: AnyRequest): string {
  const { principal, organizationIds } = request.access;
  const caller = principal.kind === "organization" ? `o:${principal.organizationId}` : `u:${principal.userId}`;
  return `${op.operationId}\u0000${request.apiVersion}\u0000${caller}\u0000${organizationIds.join(",")}\u0000${request.url}`;
}

export function registerOperations(app: FastifyInstance, group: RouteGroup, memo?: AnswerMemo): void {
  for (const op of group.operations as readonly Operation<unknown>[]) {
    const success = op.response;
    const remembered = op.memo === true && memo !== undefined && success.body !== undefined ? memo : undefined;
    app.route({
      method: op.method,
      url: op.path,
      config: { scopes: op.scopes },
      handler: async (request: AnyRequest, reply: FastifyReply) => {
        const issues: Issue[] = [];
        const params = op.params ? parsePath(op.params, request.params, issues) : {};
        const query = op.query ? op.query.parse(request.query, issues) : undefined;
        const body = op.body ? readBody(op.body, request, issues) : undefined;
        if (issues.length > 0) throw new ValidationFailed(issues, "RequestValidationError");
        if (remembered !== undefined) {
          const compute = async () =>
            stringifyJson(success.body!.serialize(await op.handle({ access: request.access, params, query, body }, group.services)));
          return sendJsonText(reply, success.status, await remembered.remember(memoKey(op, request), compute));
        }
        const result = await op.handle({ access: request.access, params, query, body }, group.services);
        if (success.body === undefined) return reply.code(success.status).send();
        return sendJson(reply, success.status, success.body.serialize(result));
      },
    });
  }
}
