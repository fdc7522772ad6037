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
import type { PolarError } from "../models/errors/polarerror.js";
import { ResourceNotFound } from "../models/errors/resourcenotfound.js";
import { ResponseValidationError } from "../models/errors/responsevalidationerror.js";
import { SDKError } from "../models/errors/sdkerror.js";
import { SDKValidationError } from "../models/errors/sdkvalidationerror.js";
import type { APICall } from "../types/async.js";
import { ERR, OK, type Result } from "../types/fp.js";
import { env } from "./env.js";
import { logExchange, logResponse } from "./debug.js";
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
export type TransportError =
  | ConnectionError
  | RequestAbortedError
  | RequestTimeoutError
  | InvalidRequestError
  | UnexpectedClientError;

/** What a call without ResourceNotFound (list, create) can fail with. */
export type BaseCallError =
  | HTTPValidationError
  | PolarError
  | ResponseValidationError
  | TransportError
  | SDKValidationError;

/** What a call on one customer can fail with. */
export type CustomerCallError = ResourceNotFound | BaseCallError;

/** How to send one operation and how to read its answer. */
export type Operation<T> = {
  id: string;
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

/** The call's outcome, what `$inspect` shows, and the raw JSON (paging reads it). */
export type Outcome<T, E> = [Result<T, E>, APICall, unknown];

const INVALID: APICall = { status: "invalid" };
const JSON_TYPE = /^application\/json\s*(;|$)/i;

const decodeNotFound = object<{ error: "ResourceNotFound"; detail: string }>({
  error: literal("ResourceNotFound"),
  detail: string,
});
const decodeValidationBody = object<{ detail?: any }>({ detail: optional(array(decodeValidationError)) });

/** Node says "fetch failed", Chrome and Deno "Failed to fetch", Firefox "NetworkError…", Safari "Load failed". */
const NETWORK_FAILURE = /^(fetch failed|failed to fetch|networkerror|load failed)/i;

function isConnectionError(err: any): boolean {
  return (
    (err instanceof TypeError && NETWORK_FAILURE.test(err.message)) ||
    err?.code === "ECONNRESET" ||
    err?.code === "ECONNREFUSED" ||
    err?.name === "ConnectionError" // Bun
  );
}

/** Maps whatever fetch or a body read threw onto the SDK's transport errors. */
function classify(err: unknown, signal: AbortSignal | null | undefined): HTTPClientError {
  if (err instanceof HTTPClientError) return err;
  const e = err as { name?: string; code?: unknown } | null;
  if (e?.name === "TimeoutError" || e?.code === 23 || e?.code === "ECONNABORTED") {
    return new RequestTimeoutError("Request timed out", { cause: err });
  }
  if (e?.name === "AbortError" || signal?.aborted) return new RequestAbortedError("Request aborted by client", { cause: err });
  return isConnectionError(err)
    ? new ConnectionError("Unable to make request", { cause: err })
    : new UnexpectedClientError("Unexpected HTTP client error", { cause: err });
}

async function resolveToken(client: ClientSDK): Promise<string | undefined> {
  let token = client._options.accessToken;
  if (typeof token === "function") token = await token();
  // "" means "send no Authorization", so only null/undefined fall back to the environment.
  return token ?? env().POLAR_ACCESS_TOKEN;
}

/**
 * Sends one operation and turns everything that can happen into a Result. Only programming
 * errors (bugs) escape as exceptions.
 */
export async function send<T, E>(
  client: ClientSDK,
  build: () => Operation<T>,
  input: unknown,
  options: RequestOptions | undefined,
): Promise<Outcome<T, E>> {
  const { fetchOptions, retries, retryCodes, timeoutMs, serverURL, headers: callHeaders, ...fetchFields } =
    options ?? {};
  let call: APICall = INVALID;
  let url = "";
  let init: RequestInit = {};
  let sent: Request | undefined;
  const request = () => (sent ??= new Request(url, init));
  try {
    const op = build();
    const base = serverURL ? toBase(serverURL) : client._base;
    if (!base) throw new InvalidRequestError("No base URL provided for operation");
    const token = await resolveToken(client);

    let headers: Record<string, string> | Headers = { Accept: "application/json" };
    if (op.body !== undefined) headers["Content-Type"] = "application/json";
    if (token) headers["Authorization"] = /^bearer /i.test(token) ? token : `Bearer ${token}`;
    const extraHeaders = callHeaders ?? fetchOptions?.headers;
    if (extraHeaders) {
      headers = new Headers(headers);
      for (const [key, value] of new Headers(extraHeaders)) headers.set(key, value);
    }
    // Set last on purpose: only the `userAgent` client option can change it.
    const ua = userAgent(client._options.userAgent);
    if (ua) headers instanceof Headers ? headers.set("user-agent", ua) : (headers["user-agent"] = ua);

    url = joinURL(base, op.path, op.query ?? "");
    init = {
      ...fetchOptions,
      ...fetchFields,
      method: op.method,
      headers,
      body: op.body === undefined ? null : JSON.stringify(op.body),
    };
    const timeout = timeoutMs || client._options.timeoutMs || 0;
    const logger = client._logger;

    const attempt = async (): Promise<Response> => {
      // A caller's own signal replaces the timeout, as in the official SDK.
      const attemptInit = timeout > 0 && !init.signal ? { ...init, signal: AbortSignal.timeout(timeout) } : init;
      if (logger) logExchange(logger, `> Request: ${op.method} ${url}`, headers, attemptInit.body);
      let res: Response;
      try {
        const http = client._httpClient;
        // Without an HTTPClient nobody can observe a Request object, so fetch gets the URL and init.
        res = await (http ? http.request(new Request(url, attemptInit)) : fetch(url, attemptInit));
      } catch (err) {
        throw classify(err, init.signal);
      }
      if (logger) await logResponse(logger, op.method, url, res);
      return res;
    };

    call = { status: "request-error", get request() { return request(); } };
    const res = await retry(attempt, retries || client._options.retryConfig, retryCodes || DEFAULT_RETRY_CODES);
    call = { status: "complete", get request() { return request(); }, response: res };
    const [result, raw] = await read(op, res, request);
    return [result as Result<T, E>, call, raw];
  } catch (err) {
    // Nothing escapes a standalone function: bad input, transport failures (a body read that
    // dropped or timed out included) and throwing hooks or token functions all become Results.
    const error = err instanceof SchemaIssue
      ? new SDKValidationError("Input validation failed", err, input)
      : classify(err, init.signal);
    return [ERR(error as E), call, undefined];
  }
}

type Read<T> = [Result<T, unknown>, unknown];

/** Matches status and content type, then decodes; also returns the parsed JSON (paging reads it). */
async function read<T>(op: Operation<T>, res: Response, request: () => Request): Promise<Read<T>> {
  const status = res.status;
  if (status === op.success && !op.decode) {
    res.body?.cancel().catch(() => {}); // not awaited: see retry()
    return [{ ok: true } as Result<T, never>, undefined];
  }
  const isJSON = JSON_TYPE.test(res.headers.get("content-type") ?? "");
  const expected = isJSON && (status === op.success || status === 422 || (status === 404 && !!op.notFound));
  const body = await res.text();
  const meta = { response: res, request: request(), body };
  if (!expected) {
    const prefix = status >= 400 && status < 600 ? "API error occurred" : "Unexpected Status or Content-Type";
    return [ERR(new SDKError(prefix, meta)), undefined];
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    // The official SDK lets this SyntaxError escape; here it is a typed error like any bad body.
    return [ERR(new ResponseValidationError("Response validation failed", { ...meta, cause: err, rawValue: body })), undefined];
  }
  try {
    if (status === op.success) return [OK(op.decode!(value)), value];
    if (status === 404) return [ERR(new ResourceNotFound(decodeNotFound(value), meta)), value];
    return [ERR(new HTTPValidationError(decodeValidationBody(value), meta)), value];
  } catch (err) {
    if (!(err instanceof SchemaIssue)) throw err;
    const rawValue =
      status !== op.success && isObject(value) ? { ...value, request$: meta.request, response$: res, body$: body } : value;
    return [ERR(new ResponseValidationError("Response validation failed", { ...meta, cause: err, rawValue })), value];
  }
}
