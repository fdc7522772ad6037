// The one table from error classes to HTTP answers. The error handler and the
// OpenAPI document both read it, so what we document is what we send.

import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import {
  AlreadyCanceledSubscription,
  BadRequest,
  CannotPauseSubscription,
  Conflict,
  InactiveSubscription,
  NoScheduledPause,
  NotASeatBasedSubscription,
  NotAUnitBasedSubscription,
  NotPausedSubscription,
  NotPermitted,
  PolarError,
  ResourceNotFound,
  type PolarErrorClass,
  ResourceUnavailable,
  StorageUnavailable,
  ValidationFailed,
  type UnavailableReason,
} from "../errors.js";
import { component, ref, type Component } from "../schema/component.js";
import type { JsonSchema } from "../schema/core.js";
import { echoIssues } from "../schema/echo.js";
import { BodyDecodingFailed, bodyTooLarge, HttpProblem } from "./problems.js";
import { sendJson } from "./send.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ErrorClass = abstract new (...args: any[]) => Error;

interface ErrorMapping<E extends Error> {
  type: abstract new (...args: never[]) => E;
  status: (error: E) => number;
  body: (error: E) => unknown;
  headers?: (error: E) => Record<string, string>;
  /** A failure of ours rather than the client's: logged as one line, with this message. */
  log?: (error: E) => string;
  /** How operations that may raise it document it. */
  doc?: { status: number; description: string; schema?: Component };
}

const mapping = <E extends Error>(m: ErrorMapping<E>) => m as unknown as ErrorMapping<Error>;

const errorSchema = (name: string, detail: string) =>
  component(name, {
    type: "object",
    title: name,
    properties: { error: { type: "string", const: name }, detail: { type: "string", examples: [detail] } },
    required: ["error", "detail"],
  });

const validationError = component("ValidationError", {
  type: "object",
  title: "ValidationError",
  properties: {
    type: { type: "string" },
    loc: { type: "array", items: { anyOf: [{ type: "string" }, { type: "integer" }] } },
    msg: { type: "string" },
    input: {},
    ctx: { type: "object" },
  },
  required: ["type", "loc", "msg", "input"],
});

export const HTTP_VALIDATION_ERROR = component("HTTPValidationError", {
  type: "object",
  title: "HTTPValidationError",
  properties: { error: { type: "string" }, detail: { type: "array", items: ref(validationError) } },
  required: ["detail"],
});

/** What a client is told while the database cannot be used, and how soon to try again (seconds). */
const UNAVAILABLE: Record<UnavailableReason, { detail: string; retryAfter: number }> = {
  busy: { detail: "The database is busy; retry the request shortly.", retryAfter: 1 },
  full: { detail: "The database has run out of disk space; retry the request later.", retryAfter: 5 },
  unreachable: { detail: "The database is unreachable; retry the request later.", retryAfter: 5 },
};

/** Polar's named errors: each class carries its status, message and documentation (platform/errors.ts, polarError). */
const POLAR_ERRORS: readonly PolarErrorClass<never>[] = [
  AlreadyCanceledSubscription,
  InactiveSubscription,
  ResourceUnavailable,
  BadRequest,
  NotASeatBasedSubscription,
  NotAUnitBasedSubscription,
  CannotPauseSubscription,
  NoScheduledPause,
  NotPausedSubscription,
];

const ERROR_REGISTRY: readonly ErrorMapping<Error>[] = [
  ...POLAR_ERRORS.map((type) => {
    const { spec } = type;
    return mapping({
      type: type as unknown as abstract new (...args: never[]) => PolarError,
      status: () => spec.status,
      body: (e: PolarError) => ({ error: e.errorName, detail: e.message }),
      doc: { status: spec.status, description: spec.description, schema: errorSchema(spec.name, spec.example) },
    });
  }),
  mapping({
    type: ValidationFailed,
    status: () => 422,
    body: (e) => ({ error: e.kind, detail: echoIssues(e.issues) }),
    doc: { status: 422, description: "Validation Error", schema: HTTP_VALIDATION_ERROR },
  }),
  mapping({
    type: ResourceNotFound,
    status: () => 404,
    body: () => ({ error: "ResourceNotFound", detail: "Not found" }),
    doc: { status: 404, description: "Not found.", schema: errorSchema("ResourceNotFound", "Not found") },
  }),
  mapping({
    type: NotPermitted,
    status: () => 403,
    body: (e) => ({ error: "NotPermitted", detail: e.message }),
    doc: { status: 403, description: "The token lacks a required scope, or the member's role does not allow this." },
  }),
  mapping({
    type: Conflict,
    status: () => 409,
    body: (e) => ({ error: "Conflict", detail: e.message }),
    doc: { status: 409, description: "The request is ambiguous or conflicts with the current state.", schema: errorSchema("Conflict", "") },
  }),
  mapping({
    type: StorageUnavailable,
    status: () => 503,
    body: (e) => ({ error: "ServiceUnavailable", detail: UNAVAILABLE[e.reason].detail }),
    headers: (e) => ({ "retry-after": String(UNAVAILABLE[e.reason].retryAfter) }),
    log: (e) => `storage unavailable (${e.reason}): ${describeCause(e.cause)}`,
    doc: {
      status: 503,
      description: "The database cannot be used right now; nothing was written. Retry after `Retry-After` seconds.",
      schema: errorSchema("ServiceUnavailable", UNAVAILABLE.unreachable.detail),
    },
  }),
  mapping({ type: HttpProblem, status: (e) => e.status, body: (e) => e.body, headers: (e) => e.headers }),
  mapping({ type: BodyDecodingFailed, status: () => 400, body: (e) => ({ detail: e.message }) }),
];

const describeCause = (cause: unknown): string => {
  if (!(cause instanceof Error)) return String(cause);
  const code = (cause as { code?: unknown }).code;
  return typeof code === "string" && !cause.message.includes(code) ? `${code}: ${cause.message}` : cause.message;
};

const mappingFor = (error: Error) => ERROR_REGISTRY.find((m) => error instanceof m.type);

export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const known = mappingFor(error);
  if (known) {
    if (known.log) request.log.error({ err: (error as { cause?: unknown }).cause ?? error }, known.log(error));
    return sendJson(reply, known.status(error), known.body(error), known.headers?.(error));
  }
  const status = (error as FastifyError).statusCode;
  if (status === 413) return sendJson(reply, 413, bodyTooLarge());
  if (status !== undefined && status >= 400 && status < 500) return sendJson(reply, status, { detail: error.message });
  request.log.error({ err: error }, "unhandled error");
  return reply.code(500).header("content-type", "text/plain; charset=utf-8").send("Internal Server Error");
}

/** An error an operation may raise, optionally with a description in the operation's own words. */
export type DocumentedError = ErrorClass | readonly [ErrorClass, string];

/** OpenAPI `responses` entries for the given errors, from the registry. */
export function errorResponses(errors: readonly DocumentedError[]): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const entry of errors) {
    const [type, description] = Array.isArray(entry) ? (entry as readonly [ErrorClass, string]) : [entry as ErrorClass, undefined];
    const doc = ERROR_REGISTRY.find((m) => m.type === type)?.doc;
    if (!doc) throw new Error(`error ${type.name} has no documented HTTP response`);
    const key = String(doc.status);
    const previous = out[key] as { description: string; content?: { "application/json": { schema: JsonSchema } } } | undefined;
    const schema = doc.schema && ref(doc.schema);
    // Several errors with one status (403 AlreadyCanceledSubscription | InactiveSubscription) share the entry.
    const merged =
      previous?.content && schema
        ? {
            anyOf: [
              ...((previous.content["application/json"].schema.anyOf as JsonSchema[]) ?? [previous.content["application/json"].schema]),
              schema,
            ],
          }
        : schema;
    out[key] = {
      description: previous ? `${previous.description} / ${description ?? doc.description}` : (description ?? doc.description),
      ...(merged && { content: { "application/json": { schema: merged } } }),
    };
  }
  return out;
}
