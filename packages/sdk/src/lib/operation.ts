import { decodeValidationError } from "../models/components/validationerror.js";
import {
  ConnectionError,
  HTTPClientError,
  InvalidRequestError,
  RequestAbortedError,
  RequestTimeoutError,
  UnexpectedClientError,
} from "../models/errors/httpclienterrors.js";
import { HTTPValidationError } from "../models/errors/httpvalidationerror.js";
import { withExchange, type PolarError } from "../models/errors/polarerror.js";
import { ResourceNotFound } from "../models/errors/resourcenotfound.js";
import { ResponseValidationError } from "../models/errors/responsevalidationerror.js";
import { SDKError } from "../models/errors/sdkerror.js";
import { SDKValidationError } from "../models/errors/sdkvalidationerror.js";
import type { APICall } from "../types/async.js";
import { ERR, type Result } from "../types/fp.js";
import { env } from "./env.js";
import { logExchange } from "./debug.js";
import { DEFAULT_RETRY_CODES, retry, type RetryConfig } from "./retries.js";
import { array, isObject, literal, object, optional, SchemaIssue, string, type Decoder } from "./schema.js";
import type { ClientSDK } from "./sdks.js";
import { joinURL, toBase } from "./url.js";
import { userAgent } from "./useragent.js";

/** Per-call options: the last argument of every method and standalone function. */
export type RequestOptions = {
  /** Per-attempt timeout in ms; overrides the client's `timeoutMs`. Ignored when a `signal` is given. */
  timeoutMs?: number | undefined;
  /** Overrides the client's `retryConfig` for this call. */
  retries?: RetryConfig | undefined;
  /** Statuses to retry, exact ("503") or by class ("5XX"). Default: 429, 500, 502, 503, 504. */
  retryCodes?: string[] | undefined;
  /** Overrides the base URL for this call. */
  serverURL?: string | URL | undefined;
  /** @deprecated Pass these fields at the top level of the options instead. */
  fetchOptions?: Omit<RequestInit, "method" | "body"> | undefined;
} & Omit<RequestInit, "method" | "body">;

/** Errors that come from the transport rather than from an HTTP response. */
export type TransportError = ConnectionError | RequestAbortedError | RequestTimeoutError | InvalidRequestError | UnexpectedClientError;

/** What a call without ResourceNotFound (list, create) can fail with. */
export type BaseCallError = HTTPValidationError | PolarError | ResponseValidationError | TransportError | SDKValidationError;

/** What a call on one customer can fail with. */
export type CustomerCallError = ResourceNotFound | BaseCallError;

/** How to send one operation and how to read its answer. */
export type Operation<T> = {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Relative to the base URL, without a leading slash; already percent-encoded. */
  path: string;
  query?: string;
  /** The wire (snake_case) body, sent as JSON. */
  body?: unknown;
  /** The one status that means success (200, 201 or 204). */
  success: number;
  /** Absent for operations that return nothing (204). */
  decode?: Decoder<T>;
  /** Whether a 404 JSON body is read as ResourceNotFound. */
  notFound?: boolean;
};

/** The call's outcome and what `$inspect` shows. Paging reads the raw JSON in its `decode`. */
export type Outcome<T, E> = [Result<T, E>, APICall];

const JSON_TYPE = /^application\/json\s*(;|$)/i;

const decodeNotFound = object<{ error: "ResourceNotFound"; detail: string }>({
  error: literal("ResourceNotFound"),
  detail: string,
});
const decodeValidationBody = object<{ detail?: any }>({ detail: optional(array(decodeValidationError)) });

// Matched against "name|code|message" of what was thrown. 23 is the legacy DOMException code of a
// timeout. Bun names its connection errors ConnectionError; fetch itself rejects with a TypeError:
// Node says "fetch failed", Chrome and Deno "Failed to fetch", Firefox "NetworkError…", Safari "Load failed".
const TIMEOUT = /^TimeoutError\||\|(23|ECONNABORTED)\|/;
const CONNECTION =
  /^ConnectionError\||\|ECONN(RESET|REFUSED)\||^TypeError\|[^|]*\|(fetch failed|failed to fetch|networkerror|load failed)/i;

/** Maps whatever fetch or a body read threw onto the SDK's transport errors. */
function classify(err: any, signal: AbortSignal | null | undefined): HTTPClientError {
  if (err instanceof HTTPClientError) return err;
  const id = `${err?.name}|${err?.code}|${err?.message}`;
  const [Kind, message] = TIMEOUT.test(id)
    ? [RequestTimeoutError, "Request timed out"]
    : err?.name === "AbortError" || signal?.aborted
      ? [RequestAbortedError, "Request aborted by client"]
      : CONNECTION.test(id)
        ? [ConnectionError, "Unable to make request"]
        : [UnexpectedClientError, "Unexpected HTTP client error"];
  return new Kind(message, { cause: err });
}

/**
 * Sends one operation and turns everything that can happen into a Result: bad input, transport
 * failures (a body read that dropped or timed out included), throwing hooks or token functions.
 */
export async function send<T, E>(
  client: ClientSDK,
  build: () => Operation<T>,
  input: unknown,
  options: RequestOptions | undefined,
): Promise<Outcome<T, E>> {
  const { fetchOptions, retries, retryCodes, timeoutMs, serverURL, headers: callHeaders, ...fetchFields } = options ?? {};
  // What `$inspect` shows; replaced once something is sent, then completed in place.
  let call: any = { status: "invalid" };
  let url = "";
  let init: RequestInit = {};
  let sent: Request | undefined;
  // Built only when someone asks ($inspect, errors): plain fetch does not need a Request object.
  const request = () => (sent ??= new Request(url, init));
  try {
    const op = build();
    const base = serverURL ? toBase(serverURL) : client._base;
    if (!base) throw new InvalidRequestError("No base URL provided for operation");
    let token = client._options.accessToken;
    if (typeof token === "function") token = await token();
    // "" means "send no Authorization", so only null/undefined fall back to the environment.
    token ??= env().POLAR_ACCESS_TOKEN;

    // Lower-case names, so a header given in the options replaces ours instead of joining it.
    const headers: Record<string, string> = { accept: "application/json" };
    if (op.body !== undefined) headers["content-type"] = "application/json";
    if (token) headers["authorization"] = /^bearer /i.test(token) ? token : "Bearer " + token;
    const extraHeaders = callHeaders ?? fetchOptions?.headers;
    if (extraHeaders) new Headers(extraHeaders).forEach((value, key) => (headers[key] = value));
    // Set last on purpose: only the `userAgent` client option can change it.
    const ua = userAgent(client._options.userAgent);
    if (ua) headers["user-agent"] = ua;

    url = joinURL(base, op.path, op.query);
    init = {
      ...fetchOptions,
      ...fetchFields,
      method: op.method,
      headers,
      body: op.body === undefined ? null : JSON.stringify(op.body),
    };
    const timeout = timeoutMs || client._options.timeoutMs || 0;
    const logger = client._logger;
    const http = client._options.httpClient;
    const title = `${op.method} ${url}`;

    const attempt = async (): Promise<Response> => {
      // A caller's own signal replaces the timeout, as in the official SDK.
      const attemptInit = timeout > 0 && !init.signal ? { ...init, signal: AbortSignal.timeout(timeout) } : init;
      if (logger) logExchange(logger, `> Request: ${title}`, headers, attemptInit.body);
      // Without an HTTPClient nobody can observe a Request object, so fetch gets the URL and init.
      // Classified here already so that retry() can tell connection errors and timeouts apart.
      const res = await (http ? http.request(new Request(url, attemptInit)) : fetch(url, attemptInit)).catch((err) => {
        throw classify(err, init.signal);
      });
      // A clone, so the caller can still read the body.
      if (logger)
        logExchange(
          logger,
          `< Response: ${title} (Status Code: ${res.status})`,
          res.headers,
          await res
            .clone()
            .text()
            .catch(() => ""),
        );
      return res;
    };

    call = {
      status: "request-error",
      get request() {
        return request();
      },
    };
    const res = await retry(attempt, retries || client._options.retryConfig, retryCodes || DEFAULT_RETRY_CODES);
    call.status = "complete";
    call.response = res;
    return [(await read(op, res, request)) as Result<T, E>, call];
  } catch (err) {
    return [
      ERR((err instanceof SchemaIssue ? new SDKValidationError("Input validation failed", err, input) : classify(err, init.signal)) as E),
      call,
    ];
  }
}

/** Matches status and content type, then decodes. */
async function read<T>(op: Operation<T>, res: Response, request: () => Request): Promise<Result<T, unknown>> {
  const status = res.status;
  const success = status === op.success;
  if (success && !op.decode) {
    res.body?.cancel().catch(() => {}); // not awaited: see retry()
    return { ok: true } as Result<T, never>;
  }
  // test(null) reads "null", which is not JSON either.
  const isJSON = JSON_TYPE.test(res.headers.get("content-type")!);
  const expected = isJSON && (success || status === 422 || (status === 404 && op.notFound));
  const body = await res.text();
  const meta = { response: res, request: request(), body };
  if (!expected) {
    return ERR(new SDKError(status >= 400 && status < 600 ? "API error occurred" : "Unexpected Status or Content-Type", meta));
  }
  let value: unknown = body;
  try {
    value = JSON.parse(body);
    if (success) return { ok: true, value: op.decode!(value) };
    return ERR(
      status === 404 ? new ResourceNotFound(decodeNotFound(value), meta) : new HTTPValidationError(decodeValidationBody(value), meta),
    );
  } catch (err) {
    // Bad JSON (the official SDK lets that SyntaxError escape) or the wrong shape. For an error
    // status the raw value also carries the exchange, as the official error bodies do.
    const rawValue = !success && isObject(value) ? withExchange(value, meta) : value;
    return ERR(new ResponseValidationError("Response validation failed", { ...meta, cause: err, rawValue }));
  }
}
