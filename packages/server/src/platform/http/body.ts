// Request bodies the way FastAPI reads them in strict content-type mode: only
// `application/json` and `application/*+json` are parsed; any other (or no)
// content type leaves the raw text to fail schema validation. Parsing happens
// before authentication, so malformed JSON wins over a missing token, as on Polar;
// it is one linear pass, in slices for large bodies, so that costs little.

import type { FastifyInstance, FastifyRequest } from "fastify";
import { issue } from "../schema/issues.js";
import { ValidationFailed } from "../errors.js";
import { JsonSyntaxLocator, findJsonSyntaxError, type JsonSyntaxError } from "./json-errors.js";
import { PARSE_SLICE_CHARS, parseJson, parseJsonInSlices } from "../schema/floats.js";
import { JsonLimitExceeded, inSlices } from "../schema/json-parser.js";
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

export function decodeBody(buffer: Buffer, contentType: string | undefined): RequestBody | Promise<RequestBody> {
  if (buffer.length === 0) return undefined;
  let text: string;
  try {
    text = decoder.decode(buffer);
  } catch {
    if (isJsonMediaType(contentType)) throw new BodyDecodingFailed();
    text = buffer.toString("latin1");
  }
  if (!isJsonMediaType(contentType)) return new RawBody(text);
  // A large body is parsed in slices so that it cannot hold up other requests; a small one at once.
  if (text.length > PARSE_SLICE_CHARS) return parseLargeJson(text);
  try {
    return parseJson(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw beyondLimits(error);
    throw jsonInvalid(findJsonSyntaxError(text));
  }
}

async function parseLargeJson(text: string): Promise<unknown> {
  try {
    return await parseJsonInSlices(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw beyondLimits(error);
    const locator = new JsonSyntaxLocator(text);
    await inSlices((chars) => locator.advance(chars), PARSE_SLICE_CHARS);
    throw jsonInvalid(locator.result);
  }
}

/**
 * Python's decoder gives up on deep nesting with a RecursionError, which FastAPI answers as a body it
 * could not parse (400); our parser's limits (see json-parser.ts) answer the same.
 */
const beyondLimits = (error: unknown): unknown => (error instanceof JsonLimitExceeded ? new BodyDecodingFailed() : error);

const jsonInvalid = (found: JsonSyntaxError | null) => {
  const { position, message } = found ?? { position: 0, message: "Expecting value" };
  return new ValidationFailed(
    [issue("json_invalid", ["body", position], "JSON decode error", {}, { error: message })],
    "RequestValidationError",
  );
};

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
    let decoded: RequestBody | Promise<RequestBody>;
    try {
      decoded = decodeBody(body, request.headers["content-type"]);
    } catch (error) {
      return done(error as Error, undefined);
    }
    if (decoded instanceof Promise)
      decoded.then(
        (value) => done(null, value),
        (error: Error) => done(error, undefined),
      );
    else done(null, decoded);
  });
}

/** The value schema validation sees: raw text for non-JSON bodies, else the parsed JSON. */
export const bodyInput = (body: RequestBody): unknown => (body instanceof RawBody ? body.text : body);
