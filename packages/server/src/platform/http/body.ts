// Request bodies the way FastAPI reads them in strict content-type mode: only
// `application/json` and `application/*+json` are parsed; any other (or no)
// content type leaves the raw text to fail schema validation. Parsing happens
// before authentication, so malformed JSON wins over a missing token, as on Polar.

import type { FastifyInstance, FastifyRequest } from "fastify";
import { issue } from "../schema/issues.js";
import { ValidationFailed } from "../errors.js";
import { findJsonSyntaxError } from "./json-errors.js";
import { parseJson } from "../schema/floats.js";
import { BodyDecodingFailed } from "./problems.js";

/** A body that could not be parsed as JSON because of its content type. */
export class RawBody {
  constructor(readonly text: string) {}
}

/** What a handler receives: parsed JSON, a RawBody, or undefined when the body is empty. */
export type RequestBody = unknown;

const isJsonMediaType = (contentType: string | undefined): boolean => {
  if (!contentType) return false;
  const media = contentType.split(";", 1)[0].trim().toLowerCase();
  if (media === "application/json") return true;
  return media.startsWith("application/") && media.endsWith("+json");
};

const decoder = new TextDecoder("utf-8", { fatal: true });

export function decodeBody(buffer: Buffer, contentType: string | undefined): RequestBody {
  if (buffer.length === 0) return undefined;
  let text: string;
  try {
    text = decoder.decode(buffer);
  } catch {
    if (isJsonMediaType(contentType)) throw new BodyDecodingFailed();
    text = buffer.toString("latin1");
  }
  if (!isJsonMediaType(contentType)) return new RawBody(text);
  try {
    return parseJson(text);
  } catch {
    const error = findJsonSyntaxError(text) ?? { position: 0, message: "Expecting value" };
    throw new ValidationFailed(
      [issue("json_invalid", ["body", error.position], "JSON decode error", {}, { error: error.message })],
      "RequestValidationError",
    );
  }
}

/** `type/subtype[;params]` as Fastify accepts it; anything else would be a 415 there. */
const MEDIA_TYPE = /^\s*[\w!#$%&'*+.^`|~-]+\/[\w!#$%&'*+.^`|~-]+\s*(;.*)?$/s;

export function registerBodyParsing(app: FastifyInstance): void {
  // FastAPI treats an unparseable Content-Type like any other non-JSON type; Fastify would answer 415.
  app.addHook("onRequest", async (request) => {
    const header = request.headers["content-type"];
    if (typeof header === "string" && !MEDIA_TYPE.test(header)) request.headers["content-type"] = "application/octet-stream";
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (request: FastifyRequest, body: Buffer, done) => {
    try {
      done(null, decodeBody(body, request.headers["content-type"]));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

/** The value schema validation sees: raw text for non-JSON bodies, else the parsed JSON. */
export const bodyInput = (body: RequestBody): unknown => (body instanceof RawBody ? body.text : body);
