// Maps failures to Polar's status codes and bodies (contract §3).

import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { Conflict, NotPermitted, ResourceNotFound, ValidationFailed } from "../domain/errors.js";
import { BodyDecodingFailed } from "./body.js";
import { stringifyJson } from "../schema/floats.js";
import { echoIssues } from "../schema/echo.js";

export const INVALID_TOKEN_DESCRIPTION = "The access token provided is expired, revoked, malformed, or invalid for other reasons.";
export const INSUFFICIENT_SCOPE_DESCRIPTION = "The request requires higher privileges than provided by the access token.";

/** Thrown by the auth step; carries its own headers. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

export const unauthorized = () =>
  new HttpProblem(401, { error: "Unauthorized", detail: "Unauthorized" }, { "www-authenticate": 'Bearer realm="polar"' });

const oauthHeaders = (wwwAuthenticate: string) => ({
  "cache-control": "no-store",
  pragma: "no-cache",
  "www-authenticate": wwwAuthenticate,
});

export const invalidToken = () =>
  new HttpProblem(
    401,
    { error: "invalid_token", error_description: INVALID_TOKEN_DESCRIPTION },
    oauthHeaders(`Bearer realm="polar", error="invalid_token", error_description="${INVALID_TOKEN_DESCRIPTION}"`),
  );

export const insufficientScope = (required: readonly string[]) =>
  new HttpProblem(
    403,
    { error: "insufficient_scope", error_description: INSUFFICIENT_SCOPE_DESCRIPTION },
    oauthHeaders(`Bearer realm="polar", scope="${required.join(" ")}", error="insufficient_scope", error_description="${INSUFFICIENT_SCOPE_DESCRIPTION}"`),
  );

export function sendJson(reply: FastifyReply, status: number, body: unknown, headers?: Record<string, string>): FastifyReply {
  if (headers !== undefined) reply.headers(headers);
  return reply.code(status).header("content-type", "application/json").send(stringifyJson(body));
}

export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof ValidationFailed) return sendJson(reply, 422, { error: error.kind, detail: echoIssues(error.issues) });
  if (error instanceof ResourceNotFound) return sendJson(reply, 404, { error: "ResourceNotFound", detail: "Not found" });
  if (error instanceof NotPermitted) return sendJson(reply, 403, { error: "NotPermitted", detail: error.message });
  if (error instanceof Conflict) return sendJson(reply, 409, { error: "Conflict", detail: error.message });
  if (error instanceof HttpProblem) return sendJson(reply, error.status, error.body, error.headers);
  if (error instanceof BodyDecodingFailed) return sendJson(reply, 400, { detail: error.message });
  const status = (error as FastifyError).statusCode;
  if (status === 413) return sendJson(reply, 413, bodyTooLarge());
  if (status !== undefined && status >= 400 && status < 500) {
    return sendJson(reply, status, { detail: error.message });
  }
  request.log.error({ err: error }, "unhandled error");
  return reply.code(500).header("content-type", "text/plain; charset=utf-8").send("Internal Server Error");
}

export const MAX_BODY_BYTES = 10 * 1024 * 1024;
export const bodyTooLarge = () => ({ error: "RequestBodyTooLarge", detail: `Request body exceeded the maximum allowed size of ${MAX_BODY_BYTES} bytes.` });
export const lengthRequired = () => ({ error: "LengthRequired", detail: "A Content-Length header is required." });
